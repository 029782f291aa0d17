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

    /// <summary>The plan as a person reads it before the import starts (and all of a --dry-run).</summary>
    public IEnumerable<string> Describe()
    {
        yield return $"Plan: {Creates.Count} to create, {Updates.Count} to update, {Unchanged.Count} unchanged, " +
                     $"{NotInFile.Count} in the list but not in the file.";
        if (Creates.Count > 0) yield return $"  Create: {string.Join(", ", Creates.Select(c => c.Number))}";
        foreach (var update in Updates)
            yield return $"  Update {update.Number}: {string.Join("; ", update.Changes.Select(c => c.Describe()))}";
        if (NotInFile.Count > 0) yield return $"  Not in the file, left alone in the list: {string.Join(", ", NotInFile)}";
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
    public ImportPlan Plan(ImportedTable table, IReadOnlyList<ListItem> existing, bool deadlineIsDate)
    {
        var wordRag = existing.Any(i => FieldText.Clean(i[columns.Rag]) is { Length: > 1 } text && RagParser.Parse(text) is not null);
        var byNumber = new Dictionary<string, ListItem>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in existing)
        {
            if (FieldText.Clean(item[columns.Number])?.TrimEnd('.') is { Length: > 0 } number) byNumber.TryAdd(number, item);
        }

        var creates = new List<PlannedCreate>();
        var updates = new List<PlannedUpdate>();
        var unchanged = new List<string>();
        var planned = new List<ListItem>();
        foreach (var row in table.Rows)
        {
            var fields = Fields(row, table.Fields, deadlineIsDate, wordRag);
            // Findings come from the file's own text, so an unreadable deadline is reported as such even when a Date column cannot take it.
            var asWritten = deadlineIsDate ? Fields(row, table.Fields, deadlineIsDate: false, wordRag) : fields;
            planned.Add(new ListItem(row.Where, null, asWritten.ToDictionary(f => f.Key, f => (object?)f.Value, StringComparer.OrdinalIgnoreCase)));
            if (!byNumber.Remove(row.Number, out var item))
            {
                creates.Add(new PlannedCreate(row.Number, row.Where,
                    fields.Where(f => f.Value is not null).ToDictionary(f => f.Key, f => f.Value!, StringComparer.OrdinalIgnoreCase)));
                continue;
            }
            var changes = fields
                .Where(f => !Same(f.Key, FieldText.Clean(item[f.Key]), f.Value))
                .Select(f => new FieldChange(f.Key, FieldText.Clean(item[f.Key]), f.Value))
                .ToList();
            if (changes.Count == 0) unchanged.Add(row.Number);
            else updates.Add(new PlannedUpdate(row.Number, row.Where, item.Id, changes));
        }

        var notInFile = byNumber.Keys.Order((IComparer<string>)ActionNumberComparer.Instance).ToList();
        return new ImportPlan(creates, updates, unchanged, notInFile, Findings(planned), table.IgnoredColumns, table.SkippedRows);
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
