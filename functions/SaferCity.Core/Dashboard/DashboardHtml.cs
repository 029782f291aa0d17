using System.Globalization;
using SaferCity.Core.Html;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// index.html, rendered on the server so it works without JavaScript. Script only enhances
/// (filters, history); it is a separate file, so the Content-Security-Policy allows no inline code.
/// </summary>
public static class DashboardHtml
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "base-uri 'none'; form-action 'self'";

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public static string Render(DashboardDocument doc, DashboardOptions options, IReadOnlyDictionary<string, string> assetVersions)
    {
        var h = new HtmlWriter(8 * 1024 + doc.Actions.Count * 1200);
        h.Doctype().Open("html", ("lang", "en-GB")).Line().Open("head").Line();
        h.Void("meta", ("charset", "utf-8")).Line();
        h.Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line();
        h.Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy)).Line();
        h.Void("meta", ("name", "referrer"), ("content", "no-referrer")).Line();
        h.Element("title", $"{options.Title}: action plan progress").Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Asset("assets/site.css", assetVersions))).Line();
        h.Void("link", ("rel", "stylesheet"), ("href", Asset("assets/print.css", assetVersions)), ("media", "print")).Line();
        h.Open("script", ("src", Asset("assets/site.js", assetVersions)), ("defer", "defer")).Close("script").Line();
        h.Close("head").Line();

        h.Open("body", ("data-as-of", doc.AsOf), ("data-generated-at", doc.GeneratedAt.ToString("O", CultureInfo.InvariantCulture)),
            ("data-stale-after-hours", options.StaleAfterHours.ToString(CultureInfo.InvariantCulture))).Line();
        h.Element("a", "Skip to the actions", ("href", "#actions"), ("class", "skip-link")).Line();
        h.Open("header", ("class", "site-header")).Open("div", ("class", "width-container"));
        h.Element("p", options.Title, ("class", "site-header__title"));
        h.Close("div").Close("header").Line();

        h.Open("main", ("id", "main"), ("class", "width-container")).Line();
        h.Element("h1", "Action plan progress");
        h.Open("p", ("class", "lede")).Text("Data as of ").Element("time", LongDate(doc.AsOf), ("datetime", doc.AsOf));
        if (doc.DriftSince is { } since) h.Text(". Changes are shown since ").Element("time", LongDate(since), ("datetime", since));
        h.Text(".").Close("p").Line();
        h.Open("div", ("id", "stale-banner"), ("class", "banner banner--warning"), ("role", "alert"), ("hidden", "hidden"));
        h.Element("p", "This data may be out of date: the dashboard has not been refreshed recently. Please tell the partnership coordinator.");
        h.Close("div").Line();

        Summary(h, doc.Summary);
        h.Open("div", ("id", "filters"), ("class", "filters")).Close("div").Line();

        h.Open("div", ("id", "actions")).Line();
        foreach (var theme in doc.Themes)
        {
            ThemeTable(h, theme, doc.Actions.Where(a => a.Theme == theme).ToList());
        }
        h.Close("div").Line();

        if (doc.Removed.Count > 0)
        {
            h.Open("section", ("class", "section"), ("aria-labelledby", "removed-heading"));
            h.Element("h2", "Removed since last period", ("id", "removed-heading"));
            h.Open("ul");
            foreach (var r in doc.Removed) h.Element("li", $"Action {r.Id}");
            h.Close("ul").Close("section").Line();
        }

        if (doc.DataQuality.Count > 0)
        {
            h.Open("section", ("class", "section"), ("aria-labelledby", "dq-heading"));
            h.Element("h2", "Data to check", ("id", "dq-heading"));
            h.Element("p", "These entries in the tracker could not be fully understood.");
            h.Open("ul", ("class", "data-quality"));
            foreach (var f in doc.DataQuality)
                h.Element("li", f.Value is null ? $"{f.Id}: {f.Field} {f.Problem}" : $"{f.Id}: {f.Field} {f.Problem} ({f.Value})");
            h.Close("ul").Close("section").Line();
        }

        h.Open("p", ("class", "downloads"));
        h.Element("a", "Download the actions (CSV)", ("href", "actions.csv"), ("download", "actions.csv")).Text(" · ");
        h.Element("a", "Data (JSON)", ("href", "dashboard.json"));
        h.Close("p").Line();
        h.Close("main").Line();
        h.Open("footer", ("class", "site-footer")).Open("div", ("class", "width-container"));
        h.Element("p", $"Generated {doc.GeneratedAt.UtcDateTime.ToString("d MMMM yyyy HH:mm", UkCulture)} UTC from the partnership's action tracker.");
        h.Close("div").Close("footer").Line();
        h.Close("body").Line().Close("html").Line();
        return h.ToString();
    }

    private static void Summary(HtmlWriter h, DashboardSummary s)
    {
        h.Open("section", ("aria-labelledby", "summary-heading"), ("class", "section")).Line();
        h.Element("h2", "Summary", ("id", "summary-heading"), ("class", "visually-hidden"));
        h.Open("ul", ("class", "summary-cards")).Line();
        Card(h, s.Total, "actions in total", "total");
        Card(h, s.Complete, "complete", "complete");
        Card(h, s.Green, "on track (green)", "green");
        Card(h, s.Amber, "at risk (amber)", "amber");
        Card(h, s.Red, "off track (red)", "red");
        Card(h, s.Overdue, "overdue", "overdue");
        Card(h, s.DueSoon, "due soon", "due-soon");
        Card(h, s.RagMismatch, "rated on track but overdue", "mismatch");
        h.Close("ul").Close("section").Line();
    }

    private static void Card(HtmlWriter h, int value, string label, string key)
    {
        h.Open("li", ("class", $"summary-card summary-card--{key}"), ("data-summary", key));
        h.Element("span", value.ToString(CultureInfo.InvariantCulture), ("class", "summary-card__value"));
        h.Text(" ").Element("span", label, ("class", "summary-card__label"));
        h.Close("li").Line();
    }

    private static void ThemeTable(HtmlWriter h, string theme, IReadOnlyList<DashboardAction> actions)
    {
        h.Open("section", ("class", "theme"), ("data-theme", theme)).Line();
        h.Open("table", ("class", "actions-table")).Line();
        h.Element("caption", theme, ("class", "actions-table__caption")).Line();
        h.Open("thead").Open("tr");
        foreach (var col in new[] { "Action", "Key action", "Deadline", "Lead services", "RAG", "Status", "Comments" })
            h.Element("th", col, ("scope", "col"));
        h.Close("tr").Close("thead").Line().Open("tbody").Line();
        foreach (var a in actions) Row(h, a);
        h.Close("tbody").Close("table").Close("section").Line();
    }

    private static void Row(HtmlWriter h, DashboardAction a)
    {
        var classes = a.Status == "complete" ? "action action--complete" : a.Overdue ? "action action--overdue" : "action";
        h.Open("tr", ("id", "action-" + a.Id), ("class", classes), ("data-id", a.Id), ("data-rag", a.Rag ?? "none"),
            ("data-status", a.Status), ("data-overdue", a.Overdue ? "true" : "false"), ("data-due-soon", a.DueSoon ? "true" : "false"),
            ("data-leads", string.Join("|", a.Leads)));
        h.Element("th", a.Id, ("scope", "row"));
        h.Element("td", a.Text);
        h.Open("td");
        if (a.Deadline is { } d) h.Element("time", LongMonthOrDate(d), ("datetime", d));
        else h.Text("Not set");
        h.Close("td");
        h.Open("td");
        if (a.Leads.Count == 0) h.Text("No lead named");
        else
        {
            h.Open("ul", ("class", "plain-list"));
            foreach (var lead in a.Leads) h.Element("li", lead);
            h.Close("ul");
        }
        h.Close("td");
        h.Open("td").Element("strong", RagWord(a.Rag), ("class", "tag tag--" + (a.Rag ?? "none"))).Close("td");
        h.Open("td");
        Flags(h, a);
        h.Close("td");
        h.Element("td", a.Comments.Length == 0 ? "No comment" : a.Comments, ("class", "comments"));
        h.Close("tr").Line();
    }

    private static void Flags(HtmlWriter h, DashboardAction a)
    {
        h.Open("ul", ("class", "plain-list flags"));
        if (a.Status == "complete") h.Open("li").Element("strong", "Complete", ("class", "tag tag--complete")).Close("li");
        else
        {
            if (a.Overdue)
                h.Open("li").Element("strong", $"Overdue by {Days(a.DaysOverdue)}", ("class", "tag tag--overdue")).Close("li");
            else if (a.DueSoon) h.Open("li").Element("strong", "Due soon", ("class", "tag tag--due-soon")).Close("li");
            else h.Element("li", "Open");
            if (a.RagMismatch) h.Element("li", "Rated on track, but the deadline has passed", ("class", "flag-mismatch"));
        }
        foreach (var d in a.Drift) h.Element("li", DriftText(d), ("class", "drift drift--" + d.Kind));
        h.Close("ul");
    }

    public static string DriftText(DriftItem d) => d.Kind switch
    {
        "ragWorsened" => $"↓ Worse: {RagWord(d.From)} → {RagWord(d.To)}",
        "ragImproved" => $"↑ Better: {RagWord(d.From)} → {RagWord(d.To)}",
        "deadlineSlipped" => $"→ Deadline moved later: {ShortDate(d.From)} → {ShortDate(d.To)}",
        "deadlineBroughtForward" => $"← Deadline brought forward: {ShortDate(d.From)} → {ShortDate(d.To)}",
        "completed" => "✓ Completed",
        "reopened" => "↺ Reopened",
        "added" => "＋ New action",
        _ => d.Kind,
    };

    public static string RagWord(string? rag) => rag switch
    {
        "green" => "Green",
        "amber" => "Amber",
        "red" => "Red",
        _ => "Not rated",
    };

    private static string Days(int n) => n == 1 ? "1 day" : $"{n} days";

    private static string Asset(string path, IReadOnlyDictionary<string, string> versions) =>
        versions.TryGetValue(path, out var v) ? $"{path}?v={v}" : path;

    public static string LongDate(string iso) =>
        DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var d) ? d.ToString("d MMMM yyyy", UkCulture) : iso;

    private static string ShortDate(string? iso) =>
        iso is not null && DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var d) ? d.ToString("d MMM yyyy", UkCulture) : iso ?? "";

    /// <summary>Month-end deadlines read as the month, the way the tracker writes them.</summary>
    private static string LongMonthOrDate(string iso)
    {
        if (!DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var d)) return iso;
        return d.Day == DateTime.DaysInMonth(d.Year, d.Month) ? d.ToString("MMMM yyyy", UkCulture) : d.ToString("d MMMM yyyy", UkCulture);
    }
}
