namespace SaferCity.Core.Model;

/// <summary>
/// One vocabulary for ratings, the same on the page, in the emails and in the CSV: Green "on track",
/// Amber "at risk", Red "off track". An overdue action not rated Red is a mismatch, and its words name
/// the rating it has: Amber is never called on track.
/// </summary>
public static class RagWords
{
    /// <summary>What a rating means: "on track", "at risk", "off track".</summary>
    public static string Meaning(Rag rag) => rag switch
    {
        Rag.Green => "on track",
        Rag.Amber => "at risk",
        Rag.Red => "off track",
        _ => throw new ArgumentOutOfRangeException(nameof(rag)),
    };

    /// <summary>"Amber (at risk)", or "Not rated".</summary>
    public static string Described(Rag? rag) => rag is { } r ? $"{r.ToTitle()} ({Meaning(r)})" : "Not rated";

    /// <summary>The mismatch for one action: "overdue, but rated Amber (at risk), not Red"; "overdue, and not rated".</summary>
    public static string Mismatch(Rag? rag) => rag switch
    {
        null => "overdue, and not rated",
        Rag.Red => throw new ArgumentException("An action rated Red is not a mismatch.", nameof(rag)),
        { } r => $"overdue, but rated {Described(r)}, not Red",
    };

    /// <summary>The mismatch as a count's label: "2 overdue, but not rated Red".</summary>
    public const string MismatchCount = "overdue, but not rated Red";

    /// <summary>The phrase starting a sentence or a list item: "Overdue, but rated …".</summary>
    public static string Capitalised(string phrase) => phrase.Length == 0 ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];
}
