using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>One action as the file states it: cell text by field (only the fields the file has).</summary>
public sealed record ImportedRow(string Number, string Where, IReadOnlyDictionary<TrackerField, string?> Values)
{
    /// <summary>The file marks the row hidden (or its hide cell could not be read, which hides it too).</summary>
    public bool Hidden => Values.GetValueOrDefault(TrackerField.HideFromDashboard) == ImportedTable.HiddenValue;
}

/// <summary>
/// The tracker found in a file: its actions, which fields it carries, the headings it ignored, and what it chose
/// and left out, for the plan to show before anything is written.
/// </summary>
public sealed record ImportedTable(
    string Source, IReadOnlyList<ImportedRow> Rows, IReadOnlySet<TrackerField> Fields, IReadOnlyList<string> IgnoredColumns,
        IReadOnlyList<string> SkippedRows)
{
    /// <summary>The hide field's text for a hidden row, as the run reads it back ("Yes"); a shown row has "No".</summary>
    public const string HiddenValue = "Yes";

    /// <summary>"Ref → number", "Target date → deadline" … in the order first seen.</summary>
    public IReadOnlyList<string> Mapping { get; init; } = [];

    /// <summary>The headings read as the hide column ("Confidential"); empty when the file has none.</summary>
    public IReadOnlyList<string> HideColumns { get; init; } = [];

    /// <summary>Tables, sheets, rows and columns not read, and why ("sheet '2015-16' (hidden)", "table 1 (a RAG key)").</summary>
    public IReadOnlyList<string> NotRead { get; init; } = [];

    /// <summary>What was read and how, for the top of the plan.</summary>
    public IEnumerable<string> Describe()
    {
        if (Mapping.Count > 0) yield return $"Columns: {string.Join(", ", Mapping)}.";
        var hidden = Rows.Where(r => r.Hidden).Select(r => r.Number).ToList();
        if (HideColumns.Count == 0) yield return $"No hide column: all {Rows.Count} actions will be public.";
        else
        {
            yield return $"Hidden from the dashboard by '{string.Join("', '", HideColumns)}': {hidden.Count} of {Rows.Count} actions" +
                         (hidden.Count > 0 ? $" ({string.Join(", ", hidden)})." : ".");
        }
        foreach (var what in NotRead) yield return $"  Not read: {what}";
    }
}
