using System.Globalization;

namespace SaferCity.Core.Model;

/// <summary>
/// The words every output shares, so the dashboard, the committee paper, the feed, the CSV and the emails say the same
/// thing: UK dates, drift kinds and the stale period (ratings are in <see cref="RagWords"/>). A new drift kind is one
/// entry in <see cref="Kinds"/>: its dashboard.json name and its words everywhere.
/// </summary>
public static class Wording
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The words of one drift kind, wherever a change is told.</summary>
    /// <param name="JsonName">Its name in dashboard.json and the CSV ("ragWorsened"): a contract, never renamed.</param>
    /// <param name="Change">The change on the page and in emails ("↓ Worse: Amber → Red").</param>
    /// <param name="Heading">After the action's number in a digest ("rating worse").</param>
    /// <param name="Counted">After a count in a feed entry's title ("2 worse").</param>
    /// <param name="Section">The heading its changes are listed under in the feed and the committee paper ("Got worse").</param>
    public sealed record KindWords(DriftKind Kind, string JsonName, Func<DriftChange, string> Change, string Heading,
        string Counted, string Section);

    /// <summary>Every drift kind, in the order the feed and the committee paper list changes: what was done first.</summary>
    public static readonly IReadOnlyList<KindWords> Kinds =
    [
        new(DriftKind.Completed, "completed", _ => "✓ Completed", "completed", "completed", "Completed"),
        new(DriftKind.RagWorsened, "ragWorsened", d => $"↓ Worse: {RagWord(d.FromRag)} → {RagWord(d.ToRag)}",
            "rating worse", "worse", "Got worse"),
        new(DriftKind.DeadlineSlipped, "deadlineSlipped",
            d => $"→ Deadline moved later: {ShortDate(d.FromDate)} → {ShortDate(d.ToDate)}", "deadline moved later", "slipped",
            "Deadline slipped"),
        new(DriftKind.RagImproved, "ragImproved", d => $"↑ Better: {RagWord(d.FromRag)} → {RagWord(d.ToRag)}",
            "rating better", "better", "Got better"),
        new(DriftKind.DeadlineBroughtForward, "deadlineBroughtForward",
            d => $"← Deadline brought forward: {ShortDate(d.FromDate)} → {ShortDate(d.ToDate)}", "deadline brought forward",
            "brought forward", "Deadline brought forward"),
        new(DriftKind.Reopened, "reopened", _ => "↺ Reopened", "reopened", "reopened", "Reopened"),
        new(DriftKind.Added, "added", _ => "＋ New action", "new action", "added", "Added"),
        new(DriftKind.Removed, "removed", _ => "− Removed", "removed", "removed", "Removed"),
    ];

    private static readonly Dictionary<DriftKind, KindWords> ByKind = Kinds.ToDictionary(k => k.Kind);

    /// <summary>The words of a kind; a kind without an entry in <see cref="Kinds"/> fails here (and in its test).</summary>
    public static KindWords Of(DriftKind kind) =>
        ByKind.TryGetValue(kind, out var words) ? words : throw new ArgumentOutOfRangeException(nameof(kind), kind, "No wording.");

    /// <summary>The kind's name in dashboard.json: "ragWorsened", "deadlineSlipped"…</summary>
    public static string JsonName(DriftKind kind) => Of(kind).JsonName;

    /// <summary>A drift item in words: "↓ Worse: Amber → Red", "→ Deadline moved later: 28 Feb 2017 → 31 May 2017".</summary>
    public static string Drift(DriftChange change) => Of(change.Kind).Change(change);

    /// <summary>"16 January 2017".</summary>
    public static string LongDate(DateOnly day) => day.ToString("d MMMM yyyy", Uk);

    /// <summary>"16 Jan 2017"; nothing for no day.</summary>
    public static string ShortDate(DateOnly? day) => day?.ToString("d MMM yyyy", Uk) ?? "";

    /// <summary>Month-end deadlines read as the month, the way trackers write them: "March 2017", else "16 January 2017".</summary>
    public static string LongMonthOrDate(DateOnly d) =>
        d.Day == DateTime.DaysInMonth(d.Year, d.Month) ? d.ToString("MMMM yyyy", Uk) : LongDate(d);

    /// <summary>yyyy-MM-dd: dashboard.json, the CSV, and datetime attributes.</summary>
    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A rating as shown: "Amber", or "Not rated".</summary>
    public static string RagWord(Rag? rag) => rag?.ToTitle() ?? "Not rated";

    /// <summary>A whole number as the UK writes it: "2,000".</summary>
    public static string Number(int n) => n.ToString("N0", Uk);

    /// <summary>The stale period in words: "6 weeks" for 42 days, "30 days" for 30.</summary>
    public static string StalePeriod(int days) => days % 7 == 0 ? Plural(days / 7, "week") : Plural(days, "day");

    public static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
