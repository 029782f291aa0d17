using System.Globalization;
using System.Text.RegularExpressions;

namespace SaferCity.Core.Import;

/// <summary>The columns an import understands, whatever the file calls them.</summary>
public enum ImportField { Number, Theme, KeyAction, Deadline, Lead, Rag, Comments, Status }

/// <summary>One action as the file states it: cell text by field (only the fields the file has).</summary>
public sealed record ImportedRow(string Number, string Where, IReadOnlyDictionary<ImportField, string?> Values);

/// <summary>The tracker found in a file: its actions, which fields it carries, and the headings it ignored.</summary>
public sealed record ImportedTable(
    string Source, IReadOnlyList<ImportedRow> Rows, IReadOnlySet<ImportField> Fields, IReadOnlyList<string> IgnoredColumns, IReadOnlyList<string> SkippedRows);

/// <summary>
/// Finds the tracker in the tables a reader produced: the first table with a heading row that names the
/// tracker's columns (in any order, in the wordings partnerships use), then each action under it.
/// Theme rows (one cell across the table, or a lone first cell), a heading row repeated on each page, and
/// rows a page break split in two (no number, more text for the action above) are understood as a person would.
/// </summary>
public static partial class TrackerTableReader
{
    // Heading wordings, compared as lower-case letters and digits only ("Responsibility/ Lead service" → "responsibilityleadservice").
    private static readonly Dictionary<string, ImportField> Headings = new(StringComparer.Ordinal)
    {
        ["no"] = ImportField.Number, ["number"] = ImportField.Number, ["actionno"] = ImportField.Number,
        ["actionnumber"] = ImportField.Number, ["ref"] = ImportField.Number, ["reference"] = ImportField.Number,
        ["id"] = ImportField.Number, ["title"] = ImportField.Number,
        ["keyaction"] = ImportField.KeyAction, ["keyactions"] = ImportField.KeyAction, ["actions"] = ImportField.KeyAction,
        ["description"] = ImportField.KeyAction, ["actiondescription"] = ImportField.KeyAction,
        ["deliverydeadline"] = ImportField.Deadline, ["deadline"] = ImportField.Deadline, ["duedate"] = ImportField.Deadline,
        ["due"] = ImportField.Deadline, ["targetdate"] = ImportField.Deadline, ["date"] = ImportField.Deadline,
        ["responsibilityleadservice"] = ImportField.Lead, ["responsibility"] = ImportField.Lead, ["leadservice"] = ImportField.Lead,
        ["lead"] = ImportField.Lead, ["leads"] = ImportField.Lead, ["owner"] = ImportField.Lead, ["responsibilitylead"] = ImportField.Lead,
        ["rag"] = ImportField.Rag, ["ragrating"] = ImportField.Rag, ["ragstatus"] = ImportField.Rag,
        ["comments"] = ImportField.Comments, ["comment"] = ImportField.Comments, ["progress"] = ImportField.Comments,
        ["update"] = ImportField.Comments, ["notes"] = ImportField.Comments, ["progresscomments"] = ImportField.Comments,
        ["status"] = ImportField.Status,
        ["theme"] = ImportField.Theme, ["priority"] = ImportField.Theme, ["section"] = ImportField.Theme,
    };

    /// <summary>Reads the first table that looks like a tracker, or refuses with one line saying why.</summary>
    public static ImportedTable Read(string fileName, IReadOnlyList<RawTable> tables)
    {
        foreach (var table in tables)
        {
            for (var r = 0; r < Math.Min(table.Rows.Count, 20); r++)
            {
                if (MapHeadings(table.Rows[r]) is { } map) return ReadRows(table, r, map);
            }
        }
        throw new ImportRefusedException(
            $"{fileName} is not a tracker: no table has a heading row naming its columns (Key action, Delivery deadline, Lead service, RAG, Comments).");
    }

    /// <summary>Column index by field, when the row reads as the tracker's headings (an action column and two more).</summary>
    private static Dictionary<ImportField, int>? MapHeadings(RawRow row)
    {
        if (row.SpansTable) return null;
        var map = new Dictionary<ImportField, int>();
        var action = -1;
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var key = Key(row.Cells[c]);
            if (key == "action") action = c; // "Action" is the number beside a "Key action" column, else the action itself
            else if (Headings.TryGetValue(key, out var field)) map.TryAdd(field, c);
        }
        if (action >= 0) map.TryAdd(map.ContainsKey(ImportField.KeyAction) ? ImportField.Number : ImportField.KeyAction, action);
        var known = map.Count;
        return (map.ContainsKey(ImportField.KeyAction) || map.ContainsKey(ImportField.Number)) && known >= 3 ? map : null;
    }

    private static ImportedTable ReadRows(RawTable table, int headingRow, Dictionary<ImportField, int> map)
    {
        var heading = table.Rows[headingRow];
        var headingKeys = heading.Cells.Select(Key).ToList();
        var ignored = heading.Cells.Where((text, c) => !map.ContainsValue(c) && Key(text).Length > 0).Select(t => t.Trim()).ToList();

        var hasNumberColumn = map.TryGetValue(ImportField.Number, out var numberColumn);
        if (!hasNumberColumn && !table.Rows.Skip(headingRow + 1).Any(r => !r.SpansTable && NumberedText().IsMatch(Cell(r, map, ImportField.KeyAction) ?? "")))
        {
            throw new ImportRefusedException(
                $"{table.Source}: no action-number column (headings: {string.Join(", ", heading.Cells.Where(c => c.Trim().Length > 0).Select(c => c.Trim()))}), " +
                "and the key actions do not start with a number such as \"1.1\".");
        }

        var rows = new List<(string Number, string Where, Dictionary<ImportField, string?> Values)>();
        var skipped = new List<string>();
        var firstSeen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? theme = null;
        var sawTheme = false;
        foreach (var row in table.Rows.Skip(headingRow + 1))
        {
            var filled = row.Cells.Select((text, c) => (Text: text.Trim(), Column: c)).Where(x => x.Text.Length > 0).ToList();
            if (filled.Count == 0) continue;
            if (row.Cells.Select(Key).SequenceEqual(headingKeys)) continue; // the heading row again, on the next page

            string? number = null;
            string? keyAction = Cell(row, map, ImportField.KeyAction);
            if (hasNumberColumn) number = NumberText(Cell(row, map, ImportField.Number));
            else if (keyAction is not null && NumberedText().Match(keyAction) is { Success: true } m)
            {
                number = m.Groups[1].Value;
                keyAction = m.Groups[2].Value;
            }

            var loneFirstCell = filled.Count == 1 && filled[0].Column == 0 && number is null;
            if (row.SpansTable || loneFirstCell)
            {
                theme = filled[0].Text;
                sawTheme = true;
                continue;
            }
            if (number is null)
            {
                // A row without a number right under an action is the rest of it, split by a page break.
                if (rows.Count > 0)
                {
                    var previous = rows[^1].Values;
                    foreach (var (field, column) in map)
                    {
                        if (field == ImportField.Number || column >= row.Cells.Count) continue;
                        var more = row.Cells[column].Trim();
                        if (more.Length == 0) continue;
                        previous[field] = previous.GetValueOrDefault(field) is { Length: > 0 } before ? $"{before} {more}" : more;
                    }
                }
                else skipped.Add($"{table.Source} {row.Where}: no action number");
                continue;
            }
            if (firstSeen.TryGetValue(number, out var earlier))
                throw new ImportRefusedException($"{table.Source}: {earlier} and {row.Where} both have action number {number}.");
            firstSeen[number] = row.Where;

            var values = new Dictionary<ImportField, string?>();
            foreach (var (field, _) in map)
            {
                if (field != ImportField.Number) values[field] = Cell(row, map, field);
            }
            if (!hasNumberColumn) values[ImportField.KeyAction] = keyAction;
            if (!map.ContainsKey(ImportField.Theme) && sawTheme) values[ImportField.Theme] = theme;
            rows.Add((number, row.Where, values));
        }

        var fields = new HashSet<ImportField>(map.Keys) { ImportField.Number };
        if (sawTheme) fields.Add(ImportField.Theme);
        return new ImportedTable(table.Source, [.. rows.Select(r => new ImportedRow(r.Number, $"{table.Source} {r.Where}", r.Values))],
            fields, ignored, skipped);
    }

    private static string? Cell(RawRow row, Dictionary<ImportField, int> map, ImportField field) =>
        map.TryGetValue(field, out var c) && c < row.Cells.Count && row.Cells[c].Trim() is { Length: > 0 } text ? text : null;

    /// <summary>"1.1", "1.1." and "  1.1 " are the same action; text with spaces ("1. Violence …") is a theme, not a number.</summary>
    private static string? NumberText(string? text) =>
        text?.Trim().TrimEnd('.') is { Length: > 0 and <= 20 } n && !n.Any(char.IsWhiteSpace) ? n : null;

    private static string Key(string heading) =>
        string.Concat(heading.Where(char.IsLetterOrDigit)).ToLower(CultureInfo.InvariantCulture);

    // "1.1 Establish a …": the seed keeps the number at the start of the key action.
    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)+)\.?\s+(.+)$", RegexOptions.Singleline)]
    private static partial Regex NumberedText();
}
