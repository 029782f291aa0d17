using System.Globalization;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Html;
using SaferCity.Core.Model;

namespace SaferCity.Benchmarks.Baseline;

/// <summary>
/// The baseline of the Razor page benchmark: index.html as HtmlWriter code wrote it before the page moved to Razor
/// components (SaferCity.Core/Dashboard/DashboardPage.razor), kept so the comparison can be repeated. Not product code.
/// </summary>
public static class WriterDashboardHtml
{
    private static readonly string[] Columns = ["Action", "Key action", "Deadline", "Lead services", "RAG", "Status", "Comments"];

    public static string Render(PublicDashboard doc, DashboardOptions options, IReadOnlyDictionary<string, string> assetVersions)
    {
        var large = doc.Actions.Count > DashboardHtml.LargeTrackerThreshold;
        // Sized for the rows it lists, at most DashboardHtml.MaxRows: sized for every action, a large tracker's page reserved 50 MB at 50,000.
        var h = new HtmlWriter(8 * 1024 + Math.Min(doc.Actions.Count, DashboardHtml.MaxRows) * 900);
        Head(h, $"{options.Title}: action plan progress", assetVersions, script: true, extra: w =>
        {
            FeedHead(w, options);
            PreviewHead(w, doc, options, assetVersions);
        });

        h.Open("body", ("data-as-of", Wording.Iso(doc.AsOf)), ("data-generated-at", doc.GeneratedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("data-stale-after-hours", options.StaleAfterHours.ToString(CultureInfo.InvariantCulture))).Line();
        Header(h, options);

        h.Open("main", ("id", "main"), ("class", "width-container"), ("tabindex", "-1")).Line();
        h.Element("h1", "Action plan progress");
        h.Open("p", ("class", "lede")).Text("Data as of ");
        Time(h, doc.AsOf, Wording.LongDate(doc.AsOf));
        if (doc.DriftSince is { } since)
        {
            h.Text(". Changes are shown since ");
            Time(h, since, Wording.LongDate(since));
        }
        h.Text(".").Close("p").Line();
        FeedLink(h);
        PaperLink(h);
        StaleNotice(h, doc, options);

        Summary(h, doc.Summary, doc.StaleAfterDays);
        Trend(h, doc.Trend);
        Completed(h, doc, large);
        Actions(h, doc, large);
        Removed(h, doc.Removed);
        DataQuality(h, doc.DataQuality);

        h.Close("main").Line();
        h.Open("footer", ("class", "site-footer")).Open("div", ("class", "width-container"));
        // site.js prints this line, after the page title, at the foot of every printed page.
        h.Open("p").Element("span", $"Generated {DashboardHtml.Generated(doc)}", ("id", "generated"))
            .Text(" from the partnership's action tracker.").Close("p");
        h.Open("p").Element("a", "Accessibility statement", ("href", AccessibilityStatement.Path));
        if (options.ContactUrl is { Length: > 0 } contact) h.Text(" ").Element("a", "Contact the partnership coordinator", ("href", contact));
        // Only when set: the sample page (no notice) spends none of the page budget on it.
        if (options.Privacy.NoticeUrl is { Length: > 0 } notice) h.Text(" ").Element("a", "Privacy notice", ("href", notice));
        h.Close("p");
        h.Close("div").Close("footer").Line();

        h.Close("body").Line().Close("html").Line();
        return h.ToString();
    }

    /// <summary>The head every page of the site shares: the same strict policy, styles, and (for the dashboard) its one script.</summary>
    /// <param name="extra">Anything one page adds to the shared head (the dashboard: its feed and link-preview tags).</param>
    private static void Head(HtmlWriter h, string title, IReadOnlyDictionary<string, string> assetVersions, bool script,
        Action<HtmlWriter>? extra = null)
    {
        h.Doctype().Open("html", ("lang", "en-GB")).Line().Open("head").Line();
        h.Void("meta", ("charset", "utf-8")).Line();
        h.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line();
        h.Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", DashboardHtml.ContentSecurityPolicy)).Line();
        h.Void("meta", ("name", "referrer"), ("content", "no-referrer")).Line();
        h.Element("title", title).Line();
        // An empty icon: otherwise every visit asks for /favicon.ico and logs a 404.
        h.Void("link", ("rel", "icon"), ("href", "data:,")).Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Asset("assets/site.css", assetVersions))).Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Asset("assets/print.css", assetVersions)), ("media", "print")).Line();
        if (script) h.Open("script", ("src", Asset("assets/site.js", assetVersions)), ("defer", "defer")).Close("script").Line();
        extra?.Invoke(h);
        h.Close("head").Line();
    }

    private static void Header(HtmlWriter h, DashboardOptions options)
    {
        h.Element("a", "Skip to main content", ("href", "#main"), ("class", "skip-link")).Line();
        h.Open("header", ("class", "site-header")).Open("div", ("class", "width-container"));
        h.Element("p", options.Title, ("class", "site-header__title"));
        h.Close("div").Close("header").Line();
    }


    /// <summary>
    /// The data may be out of date: a plain notice in the page's reading order, never an alert that interrupts a screen
    /// reader on every visit. The page can tell on the server when the run itself is late (generated long after its as-of
    /// day); site.js shows the same notice when the reader's clock says the page has not been refreshed in time.
    /// </summary>
    private static void StaleNotice(HtmlWriter h, PublicDashboard doc, DashboardOptions options)
    {
        var endOfDay = new DateTimeOffset(doc.AsOf.ToDateTime(new TimeOnly(23, 59, 59)), TimeSpan.Zero);
        var staleWhenGenerated = doc.GeneratedAt - endOfDay > TimeSpan.FromHours(options.StaleAfterHours);
        h.Open("div", ("id", "stale-banner"), ("class", "banner"), ("hidden", staleWhenGenerated ? null : "hidden"));
        h.Open("p").Element("strong", "This data may be out of date.").Text(" The dashboard has not been refreshed since ");
        Time(h, doc.AsOf, Wording.LongDate(doc.AsOf)).Text(". ");
        if (options.ContactUrl is { Length: > 0 } contact)
            h.Text("Please ").Element("a", "tell the partnership coordinator", ("href", contact)).Text(".");
        else h.Text("Please tell the partnership coordinator.");
        h.Close("p").Close("div").Line();
    }

    /// <summary>
    /// What search results and link previews (Teams, email, social sites) show: a description with today's figures,
    /// Open Graph and Twitter card tags. Previews need absolute addresses, so the address and picture appear only
    /// when the public address is configured.
    /// </summary>
    private static void PreviewHead(HtmlWriter h, PublicDashboard doc, DashboardOptions options, IReadOnlyDictionary<string, string> assetVersions)
    {
        var title = $"{options.Title}: action plan progress";
        var description = DashboardHtml.Description(doc);
        h.Void("meta", ("name", "description"), ("content", description)).Line();
        // Indexing is what search engines do by default: only the refusal needs saying.
        if (!options.Indexable) h.Void("meta", ("name", "robots"), ("content", "noindex, nofollow")).Line();
        h.Void("meta", ("property", "og:type"), ("content", "website")).Line();
        h.Void("meta", ("property", "og:title"), ("content", title)).Line();
        h.Void("meta", ("property", "og:description"), ("content", description)).Line();
        // X reads og:title, og:description and og:image when its own tags are absent: only the card type is its own.
        h.Void("meta", ("name", "twitter:card"), ("content", "summary_large_image")).Line();
        if (options.PublicUrl is not { Length: > 0 } url) return;
        var image = new Uri(AtomFeed.SiteBase(url), Asset(DashboardHtml.PreviewImage, assetVersions)).AbsoluteUri;
        h.Void("link", ("rel", "canonical"), ("href", url)).Line();
        h.Void("meta", ("property", "og:url"), ("content", url)).Line();
        h.Void("meta", ("property", "og:image"), ("content", image)).Line();
        h.Void("meta", ("property", "og:image:width"), ("content", "1200")).Line();
        h.Void("meta", ("property", "og:image:height"), ("content", "630")).Line();
        h.Void("meta", ("property", "og:image:alt"), ("content", "Action plan progress")).Line();
    }
    /// <summary>Lets browsers and feed readers find the change feed from the page's address alone.</summary>
    private static void FeedHead(HtmlWriter h, DashboardOptions options) =>
        h.Void("link", ("rel", "alternate"), ("type", "application/atom+xml"), ("href", AtomFeed.FileName),
            ("title", $"{options.Title}: action plan changes")).Line();

    private static void PaperLink(HtmlWriter h) =>
        h.Open("p", ("class", "paper-link no-print")).Element("a", "Print a committee paper", ("href", CommitteePaper.FileName))
            .Text(" (add ?since=yyyy-MM-dd for the changes since then).").Close("p").Line();

    private static void FeedLink(HtmlWriter h) =>
        h.Open("p", ("class", "feed-link")).Element("a", "Follow the changes in a feed reader", ("href", AtomFeed.FileName))
            .Text(" (Atom).").Close("p").Line();

    private static void Summary(HtmlWriter h, DashboardSummary s, int staleAfterDays)
    {
        h.Open("section", ("aria-labelledby", "summary-heading")).Line();
        h.Element("h2", "Summary", ("id", "summary-heading"), ("class", "visually-hidden"));
        h.Open("ul", ("class", "summary-cards")).Line();
        Card(h, s.Total, "actions in total", "total");
        Card(h, s.Complete, "complete", "complete");
        Card(h, s.Green, "on track (green)", "green");
        Card(h, s.Amber, "at risk (amber)", "amber");
        Card(h, s.Red, "off track (red)", "red");
        Card(h, s.Overdue, "overdue", "overdue");
        Card(h, s.DueSoon, "due soon", "due-soon");
        Card(h, s.RagMismatch, RagWords.MismatchCount, "mismatch");
        // site.js offers this card's words as a filter, so the period is written once.
        if (staleAfterDays > 0) Card(h, s.Stale, DashboardHtml.StaleLabel(staleAfterDays), "stale");
        h.Close("ul").Close("section").Line();
    }


    private static void Card(HtmlWriter h, int value, string label, string key)
    {
        // Styled through the list's class and data-summary: no class per card or label.
        h.Open("li", ("data-summary", key));
        h.Element("span", value.ToString(CultureInfo.InvariantCulture), ("class", "summary-card__value"));
        h.Text(" ").Element("span", label);
        h.Close("li").Line();
    }

    /// <summary>RAG counts across snapshots as an inline SVG line chart, with the same numbers as a table for anyone who cannot see it.</summary>
    private static void Trend(HtmlWriter h, IReadOnlyList<TrendDay> trend)
    {
        if (trend.Count == 0) return;
        h.Open("section", ("aria-labelledby", "trend-heading"), ("class", "trend")).Line();
        h.Element("h2", "Trend", ("id", "trend-heading"));
        TrendChart.Render(h, trend);
        h.Open("details", ("class", "trend__data")).Element("summary", "Trend data as a table").Line();
        // Wider than a small phone: it scrolls in its own region (named, and focusable so a keyboard can scroll it), not the page.
        h.Open("div", ("class", "table-scroll"), ("role", "region"), ("aria-labelledby", "trend-table"), ("tabindex", "0"));
        h.Open("table", ("class", "data-table"))
            .Element("caption", "Open actions by RAG, and completed actions, at each snapshot", ("id", "trend-table"));
        h.Open("thead").Open("tr");
        foreach (var col in TrendChart.TableColumns) h.Element("th", col, ("scope", "col"));
        h.Close("tr").Close("thead").Open("tbody").Line();
        foreach (var (day, p) in trend)
        {
            h.Open("tr").Open("th", ("scope", "row"));
            Time(h, day, Wording.LongDate(day)).Close("th");
            h.Element("td", Num(p.Red)).Element("td", Num(p.Amber)).Element("td", Num(p.Green)).Element("td", Num(p.Complete));
            h.Close("tr").Line();
        }
        h.Close("tbody").Close("table").Close("div").Close("details").Close("section").Line();
    }

    /// <summary>
    /// For the committee paper: what was completed since the drift baseline (or everything complete on a first run).
    /// Shown in print only; on screen the completed rows sit greyed out in their themes.
    /// </summary>
    private static void Completed(HtmlWriter h, PublicDashboard doc, bool large)
    {
        var sinceBaseline = doc.DriftSince is not null;
        h.Open("section", ("aria-labelledby", "completed-heading"), ("class", "print-only"), ("id", "completed")).Line();
        var heading = doc.DriftSince is { } since ? $"Completed since {Wording.LongDate(since)}" : "Completed actions";
        h.Element("h2", heading, ("id", "completed-heading"));
        if (large && !sinceBaseline)
        {
            h.Element("p", $"{Num(doc.Summary.Complete)} actions are complete; they are listed in the CSV and JSON downloads.");
            h.Close("section").Line();
            return;
        }
        var (listed, left) = (0, 0);
        var start = h.Length;
        foreach (var a in doc.Actions)
        {
            if (!a.Complete || (sinceBaseline && !a.Has(DriftKind.Completed))) continue;
            if (listed >= DashboardHtml.MaxRows || h.Length - start >= DashboardHtml.CompletedBudget)
            {
                left++;
                continue;
            }
            if (listed++ == 0) h.Open("ul", ("class", "completed-list")).Line();
            h.Open("li").Element("strong", a.Id).Text(" ").Text(DashboardHtml.Clip(a.Text)).Close("li").Line();
        }
        if (listed > 0) h.Close("ul");
        else h.Element("p", "No actions were completed in this period.");
        if (left > 0)
        {
            h.Open("p", ("class", "notice")).Text($"{Num(left)} more completed {(left == 1 ? "action is" : "actions are")} not listed here, " +
                    "to keep this page printable. Every action is in the ")
                .Element("a", "CSV download", ("href", "actions.csv")).Text(" and the ").Element("a", "JSON data", ("href", "dashboard.json"))
                .Text(".").Close("p").Line();
        }
        h.Close("section").Line();
    }

    private static void Actions(HtmlWriter h, PublicDashboard doc, bool large)
    {
        h.Open("section", ("aria-labelledby", "actions-heading"), ("id", "actions")).Line();
        h.Element("h2", "Actions by theme", ("id", "actions-heading"));
        h.Element("p", "Completed actions are listed above; open actions follow, by theme.", ("class", "print-only"));
        Func<PublicAction, bool> include = a => true;
        if (large)
        {
            var shown = DashboardHtml.MostUrgentOpen(doc, DashboardHtml.MaxRows);
            include = shown.Contains;
            h.Open("p", ("class", "notice"))
                .Text(shown.Count < doc.Summary.Open
                    ? $"This tracker has {Num(doc.Actions.Count)} actions, so this page lists the {Num(shown.Count)} most urgent of the " +
                      $"{Num(doc.Summary.Open)} open ones (overdue first, then due soon). Every action is in the "
                    : $"This tracker has {Num(doc.Actions.Count)} actions, so this page lists only the {Num(doc.Summary.Open)} open ones. " +
                      "Every action is in the ");
            h.Element("a", "CSV download", ("href", "actions.csv")).Text(" and the ").Element("a", "JSON data", ("href", "dashboard.json")).Text(".");
            h.Close("p").Line();
        }
        Downloads(h);
        h.Open("div", ("id", "filters"), ("class", "filters")).Close("div").Line();
        // site.js states the active filters here, so a printed filtered view says what it leaves out.
        h.Element("p", null, ("id", "filter-summary"), ("class", "filter-summary"), ("hidden", "hidden")).Line();
        h.Open("div", ("id", "actions-list")).Line();
        var index = 0;
        foreach (var (theme, actions) in DashboardHtml.GroupByTheme(doc, include))
        {
            ThemeTable(h, theme, actions, ++index, doc);
        }
        h.Close("div").Close("section").Line();
    }

    private static void ThemeTable(HtmlWriter h, string theme, List<PublicAction> actions, int index, PublicDashboard doc)
    {
        // A heading, so heading navigation reaches each theme; it also names the table.
        var id = "theme-" + index.ToString(CultureInfo.InvariantCulture);
        // A theme whose actions are all complete has nothing to print: the completed list names them.
        h.Open("div", ("class", actions.TrueForAll(a => a.Complete) ? "theme theme--all-complete" : "theme")).Line();
        h.Element("h3", theme, ("id", id));
        h.Open("table", ("class", "actions-table"), ("aria-labelledby", id)).Line();
        h.Open("thead").Open("tr");
        foreach (var col in Columns) h.Element("th", col, ("scope", "col"));
        h.Close("tr").Close("thead").Line().Open("tbody").Line();
        foreach (var a in actions) Row(h, a, doc);
        h.Close("tbody").Close("table").Close("div").Line();
    }

    private static void Row(HtmlWriter h, PublicAction a, PublicDashboard doc)
    {
        var complete = a.Complete;
        // site.js reads the rating from the RAG cell's tag, so it is not repeated on the row.
        h.Open("tr", ("id", "action-" + a.Id), ("data-status", complete ? "complete" : "open"),
            ("data-due", complete ? null : a.Overdue ? "overdue" : a.DueSoon ? "soon" : null), ("data-stale", a.Stale ? "" : null));
        h.Element("th", a.Id, ("scope", "row"));
        h.Element("td", DashboardHtml.Clip(a.Text));
        h.Open("td");
        if (a.Deadline is { } d) Time(h, d, Wording.LongMonthOrDate(d));
        else h.Text("Not set");
        h.Close("td");
        // site.js reads the leads back from this cell (one name, or a list), so they are not repeated in an attribute.
        if (a.Leads.Count == 0) h.Element("td", "No lead named", ("class", "no-lead"));
        else if (a.Leads.Count == 1) h.Element("td", a.Leads[0]);
        else
        {
            h.Open("td").Open("ul");
            foreach (var lead in a.Leads) h.Element("li", lead);
            h.Close("ul").Close("td");
        }
        h.Open("td").Element("strong", Wording.RagWord(a.Rag), ("class", "tag--" + (a.Rag?.ToWord() ?? "none"))).Close("td");
        h.Open("td");
        Flags(h, a, complete, doc);
        History(h, a);
        h.Close("td");
        h.Element("td", a.Comments.Length == 0 ? "No comment" : DashboardHtml.Clip(a.Comments));
        h.Close("tr").Line();
    }

    private static void Flags(HtmlWriter h, PublicAction a, bool complete, PublicDashboard doc)
    {
        var mismatch = !complete && a.RagMismatch;
        var updated = complete || a.LastUpdated is not { } last ? null : $"Last updated {Wording.LongDate(last)}";
        var list = 1 + (mismatch ? 1 : 0) + (a.Stale ? 1 : 0) + a.Drift.Count > 1;
        if (list) h.Open("ul").Open("li");
        if (complete) h.Element("strong", "Complete", ("class", "tag--complete"));
        else if (a.Overdue) h.Element("strong", $"Overdue by {Days(a.DaysOverdue)}", ("class", "tag--overdue"));
        else if (a.DueSoon) h.Element("strong", "Due soon", ("class", "tag--due-soon"));
        else h.Text("Open");
        // Every open action says when it was last updated: under its status, or as the status list's last line.
        if (!list)
        {
            if (updated is not null) h.Void("br").Text(updated);
            return;
        }
        h.Close("li");
        if (mismatch) h.Element("li", RagWords.Capitalised(RagWords.Mismatch(a.Rag)), ("class", "flag-mismatch"));
        if (a.Stale) h.Element("li", RagWords.Capitalised(DashboardHtml.StaleLabel(doc.StaleAfterDays)), ("class", "flag-stale"));
        foreach (var d in a.Drift) h.Element("li", DashboardHtml.DriftText(d, doc.DriftSince), ("class", "drift drift--" + Wording.JsonName(d.Kind)));
        if (updated is not null) h.Element("li", updated);
        h.Close("ul");
    }

    /// <summary>The action's RAG and deadline over time; only when there is more than one state to show.</summary>
    private static void History(HtmlWriter h, PublicAction a)
    {
        if (a.History.Count < 2) return;
        h.Open("details", ("class", "history")).Open("summary").Text("History").Element("span", $" of action {a.Id}", ("class", "visually-hidden"))
            .Close("summary").Open("ol", ("class", "history__list"));
        for (var i = a.History.Count - 1; i >= 0; i--)
        {
            var p = a.History[i];
            h.Open("li");
            Time(h, p.AsOf, Wording.ShortDate(p.AsOf))
                .Text($": {Wording.RagWord(p.Rag)}, due {(p.Deadline is { } d ? Wording.LongMonthOrDate(d) : "not set")}" +
                      (p.Complete ? ", complete" : ""))
                .Close("li");
        }
        h.Close("ol").Close("details");
    }

    private static void Removed(HtmlWriter h, IReadOnlyList<string> removed)
    {
        if (removed.Count == 0) return;
        h.Open("section", ("aria-labelledby", "removed-heading"));
        h.Element("h2", "Removed since last period", ("id", "removed-heading"));
        h.Open("ul");
        foreach (var id in removed) h.Element("li", $"Action {id}");
        h.Close("ul").Close("section").Line();
    }

    private static void DataQuality(HtmlWriter h, IReadOnlyList<Finding> items)
    {
        if (items.Count == 0) return;
        h.Open("section", ("aria-labelledby", "dq-heading"), ("class", "data-quality"));
        h.Element("h2", "Data to check", ("id", "dq-heading"));
        h.Element("p", "These entries in the tracker could not be fully understood.");
        h.Open("ul");
        foreach (var f in items)
            h.Element("li", f.Value is null ? $"{f.Id}: {f.Field} {f.Problem}" : $"{f.Id}: {f.Field} {f.Problem} ({f.Value})");
        h.Close("ul").Close("section").Line();
    }

    private static void Downloads(HtmlWriter h)
    {
        h.Open("p", ("class", "downloads"));
        h.Element("a", "Download all actions (CSV)", ("href", "actions.csv"), ("download", "actions.csv")).Text(" ");
        h.Element("a", "Data (JSON)", ("href", "dashboard.json"));
        h.Close("p").Line();
    }

    /// <summary>A day in words, with its ISO form for machines.</summary>
    private static HtmlWriter Time(HtmlWriter h, DateOnly day, string words) => h.Element("time", words, ("datetime", Wording.Iso(day)));

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";

    private static string Num(int n) => Wording.Number(n);

    private static string Asset(string path, IReadOnlyDictionary<string, string> versions) =>
        versions.TryGetValue(path, out var v) ? $"{path}?v={v}" : path;

}
