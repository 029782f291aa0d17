using System.Text.RegularExpressions;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>
/// Finds the tracker in the tables a reader produced, or refuses in one line. Every table (or visible sheet)
/// whose heading row names a tracker's columns (<see cref="HeadingWords"/>, or the admin's <see cref="ColumnChoices"/>)
/// is read, in document order: a seed converted from PDF, one table per theme under a heading, a council's own
/// headings. Tables that are not trackers (a RAG key, a contents table) are listed and skipped. The result must
/// carry every essential field (number, key action, deadline, lead, RAG or status), each filled in at least half
/// the rows, or the file is refused: a tracker read wrong would publish figures nobody recognises.
/// </summary>
public static partial class TrackerTableReader
{
    private const int HeadingSearchRows = 20;

    private static readonly TrackerField[] Essentials = [TrackerField.KeyAction, TrackerField.DeliveryDeadline, TrackerField.LeadService];

    public static ImportedTable Read(string fileName, RawDocument document, ColumnChoices? choices = null)
    {
        choices ??= ColumnChoices.None;
        var reading = new TrackerRows();
        var notRead = new List<string>(document.NotRead);
        var headingsSeen = new List<string>();
        foreach (var table in document.Tables)
        {
            var found = FindHeadings(table, choices);
            if (found is null)
            {
                if (FirstFilledRow(table) is { } first)
                {
                    headingsSeen.AddRange(first);
                    notRead.Add($"{table.Source} ({WhyNotATracker(table)})");
                }
                continue;
            }
            headingsSeen.AddRange(table.Rows[found.Value.Row].Cells.Select(c => c.Trim()).Where(c => c.Length > 0));
            reading.ReadTable(table, found.Value.Row, found.Value.Map);
        }

        var seen = string.Join(", ", headingsSeen.Distinct(StringComparer.OrdinalIgnoreCase).Take(16));
        if (reading.Rows.Count == 0)
        {
            throw Refuse(fileName, reading.TablesRead == 0 ? "no table or sheet has a tracker's headings"
                : reading.NumberColumns == 0 ? "no column for number, and the key actions do not start with a number such as \"1.1\""
                : "no actions under its headings", seen);
        }
        if (Problem(reading) is { } problem) throw Refuse(fileName, problem, seen);
        return reading.Result(fileName, notRead);
    }

    /// <summary>Whether any table or sheet has a tracker's heading row (a file of leads alone has none).</summary>
    public static bool HasTrackerHeadings(RawDocument document, ColumnChoices? choices = null) =>
        document.Tables.Any(t => FindHeadings(t, choices ?? ColumnChoices.None) is not null);

    /// <summary>What makes the tracker unreadable: an essential field with no column, or one filled in under half the rows.</summary>
    private static string? Problem(TrackerRows reading)
    {
        var missing = Essentials.Where(f => !reading.Fields.Contains(f)).Select(HeadingWords.FieldName).ToList();
        if (!reading.Fields.Contains(TrackerField.Rag) && !reading.Fields.Contains(TrackerField.Status)) missing.Add("rag or status");
        if (missing.Count > 0) return $"no column for {string.Join(", ", missing)}";

        var rows = reading.Rows;
        foreach (var field in Essentials)
        {
            var empty = rows.Count(r => string.IsNullOrWhiteSpace(r.Values.GetValueOrDefault(field)));
            if (empty * 2 > rows.Count) return $"the {HeadingWords.FieldName(field)} column ({reading.HeadingOf(field)}) is empty in " +
                $"{empty} of {rows.Count} rows";
        }
        var unrated = rows.Count(r => string.IsNullOrWhiteSpace(r.Values.GetValueOrDefault(TrackerField.Rag)) &&
                                      string.IsNullOrWhiteSpace(r.Values.GetValueOrDefault(TrackerField.Status)) &&
                                      !Completion.IsComplete(null, r.Values.GetValueOrDefault(TrackerField.Comments)));
        return unrated * 2 > rows.Count ? $"the RAG and status are empty in {unrated} of {rows.Count} rows" : null;
    }

    private static ImportRefusedException Refuse(string fileName, string problem, string seen) => new(
        $"{fileName} cannot be read as a tracker: {problem}. Headings seen: {(seen.Length == 0 ? "none" : seen)}. " +
        $"Name a column's field with --column \"HEADING=field\" (fields: {ColumnChoices.FieldList}).");

    private static (int Row, Dictionary<TrackerField, int> Map)? FindHeadings(RawTable table, ColumnChoices choices)
    {
        for (var r = 0; r < Math.Min(table.Rows.Count, HeadingSearchRows); r++)
        {
            if (MapHeadings(table.Rows[r], choices) is { } map) return (r, map);
        }
        return null;
    }

    /// <summary>Column index by field, when the row reads as a tracker's headings: a number or action column and two more.</summary>
    internal static Dictionary<TrackerField, int>? MapHeadings(RawRow row, ColumnChoices choices)
    {
        if (row.SpansTable) return null;
        var map = new Dictionary<TrackerField, int>();
        var action = -1;
        for (var c = 0; c < row.Cells.Count; c++)
        {
            var heading = row.Cells[c];
            if (HeadingWords.Key(heading).Length == 0) continue;
            if (choices.TryGet(heading, out var chosen))
            {
                if (chosen is { } field) map.TryAdd(field, c);
            }
            else if (HeadingWords.IsBareAction(heading)) action = c;
            else if (HeadingWords.Match(heading) is { } field) map.TryAdd(field, c);
        }
        if (action >= 0) map.TryAdd(map.ContainsKey(TrackerField.KeyAction) ? TrackerField.Number : TrackerField.KeyAction, action);
        return (map.ContainsKey(TrackerField.KeyAction) || map.ContainsKey(TrackerField.Number)) && map.Count >= 3 ? map : null;
    }

    private static List<string>? FirstFilledRow(RawTable table) =>
        table.Rows.Select(r => r.Cells.Select(c => c.Trim()).Where(c => c.Length > 0).ToList()).FirstOrDefault(c => c.Count > 0);

    /// <summary>Why a table is not read: a RAG key or a contents table is expected beside a tracker; anything else is named by its
    /// headings.</summary>
    private static string WhyNotATracker(RawTable table)
    {
        var words = table.Rows.SelectMany(r => r.Cells).Select(c => c.Trim()).ToList();
        if (words.Count(w => RagParser.Parse(w) is not null || RagParser.IsBlue(w) || RagWord().IsMatch(w)) >= 2) return "a RAG key";
        if (words.Any(w => w.Equals("Contents", StringComparison.OrdinalIgnoreCase) || w.Equals("Page", StringComparison.OrdinalIgnoreCase)))
            return "a contents table";
        return "no tracker headings";
    }

    [GeneratedRegex(@"^(green|amber|red|blue)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RagWord();
}
