using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Html;
using SaferCity.Core.Model;

namespace SaferCity.Benchmarks.Baseline;

/// <summary>
/// The baseline of the Razor page benchmark for committee.html: the paper as HtmlWriter code wrote it before it moved to
/// a Razor component (SaferCity.Core/Dashboard/CommitteePaperPage.razor), kept so the comparison can be repeated. It lists
/// what <see cref="CommitteePaper.Select"/> chooses, as the component does. Not product code.
/// </summary>
public static class WriterCommitteePaper
{
    public static string Render(PublicDashboard doc, TrackerHistory history, DashboardOptions options,
        IReadOnlyDictionary<string, string> assetVersions)
    {
        var contents = CommitteePaper.Select(doc, history);
        var items = contents.Shown + contents.Days.Sum(d => d.Groups.Sum(g => g.Changes.Count));
        var h = new HtmlWriter(16 * 1024 + items * 300);
        h.Doctype().Open("html", ("lang", "en-GB")).Line().Open("head").Line();
        h.Void("meta", ("charset", "utf-8")).Line();
        h.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line();
        h.Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", DashboardHtml.ContentSecurityPolicy)).Line();
        h.Void("meta", ("name", "referrer"), ("content", "no-referrer")).Line();
        h.Void("meta", ("name", "robots"), ("content", "noindex")).Line();
        h.Element("title", $"{options.Title}: committee paper, {Wording.LongDate(doc.AsOf)}").Line();
        h.Void("link", ("rel", "icon"), ("href", "data:,")).Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Versioned("assets/site.css", assetVersions))).Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Versioned("assets/print.css", assetVersions)), ("media", "print")).Line();
        h.Open("script", ("src", Versioned(CommitteePaper.Script, assetVersions)), ("defer", "defer")).Close("script").Line();
        h.Close("head").Line();

        h.Open("body").Line();
        h.Open("main", ("id", "main"), ("class", "width-container committee")).Line();
        h.Element("p", options.Title, ("class", "site-header__title"));
        h.Element("h1", "Action plan progress: committee paper");
        h.Open("p", ("class", "lede")).Text("Data as of ");
        Time(h, doc.AsOf, Wording.LongDate(doc.AsOf)).Text(".");
        if (contents.Shortened) h.Text(" " + CommitteePaper.ShortenedNote);
        h.Close("p").Line();
        h.Open("p", ("class", "no-print")).Text("Print this page, or save it as PDF, for the committee. ")
            .Element("a", "Back to the dashboard", ("href", "index.html")).Close("p").Line();

        Summary(h, doc.Summary);
        Changes(h, contents.Days);
        OpenActions(h, doc, contents);

        h.Close("main").Line().Close("body").Line().Close("html").Line();
        return h.ToString();
    }

    private static void Summary(HtmlWriter h, DashboardSummary s)
    {
        h.Element("h2", "Summary");
        h.Open("ul", ("class", "committee-summary"));
        Item($"{Num(s.Total)} actions in total, {Num(s.Complete)} complete and {Num(s.Open)} open");
        Item($"Of those open: {Num(s.Green)} on track (green), {Num(s.Amber)} at risk (amber), {Num(s.Red)} off track (red)");
        Item($"{Num(s.Overdue)} overdue, {Num(s.DueSoon)} due soon");
        h.Close("ul").Line();

        void Item(string text) => h.Element("li", text);
    }

    /// <summary>
    /// Each refresh whose content changed, newest first; committee.js keeps those after ?since=. A day the cap cuts
    /// says how many of its changes it leaves out.
    /// </summary>
    private static void Changes(HtmlWriter h, List<CommitteePaper.Day> days)
    {
        h.Open("section", ("id", "changes"), ("aria-labelledby", "changes-heading")).Line();
        h.Element("h2", "Changes at each refresh", ("id", "changes-heading"));
        if (days.Count == 0) h.Element("p", "No changes recorded yet.");
        foreach (var day in days)
        {
            h.Open("section", ("class", "committee-day"), ("data-day", Wording.Iso(day.Date))).Line();
            h.Open("h3").Text("Changes on ");
            Time(h, day.Date, Wording.LongDate(day.Date)).Close("h3");
            foreach (var (heading, changes) in day.Groups)
            {
                h.Element("h4", heading).Open("ul");
                foreach (var change in changes) h.Element("li", change);
                h.Close("ul").Line();
            }
            if (day.Left > 0) h.Element("p", CommitteePaper.ChangesLeftNotice(day.Left), ("class", "notice"));
            h.Close("section").Line();
        }
        h.Element("p", "No changes since that day.", ("id", "no-changes-since"), ("hidden", "hidden"));
        h.Close("section").Line();
    }

    /// <summary>
    /// Open actions by theme, the most urgent up to the cap. Each theme a heading (so the tagged PDF has one), its table
    /// named by it and wrapped in its own scrolling region, so a 320 px screen never scrolls the page sideways.
    /// </summary>
    private static void OpenActions(HtmlWriter h, PublicDashboard doc, CommitteePaper.Contents contents)
    {
        h.Element("h2", "Open actions by theme");
        if (contents.Shown < doc.Summary.Open)
            h.Element("p", CommitteePaper.OpenLeftNotice(doc.Summary.Open, contents.Shown), ("class", "notice")).Line();
        var themeNumber = 0;
        foreach (var (theme, rows) in contents.Themes)
        {
            var id = $"theme-{++themeNumber}";
            h.Element("h3", theme, ("id", id), ("class", "committee-theme"));
            h.Open("div", ("class", "table-scroll"), ("role", "region"), ("aria-labelledby", id), ("tabindex", "0"));
            h.Open("table", ("class", "data-table"), ("aria-labelledby", id));
            h.Open("thead").Open("tr");
            foreach (var col in CommitteePaper.Columns) h.Element("th", col, ("scope", "col"));
            h.Close("tr").Close("thead").Open("tbody").Line();
            foreach (var r in rows)
            {
                h.Open("tr").Element("th", r.Id, ("scope", "row")).Element("td", r.Text).Element("td", r.Deadline)
                    .Element("td", r.Leads).Element("td", r.Rag).Element("td", r.LastUpdated).Close("tr").Line();
            }
            h.Close("tbody").Close("table").Close("div").Line();
        }
    }

    private static HtmlWriter Time(HtmlWriter h, DateOnly day, string words) => h.Element("time", words, ("datetime", Wording.Iso(day)));

    private static string Num(int n) => Wording.Number(n);

    private static string Versioned(string path, IReadOnlyDictionary<string, string> versions) =>
        versions.TryGetValue(path, out var v) ? $"{path}?v={v}" : path;
}
