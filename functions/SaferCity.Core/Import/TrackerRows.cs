using System.Text.RegularExpressions;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>
/// The actions of every tracker table in a file, read one table after another as a person reads them: theme rows
/// (a merged row, a lone first cell, or the heading before the table), a heading row repeated on each page, a row
/// a page break split (no number and no key action: more text for the action above), and a number typed at the
/// start of the key action ("1.1 Establish…").
/// </summary>
internal sealed partial class TrackerRows
{
    private readonly List<(string Number, string Where, Dictionary<TrackerField, string?> Values)> rows = [];
    private readonly Dictionary<string, string> firstSeen = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> mapping = [];
    private readonly List<string> ignored = [];
    private readonly List<string> skipped = [];
    private readonly List<string> hideColumns = [];
    private readonly Dictionary<TrackerField, string> headings = [];

    public HashSet<TrackerField> Fields { get; } = [TrackerField.Number];

    public int TablesRead { get; private set; }

    /// <summary>How many of the tables read have a number column (else numbers come from the start of the key action).</summary>
    public int NumberColumns { get; private set; }

    public IReadOnlyList<ImportedRow> Rows => [.. rows.Select(r => new ImportedRow(r.Number, r.Where, r.Values))];

    public string HeadingOf(TrackerField field) => headings.TryGetValue(field, out var h) ? $"'{h}'" : "none";

    public void ReadTable(RawTable table, int headingRow, Dictionary<TrackerField, int> map)
    {
        TablesRead++;
        var heading = table.Rows[headingRow];
        Remember(heading, map);
        var hasNumberColumn = map.ContainsKey(TrackerField.Number);
        if (hasNumberColumn) NumberColumns++;
        string? theme = map.ContainsKey(TrackerField.Theme) ? null : table.Caption?.Trim();
        foreach (var row in table.Rows.Skip(headingRow + 1))
        {
            var filled = row.Cells.Select((text, c) => (Text: text.Trim(), Column: c)).Where(x => x.Text.Length > 0).ToList();
            if (filled.Count == 0) continue;
            if (TrackerTableReader.MapHeadings(row, ColumnChoices.None) is not null || SameCells(row, heading)) continue; // on the next page

            var keyAction = Cell(row, map, TrackerField.KeyAction);
            var number = hasNumberColumn ? NumberText(Cell(row, map, TrackerField.Number)) : null;
            if (keyAction is not null && NumberedText().Match(keyAction) is { Success: true } m && (number is null || number == m.Groups[1].Value))
            {
                number = m.Groups[1].Value;
                keyAction = m.Groups[2].Value.Trim();
            }

            if (row.SpansTable || (filled.Count == 1 && filled[0].Column == 0 && number is null))
            {
                theme = filled[0].Text;
                Fields.Add(TrackerField.Theme);
                continue;
            }
            if (number is null)
            {
                Continue(table, row, map, keyAction);
                continue;
            }
            var where = $"{table.Source} {row.Where}";
            if (!firstSeen.TryAdd(number, where))
                throw new ImportRefusedException($"{firstSeen[number]} and {where} both have action number {number}.");
            rows.Add((number, where, Values(row, where, map, keyAction, theme)));
        }
        if (theme is not null) Fields.Add(TrackerField.Theme);
    }

    /// <summary>A row with no number: more text for the action above, when it has no key action of its own.</summary>
    private void Continue(RawTable table, RawRow row, Dictionary<TrackerField, int> map, string? keyAction)
    {
        if (rows.Count == 0 || keyAction is not null)
        {
            skipped.Add($"{table.Source} {row.Where}: no action number");
            return;
        }
        var previous = rows[^1].Values;
        foreach (var (field, column) in map)
        {
            if (field is TrackerField.Number or TrackerField.HideFromDashboard || column >= row.Cells.Count) continue;
            var more = row.Cells[column].Trim();
            if (more.Length == 0) continue;
            previous[field] = previous.GetValueOrDefault(field) is { Length: > 0 } before ? $"{before} {more}" : more;
        }
    }

    private Dictionary<TrackerField, string?> Values(RawRow row, string where, Dictionary<TrackerField, int> map, string? keyAction, string? theme)
    {
        var values = new Dictionary<TrackerField, string?>();
        foreach (var (field, _) in map)
        {
            if (field != TrackerField.Number) values[field] = Cell(row, map, field);
        }
        values[TrackerField.KeyAction] = keyAction;
        if (!map.ContainsKey(TrackerField.Theme)) values[TrackerField.Theme] = theme;
        if (map.TryGetValue(TrackerField.Rag, out var ragColumn) && values[TrackerField.Rag] is null && ragColumn < (row.Fills?.Count ?? 0))
            values[TrackerField.Rag] = CellMeaning.RagOfFill(row.Fills![ragColumn]); // a RAG kept as colour only
        if (map.ContainsKey(TrackerField.HideFromDashboard)) values[TrackerField.HideFromDashboard] = HideText(where, values);
        Rating(values);
        return values;
    }

    /// <summary>
    /// The rating as the run reads it: RAG words in Status (no RAG given) are the rating; BRAG's Blue is complete,
    /// written as Status "Complete" so that every list can hold it.
    /// </summary>
    private void Rating(Dictionary<TrackerField, string?> values)
    {
        var status = values.GetValueOrDefault(TrackerField.Status);
        if (values.GetValueOrDefault(TrackerField.Rag) is null && (RagParser.Parse(status) is not null || RagParser.IsBlue(status)))
        {
            values[TrackerField.Rag] = status;
            values[TrackerField.Status] = null;
            Fields.Add(TrackerField.Rag);
        }
        if (RagParser.IsBlue(values.GetValueOrDefault(TrackerField.Rag)))
        {
            values[TrackerField.Rag] = null;
            values[TrackerField.Status] = "Complete";
            Fields.Add(TrackerField.Status);
        }
    }

    private string HideText(string where, Dictionary<TrackerField, string?> values)
    {
        var text = values.GetValueOrDefault(TrackerField.HideFromDashboard);
        var meaning = CellMeaning.Hide(text);
        if (meaning == HideCell.Unreadable) skipped.Add($"{where}: hide value \"{text}\" not understood, so the action is hidden");
        return meaning == HideCell.Show ? "No" : ImportedTable.HiddenValue;
    }

    private void Remember(RawRow heading, Dictionary<TrackerField, int> map)
    {
        foreach (var (field, column) in map.OrderBy(m => m.Value))
        {
            var text = heading.Cells[column].Trim();
            Fields.Add(field);
            headings.TryAdd(field, text);
            var pair = $"{text} → {HeadingWords.FieldName(field)}";
            if (!mapping.Contains(pair)) mapping.Add(pair);
            if (field == TrackerField.HideFromDashboard && !hideColumns.Contains(text)) hideColumns.Add(text);
        }
        if (!map.ContainsKey(TrackerField.Number) && !mapping.Contains("number from the start of the key action"))
            mapping.Add("number from the start of the key action");
        foreach (var text in heading.Cells.Where((t, c) => !map.ContainsValue(c) && HeadingWords.Key(t).Length > 0).Select(t => t.Trim()))
        {
            if (!ignored.Contains(text)) ignored.Add(text);
        }
    }

    public ImportedTable Result(string fileName, IReadOnlyList<string> notRead) =>
        new(fileName, Rows, Fields, ignored, skipped) { Mapping = mapping, HideColumns = hideColumns, NotRead = notRead };

    private static bool SameCells(RawRow row, RawRow heading) =>
        row.Cells.Select(HeadingWords.Key).SequenceEqual(heading.Cells.Select(HeadingWords.Key));

    private static string? Cell(RawRow row, Dictionary<TrackerField, int> map, TrackerField field) =>
        map.TryGetValue(field, out var c) && c < row.Cells.Count && row.Cells[c].Trim() is { Length: > 0 } text ? text : null;

    /// <summary>"1.1", "1.1." and "  1.1 " are the same action; text with spaces ("1. Violence …") is a theme, not a number.</summary>
    private static string? NumberText(string? text) =>
        text?.Trim().TrimEnd('.') is { Length: > 0 and <= 20 } n && !n.Any(char.IsWhiteSpace) ? n : null;

    // "1.1 Establish a …": the seed keeps the number at the start of the key action.
    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)+)\.?\s+(.+)$", RegexOptions.Singleline)]
    private static partial Regex NumberedText();
}
