using System.Globalization;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>One field that differs between the list and the file. A null <see cref="New"/> clears the field.</summary>
public sealed record FieldChange(string Field, string? Old, string? New)
{
    public string Describe() => $"{Field} \"{Short(Old)}\" → \"{Short(New)}\"";

    private static string Short(string? text) => text is null ? "" : text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 59), "…");
}

/// <summary>An action the file has and the list lacks: every field it carries, as the list will hold them.</summary>
public sealed record PlannedCreate(string Number, string Where, IReadOnlyDictionary<string, string> Fields);

/// <summary>An action in both whose fields differ: only the changed fields are written.</summary>
public sealed record PlannedUpdate(string Number, string Where, string ItemId, IReadOnlyList<FieldChange> Changes);

/// <summary>
/// What an import will do, decided before anything is written: create, update, leave alone, and the list's
/// items the file no longer has (reported, never deleted), with what a run would flag in the file's rows.
/// </summary>
public sealed record ImportPlan(
    IReadOnlyList<PlannedCreate> Creates,
    IReadOnlyList<PlannedUpdate> Updates,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<string> NotInFile,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<string> IgnoredColumns,
    IReadOnlyList<string> SkippedRows)
{
    public bool HasWrites => Creates.Count > 0 || Updates.Count > 0;

    /// <summary>Fields changed in the list since the last import and not in the file: kept as the list has them.</summary>
    public IReadOnlyList<string> KeptFromList { get; init; } = [];

    /// <summary>Fields changed in both since the last import: left as the list has them unless --overwrite.</summary>
    public IReadOnlyList<FieldChange> Conflicts { get; init; } = [];

    /// <summary>
    /// Action numbers the list already holds more than once (a create applied twice, an admin's copy): one plain line
    /// each. Only the first item is matched and updated; the others are left for the admin to delete.
    /// </summary>
    public IReadOnlyList<string> DuplicatesInList { get; init; } = [];

    /// <summary>What the file says each action's fields are, written or not: the import's memory after this plan.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string?>> FileValues { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string?>>();

    /// <summary>The plan as a person reads it before the import starts (and all of a --dry-run).</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"Plan: {Creates.Count} to create, {Updates.Count} to update, {Unchanged.Count} unchanged, " +
                     $"{NotInFile.Count} in the list but not in the file.";
        if (Creates.Count > 0) yield return $"  Create: {string.Join(", ", Creates.Select(c => c.Number))}";
        foreach (var update in Updates)
            yield return $"  Update {update.Number}: {string.Join("; ", update.Changes.Select(c => c.Describe()))}";
        if (NotInFile.Count > 0) yield return $"  Not in the file, left alone in the list: {string.Join(", ", NotInFile)}";
        foreach (var duplicate in DuplicatesInList) yield return $"  Duplicate in the list: {duplicate}";
        if (KeptFromList.Count > 0) yield return $"  Changed in the list since the last import, kept: {string.Join(", ", KeptFromList)}";
        foreach (var conflict in Conflicts)
            yield return $"  Conflict, changed in the list and in the file, kept as the list has it (--overwrite takes the file's): " +
                $"{conflict.Describe()}";
        if (IgnoredColumns.Count > 0) yield return $"  Ignored columns: {string.Join(", ", IgnoredColumns)}";
        foreach (var row in SkippedRows) yield return $"  Skipped: {row}";
        foreach (var finding in Findings) yield return $"  To fix (a run will flag it): {finding.Describe()}";
    }
}

/// <summary>
/// Turns the file's rows into list fields exactly as the tracker reader will read them back, and compares
/// them with the list's items by action number. Pure: the list is read before and written after, elsewhere.
/// </summary>
public sealed class ImportPlanner(TrackerColumns columns)
{
    /// <param name="deadlineIsDate">The list's deadline column is a Date column: it gets the date, not the text.</param>
    /// <param name="memory">What the last import wrote: a field the list changed since, and the file did not, is kept.</param>
    /// <param name="overwrite">A field changed in both takes the file's value (else the list's, reported as a conflict).</param>
    public ImportPlan Plan(ImportedTable table, IReadOnlyList<ListItem> existing, bool deadlineIsDate, ImportMemory? memory = null,
        bool overwrite = false)
    {
        memory ??= ImportMemory.Empty();
        var kept = new List<string>();
        var conflicts = new List<FieldChange>();
        var fileValues = new Dictionary<string, IReadOnlyDictionary<string, string?>>(StringComparer.OrdinalIgnoreCase);
        var wordRag = existing.Any(i => FieldText.Clean(i[columns.Rag]) is { Length: > 1 } text && RagParser.Parse(text) is not null);
        var (byNumber, duplicates) = ByNumber(existing);

        var creates = new List<PlannedCreate>();
        var updates = new List<PlannedUpdate>();
        var unchanged = new List<string>();
        var planned = new List<ListItem>();
        foreach (var row in table.Rows)
        {
            var fields = Fields(row, table.Fields, deadlineIsDate, wordRag);
            var remembered = new Dictionary<string, string?>(fields, StringComparer.OrdinalIgnoreCase);
            fileValues[row.Number] = remembered;
            // Findings come from the file's own text, so an unreadable deadline is reported as such even when a Date column cannot take it.
            var asWritten = deadlineIsDate ? Fields(row, table.Fields, deadlineIsDate: false, wordRag) : fields;
            planned.Add(new ListItem(row.Where, null, asWritten.ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.OrdinalIgnoreCase)));
            if (!byNumber.Remove(row.Number, out var item))
            {
                creates.Add(new PlannedCreate(row.Number, row.Where,
                    fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.OrdinalIgnoreCase)));
                continue;
            }
            var changes = Changes(row.Number, item, fields, memory, overwrite, kept, conflicts, remembered);
            if (changes.Count == 0) unchanged.Add(row.Number);
            else updates.Add(new PlannedUpdate(row.Number, row.Where, item.Id, changes));
        }

        var notInFile = byNumber.Keys.Order((IComparer<string>)ActionNumberComparer.Instance).ToList();
        return new ImportPlan(creates, updates, unchanged, notInFile, Findings(planned), table.IgnoredColumns, table.SkippedRows)
        {
            KeptFromList = kept, Conflicts = conflicts, FileValues = fileValues, DuplicatesInList = duplicates,
        };
    }

    /// <summary>The list's items by action number (the first of each), and a line for each number held more than once.</summary>
    private (Dictionary<string, ListItem>, List<string>) ByNumber(IReadOnlyList<ListItem> existing)
    {
        var byNumber = new Dictionary<string, ListItem>(StringComparer.OrdinalIgnoreCase);
        var others = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in existing)
        {
            if (FieldText.Clean(item[columns.Number])?.TrimEnd('.') is not { Length: > 0 } number) continue;
            if (byNumber.TryAdd(number, item)) continue;
            if (!others.TryGetValue(number, out var ids)) others[number] = ids = [];
            ids.Add(item.Id);
        }
        var lines = others.OrderBy(o => o.Key, (IComparer<string>)ActionNumberComparer.Instance).Select(o =>
            $"{o.Key} is item {byNumber[o.Key].Id} and item{(o.Value.Count == 1 ? "" : "s")} {string.Join(", ", o.Value)}; only item " +
            $"{byNumber[o.Key].Id} is compared and updated (a run reads only it too): delete the " +
                $"other{(o.Value.Count == 1 ? "" : "s")} in the list.").ToList();
        return (byNumber, lines);
    }

    /// <summary>
    /// The fields to write to an existing item. A field the list changed since the last import (it no longer holds
    /// what was written) is kept when the file did not change it, and is a conflict when the file did.
    /// </summary>
    private List<FieldChange> Changes(string number, ListItem item, Dictionary<string, string?> fields, ImportMemory memory, bool overwrite,
        List<string> kept, List<FieldChange> conflicts, Dictionary<string, string?> remembered)
    {
        var changes = new List<FieldChange>();
        foreach (var (field, value) in fields)
        {
            var now = FieldText.Clean(item[field]);
            if (Same(field, now, value)) continue;
            var change = new FieldChange(field, now, value);
            if (memory.TryGet(number, field, out var written) && !Same(field, now, written))
            {
                if (Same(field, written, value))
                {
                    kept.Add($"{number} {field}");
                    continue;
                }
                conflicts.Add(change with { Field = $"{number} {field}" });
                if (!overwrite)
                {
                    remembered[field] = written; // still a conflict next time, until --overwrite or the file agrees
                    continue;
                }
            }
            changes.Add(change);
        }
        return changes;
    }

    /// <summary>The list fields of one row, normalised as the reader reads them (null: the cell is blank).</summary>
    private Dictionary<string, string?> Fields(ImportedRow row, IReadOnlySet<TrackerField> present, bool deadlineIsDate, bool wordRag)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { [columns.Number] = row.Number };
        foreach (var field in present)
        {
            var text = FieldText.Clean(row.Values.GetValueOrDefault(field));
            switch (field)
            {
                case TrackerField.Theme: fields[columns.Theme] = text; break;
                case TrackerField.KeyAction: fields[columns.KeyAction] = text; break;
                case TrackerField.LeadService: fields[columns.LeadService] = text; break;
                case TrackerField.Comments: fields[columns.Comments] = text; break;
                case TrackerField.Status: fields[columns.Status] = text; break;
                case TrackerField.HideFromDashboard: fields[columns.HideFromDashboard] = row.Hidden ? ImportedTable.HiddenValue : "No"; break;
                case TrackerField.Rag:
                    fields[columns.Rag] = RagParser.Parse(text) is { } rag ? RagText(rag, wordRag) : text;
                    break;
                case TrackerField.DeliveryDeadline:
                    // A Date column cannot hold "sometime soon": an unreadable deadline stays out and is reported.
                    fields[columns.DeliveryDeadline] = !deadlineIsDate ? text
                        : DeadlineParser.Parse(text) is { } day ? day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00Z" : null;
                    break;
            }
        }
        return fields;
    }

    /// <summary>Equal as the reader understands them: the same RAG, the same date in a Date column, else the same text.</summary>
    private bool Same(string field, string? old, string? now)
    {
        if (string.Equals(old, now, StringComparison.Ordinal)) return true;
        if (old is null || now is null) return false;
        if (field.Equals(columns.HideFromDashboard, StringComparison.OrdinalIgnoreCase))
            return (FieldText.AsHide(old) == HideValue.No) == (FieldText.AsHide(now) == HideValue.No);
        if (field.Equals(columns.Rag, StringComparison.OrdinalIgnoreCase))
            return RagParser.Parse(old) is { } a && RagParser.Parse(now) == a;
        if (field.Equals(columns.DeliveryDeadline, StringComparison.OrdinalIgnoreCase) && now.Contains('T', StringComparison.Ordinal))
            return DeadlineParser.Parse(old) is { } a && DeadlineParser.Parse(now) == a;
        return false;
    }

    private static string RagText(Rag rag, bool word) => (rag, word) switch
    {
        (Rag.Green, false) => "G", (Rag.Amber, false) => "A", (Rag.Red, false) => "R",
        (Rag.Green, true) => "Green", (Rag.Amber, true) => "Amber", _ => "Red",
    };

    /// <summary>What a run would flag in the file's rows. The leads list is not consulted here, so unknown leads are not reported.</summary>
    private IReadOnlyList<Finding> Findings(List<ListItem> planned)
    {
        var parsed = new TrackerParser(columns, new LeadColumns()).Parse(new TrackerLists(planned, []));
        return [.. parsed.Findings.Where(f => !(f.Field == "lead" && f.Problem == "unknown"))];
    }
}
