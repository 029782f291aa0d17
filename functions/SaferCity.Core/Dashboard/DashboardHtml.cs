using System.Globalization;
using SaferCity.Core.Html;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// index.html, rendered on the server so it works without JavaScript. Script only enhances
/// (filters, the stale-data notice); it is a separate file, so the Content-Security-Policy allows no inline code.
/// Nothing here writes a style attribute: every look comes from the stylesheets. The markup is DashboardPage.razor
/// and the components it uses; this class is its entry point and the rules the page follows.
/// </summary>
public static class DashboardHtml
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'";

    /// <summary>Above this many actions the tables list open actions only; the JSON and CSV still hold them all.</summary>
    public const int LargeTrackerThreshold = 2000;

    /// <summary>A page stays usable in a browser; past this many rows the data files carry the rest.</summary>
    public const int MaxRows = 2000;

    /// <summary>
    /// The print-only completed list stays printable in a week of heavy churn (5.5 MB at 50,000 actions uncapped): at most
    /// <see cref="MaxRows"/> entries and about this many characters, like the committee paper's changes.
    /// </summary>
    public const int CompletedBudget = 400_000;

    /// <summary>A table cell stays readable; the data files keep every character.</summary>
    public const int MaxCellLength = 2000;

    internal static string Clip(string text, int max = MaxCellLength)
    {
        if (text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "… (continues in the CSV and JSON downloads)");
    }

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Render(PublicDashboard doc, DashboardOptions options, IReadOnlyDictionary<string, string> assetVersions) =>
        PageRenderer.Render<DashboardPage>(8 * 1024 + Math.Min(doc.Actions.Count, MaxRows) * 900, new Dictionary<string, object?>
        {
            [nameof(DashboardPage.Document)] = doc,
            [nameof(DashboardPage.Options)] = options,
            [nameof(DashboardPage.AssetVersions)] = assetVersions,
        });

    /// <summary>
    /// The completed actions the print-only list names: at most <see cref="MaxRows"/>, in about
    /// <see cref="CompletedBudget"/> characters of markup, and how many more it leaves to the downloads.
    /// </summary>
    internal static (List<PublicAction> Listed, int Left) CompletedToList(PublicDashboard doc)
    {
        var sinceBaseline = doc.DriftSince is not null;
        var listed = new List<PublicAction>();
        var (left, written) = (0, 0);
        foreach (var a in doc.Actions)
        {
            if (!a.Complete || (sinceBaseline && !a.Has(DriftKind.Completed))) continue;
            if (listed.Count >= MaxRows || written >= CompletedBudget)
            {
                left++;
                continue;
            }
            if (listed.Count == 0) written += "<ul class=\"completed-list\">\n".Length;
            listed.Add(a);
            written += "<li><strong></strong> </li>\n".Length + HtmlWriter.EncodedLength(a.Id)
                       + HtmlWriter.EncodedLength(Clip(a.Text));
        }
        return (listed, left);
    }

    internal static string Generated(PublicDashboard doc) => doc.GeneratedAt.UtcDateTime.ToString("d MMMM yyyy HH:mm", UkCulture) + " UTC";

    /// <summary>The picture link previews show; it is not loaded by the page itself.</summary>
    public const string PreviewImage = "assets/preview.png";

    /// <summary>"42 actions as of 16 January 2017: 12 complete; of those open, 20 on track, 6 at risk, 2 off track; 5 overdue."</summary>
    public static string Description(PublicDashboard doc)
    {
        var s = doc.Summary;
        return $"{Num(s.Total)} actions as of {Wording.LongDate(doc.AsOf)}: {Num(s.Complete)} complete; of those open, {Num(s.Green)} on track, " +
               $"{Num(s.Amber)} at risk, {Num(s.Red)} off track; {Num(s.Overdue)} overdue.";
    }

    /// <summary>"not updated in 6 weeks": the summary card, the filter and each stale row.</summary>
    public static string StaleLabel(int staleAfterDays) => $"not updated in {Wording.StalePeriod(staleAfterDays)}";

    /// <summary>
    /// One pass over the actions, themes in tracker order (any theme the list of themes misses comes last, in order of appearance).
    /// </summary>
    internal static List<(string Theme, List<PublicAction> Actions)> GroupByTheme(PublicDashboard doc, Func<PublicAction, bool> include)
    {
        var groups = new List<(string, List<PublicAction>)>(doc.Themes.Count);
        var byTheme = new Dictionary<string, List<PublicAction>>(doc.Themes.Count, StringComparer.Ordinal);
        foreach (var theme in doc.Themes)
        {
            if (byTheme.ContainsKey(theme)) continue;
            var list = new List<PublicAction>();
            byTheme[theme] = list;
            groups.Add((theme, list));
        }
        foreach (var a in doc.Actions)
        {
            if (!include(a)) continue;
            if (!byTheme.TryGetValue(a.Theme, out var list))
            {
                list = [];
                byTheme[a.Theme] = list;
                groups.Add((a.Theme, list));
            }
            list.Add(a);
        }
        groups.RemoveAll(g => g.Item2.Count == 0);
        return groups;
    }

    /// <summary>
    /// The <paramref name="limit"/> most urgent open actions: overdue first (most days overdue first), then due soon, then
    /// by deadline (none last), then the most drift; ties in tracker order. A bounded heap keeps the least urgent of those
    /// chosen on top, so a large tracker is not sorted whole to find a page's worth.
    /// </summary>
    internal static HashSet<PublicAction> MostUrgentOpen(PublicDashboard doc, int limit)
    {
        var chosen = new HashSet<PublicAction>(ReferenceEqualityComparer.Instance);
        if (limit <= 0) return chosen;
        var actions = doc.Actions;
        var kept = new PriorityQueue<int, int>(Math.Min(limit, actions.Count) + 1,
            Comparer<int>.Create((x, y) => MoreUrgent(actions[y], y, actions[x], x)));
        for (var i = 0; i < actions.Count; i++)
        {
            if (!actions[i].Open) continue;
            if (kept.Count < limit) kept.Enqueue(i, i);
            else if (MoreUrgent(actions[i], i, actions[kept.Peek()], kept.Peek()) < 0) kept.DequeueEnqueue(i, i);
        }
        foreach (var (i, _) in kept.UnorderedItems) chosen.Add(actions[i]);
        return chosen;
    }

    /// <summary>Below zero when <paramref name="a"/> (at <paramref name="ai"/> in the tracker) is more urgent than <paramref name="b"/>.</summary>
    internal static int MoreUrgent(PublicAction a, int ai, PublicAction b, int bi)
    {
        int c;
        if ((c = b.Overdue.CompareTo(a.Overdue)) != 0) return c;
        if ((c = b.DaysOverdue.CompareTo(a.DaysOverdue)) != 0) return c;
        if ((c = b.DueSoon.CompareTo(a.DueSoon)) != 0) return c;
        if ((c = (a.Deadline ?? DateOnly.MaxValue).CompareTo(b.Deadline ?? DateOnly.MaxValue)) != 0) return c;
        if ((c = b.Drift.Count.CompareTo(a.Drift.Count)) != 0) return c;
        return ai.CompareTo(bi);
    }

    /// <summary>A drift item with the day it is measured from ("↓ Worse: Amber → Red since 9 Jan 2017").</summary>
    public static string DriftText(DriftChange d, DateOnly? since) =>
        since is null ? Wording.Drift(d) : $"{Wording.Drift(d)} since {Wording.ShortDate(since)}";

    private static string Num(int n) => Wording.Number(n);

    /// <summary>The absolute address of the link-preview picture.</summary>
    internal static string PreviewImageUrl(string publicUrl, IReadOnlyDictionary<string, string> assetVersions) =>
        new Uri(AtomFeed.SiteBase(publicUrl), Asset(PreviewImage, assetVersions)).AbsoluteUri;

    internal static string Asset(string path, IReadOnlyDictionary<string, string> versions) =>
        versions.TryGetValue(path, out var v) ? $"{path}?v={v}" : path;
}
