using System.Text;
using SaferCity.Core.History;
using SaferCity.Core.Html;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// committee.html: the page a coordinator prints for the partnership's committee. The summary figures, then what
/// changed at each refresh (from the same public history as the feed), then the open actions by theme. A paper the
/// committee reads, at any size of plan: at most <see cref="MaxChanges"/> changes (newest first) and the
/// <see cref="MaxOpenActions"/> most urgent open actions, under 2 MB, each cut saying how many more there are and
/// pointing to actions.csv and the dashboard for the rest (docs/performance.md, "The committee paper", for the cap).
/// It works without JavaScript (every refresh's changes are listed); <c>committee.js</c> reads <c>?since=yyyy-MM-dd</c>
/// and keeps only the changes after the last committee. Same Content-Security-Policy as the dashboard.
/// </summary>
public static class CommitteePaper
{
    public const string FileName = "committee.html";
    public const string Script = "assets/committee.js";

    /// <summary>At most this many changes are listed, newest first.</summary>
    public const int MaxChanges = 500;

    /// <summary>At most this many open actions are listed, the most urgent first (as the dashboard orders them).</summary>
    public const int MaxOpenActions = 500;

    /// <summary>
    /// A key action or lead cell in the paper is cut here; the CSV keeps every character. On a plan larger than the paper,
    /// key actions are cut as the feed cuts them.
    /// </summary>
    public const int CellLength = 300;

    // Size budgets in bytes of markup, so the paper stays under 2 MB however long (or however encoded) the texts:
    // the changes stop at the first, the open actions when both together reach the second. What is not counted (the
    // head, the summary, a heading and notice for each of at most 52 refreshes, a heading for each theme listed) is
    // well under the 200 KB left.
    private const int ChangesBudget = 700_000;
    private const int PaperBudget = 1_800_000;
    private const int RowMarkup = 80, ChangeMarkup = 10, GroupMarkup = 30;

    private const string ActionsCsv = "actions.csv";

    /// <summary>One refresh's changes as the paper lists them: by kind, and how many of the day's it leaves out.</summary>
    public sealed record Day(DateOnly Date, List<(string Heading, List<string> Changes)> Groups, int Left);

    /// <summary>One open action's cells, in the table's order.</summary>
    public sealed record Row(string Id, string Text, string Deadline, string Leads, string Rag, string LastUpdated);

    /// <summary>What the paper lists: the refreshes' changes, the open actions by theme, and how many open actions it names.</summary>
    public sealed record Contents(List<Day> Days, List<(string Theme, List<Row> Rows)> Themes, int Shown)
    {
        /// <summary>Some key action listed is longer than the paper shows: the paper says where the whole text is.</summary>
        public bool Shortened { get; init; }
    }

    public static string Render(PublicDashboard doc, TrackerHistory history, DashboardOptions options,
        IReadOnlyDictionary<string, string> assetVersions)
    {
        var contents = Select(doc, history);
        var items = contents.Shown + contents.Days.Sum(d => d.Groups.Sum(g => g.Changes.Count));
        return PageRenderer.Render<CommitteePaperPage>(16 * 1024 + items * 300, new Dictionary<string, object?>
        {
            [nameof(CommitteePaperPage.Document)] = doc,
            [nameof(CommitteePaperPage.Contents)] = contents,
            [nameof(CommitteePaperPage.Options)] = options,
            [nameof(CommitteePaperPage.AssetVersions)] = assetVersions,
        });
    }

    /// <summary>Said in the lede when a key action is cut: the paper loses no text the committee cannot find.</summary>
    internal const string ShortenedNote = "Long key actions are shortened here (…); actions.csv, the CSV download on the dashboard, " +
        "has them in full.";

    internal static readonly string[] Columns = ["Action", "Key action", "Deadline", "Lead services", "RAG", "Last updated"];

    /// <summary>"1,234 more changes on this day are not listed here…": how many, and where the rest are.</summary>
    internal static string ChangesLeftNotice(int left) =>
        $"{Num(left)} more {(left == 1 ? "change" : "changes")} on this day {(left == 1 ? "is" : "are")} not listed here, " +
        $"to keep this paper short enough to read and print. Every action's current state is in {ActionsCsv}, " +
        "the CSV download on the dashboard.";

    /// <summary>"This plan has 37,000 open actions; this paper lists the 500 most urgent… The other 36,500 are in actions.csv…"</summary>
    internal static string OpenLeftNotice(int open, int shown) =>
        $"This plan has {Num(open)} open actions; this paper lists the {Num(shown)} most urgent (overdue first, then due soon). " +
        $"The other {Num(open - shown)} are in {ActionsCsv}, the CSV download on the dashboard, which holds every action.";

    /// <summary>What the paper lists, counted in bytes of markup against its budgets (the same whichever code writes it).</summary>
    internal static Contents Select(PublicDashboard doc, TrackerHistory history)
    {
        var entries = AtomFeed.Entries(history, doc.AsOf);
        var texts = KeyActions(doc, entries);
        // A plan larger than the paper gets the feed's short key actions, so a printed page holds a dozen rows or more;
        // a plan that fits keeps its key actions as the committee wrote them (cut only past CellLength).
        var brief = doc.Summary.Open > MaxOpenActions || entries.Sum(e => e.Changes.Count) > MaxChanges;
        Func<string, string> keyAction = brief ? AtomFeed.Short : text => DashboardHtml.Clip(text, CellLength);
        var (days, bytes, shortened) = SelectChanges(entries, texts, keyAction);
        var urgent = DashboardHtml.MostUrgentOpen(doc, MaxOpenActions);
        var themes = new List<(string, List<Row>)>();
        var shown = 0;
        foreach (var (theme, actions) in DashboardHtml.GroupByTheme(doc, urgent.Contains))
        {
            if (bytes >= PaperBudget) break;
            var rows = new List<Row>();
            bytes += Bytes(theme);
            foreach (var a in actions)
            {
                if (bytes >= PaperBudget) break;
                var row = ToRow(a, doc.StaleAfterDays, keyAction);
                shortened |= brief && !ReferenceEquals(row.Text, a.Text);
                bytes += RowMarkup + Bytes(row.Id) + Bytes(row.Text) + Bytes(row.Deadline) + Bytes(row.Leads)
                         + Bytes(row.Rag) + Bytes(row.LastUpdated);
                rows.Add(row);
            }
            if (rows.Count == 0) break;
            themes.Add((theme, rows));
            shown += rows.Count;
        }
        return new Contents(days, themes, shown) { Shortened = brief && shortened };
    }

    /// <summary>
    /// The key actions of the actions the changes name, by number: a paper names a few hundred changes at most, and a
    /// dictionary of every action in a large plan only to look those up was a tenth of the paper's cost.
    /// </summary>
    private static Dictionary<string, string> KeyActions(PublicDashboard doc, IReadOnlyList<FeedEntry> entries)
    {
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries)
            foreach (var change in entry.Changes)
                if (change.Kind != DriftKind.Removed) named.Add(change.Id);
        var texts = new Dictionary<string, string>(named.Count, StringComparer.OrdinalIgnoreCase);
        if (named.Count == 0) return texts;
        foreach (var a in doc.Actions)
            if (named.Contains(a.Id)) texts.Add(a.Id, a.Text);
        return texts;
    }

    private static (List<Day> Days, int Bytes, bool Shortened) SelectChanges(IReadOnlyList<FeedEntry> entries,
        Dictionary<string, string> texts, Func<string, string> keyAction)
    {
        var days = new List<Day>(entries.Count);
        var (listed, bytes, shortened) = (0, 0, false);
        foreach (var entry in entries)
        {
            var groups = new List<(string, List<string>)>();
            var left = entry.Changes.Count;
            foreach (var (heading, changes) in AtomFeed.Grouped(entry))
            {
                if (listed >= MaxChanges || bytes >= ChangesBudget) break;
                var items = new List<string>();
                bytes += GroupMarkup + Bytes(heading);
                foreach (var c in changes)
                {
                    if (listed >= MaxChanges || bytes >= ChangesBudget) break;
                    var (text, cut) = ChangeText(c, texts, keyAction);
                    shortened |= cut;
                    bytes += ChangeMarkup + Bytes(text);
                    items.Add(text);
                    listed++;
                    left--;
                }
                groups.Add((heading, items));
            }
            days.Add(new Day(entry.Day, groups, left));
        }
        return (days, bytes, shortened);
    }

    /// <summary>"Action 1.1: Establish a city-wide… (amber to green)"; a removed action by its number alone.</summary>
    private static (string Text, bool Shortened) ChangeText(FeedChange c, Dictionary<string, string> texts,
        Func<string, string> keyAction)
    {
        if (c.Kind == DriftKind.Removed || !texts.TryGetValue(c.Id, out var text)) return ($"Action {c.Id}{AtomFeed.FromTo(c)}", false);
        var shown = keyAction(text);
        return ($"Action {c.Id}: {shown}{AtomFeed.FromTo(c)}", !ReferenceEquals(shown, text));
    }

    private static Row ToRow(PublicAction a, int staleAfterDays, Func<string, string> keyAction) => new(a.Id, keyAction(a.Text),
        a.Deadline is { } d ? Wording.LongDate(d) + (a.Overdue ? " (overdue)" : "") : "None",
        DashboardHtml.Clip(string.Join(", ", a.Leads), CellLength), Wording.RagWord(a.Rag), LastUpdated(a, staleAfterDays));

    /// <summary>The bytes <paramref name="text"/> takes in the page, encoded and in UTF-8.</summary>
    private static int Bytes(string text) => Encoding.UTF8.GetByteCount(HtmlWriter.Encoder.Encode(text));

    private static string LastUpdated(PublicAction a, int staleAfterDays) => a.LastUpdated is not { } day
        ? "Not known"
        : Wording.LongDate(day) + (a.Stale ? $" ({DashboardHtml.StaleLabel(staleAfterDays)})" : "");

    private static string Num(int n) => Wording.Number(n);
}
