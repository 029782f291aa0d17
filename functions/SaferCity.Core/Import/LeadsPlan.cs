using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>One lead to write to the leads list: a new item (<see cref="ItemId"/> null) or the changed fields of one.</summary>
public sealed record LeadWrite(string Name, string? ItemId, IReadOnlyDictionary<string, string?> Fields);

/// <summary>
/// A table of leads against the SharePoint leads list, decided before anything is written. Leads match by name (as the
/// run matches them: any case, ’ and ' alike); a new name is created; an address or alias the list lacks is filled in.
/// One the list already holds differently was set there (an admin's correction) and is kept, unless --overwrite.
/// Nothing is deleted.
/// </summary>
public sealed record LeadsPlan(string ListName, IReadOnlyList<LeadWrite> Writes, IReadOnlyList<string> Unchanged, IReadOnlyList<string> Kept)
{
    public bool HasWrites => Writes.Count > 0;

    public static LeadsPlan Make(string listName, IReadOnlyList<ImportedLead> leads, IReadOnlyList<ListItem> existing, LeadColumns columns,
        bool overwrite)
    {
        var byName = new Dictionary<string, ListItem>(StringComparer.Ordinal);
        foreach (var item in existing)
            if (FieldText.Clean(item[columns.Name]) is { Length: > 0 } name) byName.TryAdd(LeadDirectory.Normalise(name), item);

        var writes = new List<LeadWrite>();
        var unchanged = new List<string>();
        var kept = new List<string>();
        foreach (var lead in leads)
        {
            var file = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [columns.Email] = lead.Email,
                [columns.Aliases] = lead.Aliases };
            if (!byName.TryGetValue(LeadDirectory.Normalise(lead.Name), out var item))
            {
                writes.Add(new LeadWrite(lead.Name, null, new Dictionary<string,
                    string?>(file, StringComparer.OrdinalIgnoreCase) { [columns.Name] = lead.Name }));
                continue;
            }
            var changes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            foreach (var (field, value) in file)
            {
                var now = FieldText.Clean(item[field]);
                if (value is null || string.Equals(now, value, StringComparison.Ordinal)) continue;
                if (now is null || overwrite) changes[field] = value;
                else kept.Add($"{lead.Name} {field} \"{now}\" (the file has \"{value}\")");
            }
            if (changes.Count == 0) unchanged.Add(lead.Name);
            else writes.Add(new LeadWrite(lead.Name, item.Id, changes));
        }
        return new LeadsPlan(listName, writes, unchanged, kept);
    }

    /// <summary>The plan as a person reads it, after the table's own lines (<see cref="LeadsTable.Describe"/>).</summary>
    public IEnumerable<string> Describe()
    {
        var creates = Writes.Where(w => w.ItemId is null).Select(w => w.Name).ToList();
        var updates = Writes.Where(w => w.ItemId is not null).ToList();
        yield return $"Leads list '{ListName}': {creates.Count} to create, {updates.Count} to update, {Unchanged.Count} unchanged.";
        if (creates.Count > 0) yield return $"  Create: {string.Join(", ", creates)}";
        foreach (var update in updates) yield return $"  Update {update.Name}: {string.Join(", ", update.Fields.Keys)}";
        foreach (var line in Kept) yield return $"  Kept as the list has it (--overwrite takes the file's): {line}";
    }
}
