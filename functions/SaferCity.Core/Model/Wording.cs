using System.Globalization;

namespace SaferCity.Core.Model;

/// <summary>
/// The words every output shares, so the dashboard, the committee paper and the emails say the same thing: UK dates,
/// drift kinds and the stale period (ratings are in <see cref="RagWords"/>). A new drift kind is worded here once.
/// </summary>
public static class Wording
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"16 January 2017" for an ISO date; anything else as given.</summary>
    public static string LongDate(string iso) =>
        DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var d) ? d.ToString("d MMMM yyyy", Uk) : iso;

    /// <summary>"16 Jan 2017" for an ISO date; anything else as given.</summary>
    public static string ShortDate(string? iso) =>
        iso is not null && DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var d) ? d.ToString("d MMM yyyy", Uk) : iso ?? "";

    /// <summary>A drift item in words ("↓ Worse: Amber → Red"), by its dashboard.json kind; from/to are RAG words or ISO dates.</summary>
    public static string Drift(string kind, string? from, string? to) => kind switch
    {
        "ragWorsened" => $"↓ Worse: {RagWord(from)} → {RagWord(to)}",
        "ragImproved" => $"↑ Better: {RagWord(from)} → {RagWord(to)}",
        "deadlineSlipped" => $"→ Deadline moved later: {ShortDate(from)} → {ShortDate(to)}",
        "deadlineBroughtForward" => $"← Deadline brought forward: {ShortDate(from)} → {ShortDate(to)}",
        "completed" => "✓ Completed",
        "reopened" => "↺ Reopened",
        "added" => "＋ New action",
        _ => kind,
    };

    /// <summary>A dashboard.json rating ("amber") as shown: "Amber", or "Not rated".</summary>
    public static string RagWord(string? rag) => rag switch
    {
        "green" => "Green",
        "amber" => "Amber",
        "red" => "Red",
        _ => "Not rated",
    };

    /// <summary>The stale period in words: "6 weeks" for 42 days, "30 days" for 30.</summary>
    public static string StalePeriod(int days) => days % 7 == 0 ? Plural(days / 7, "week") : Plural(days, "day");

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
