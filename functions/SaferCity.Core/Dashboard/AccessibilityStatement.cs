using System.Globalization;
using System.Reflection;
using SaferCity.Core.Html;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// accessibility.html: the statement UK public-sector websites publish, in the sections of GOV.UK's model statement.
/// It covers the dashboard, the committee paper, the feed and the update service. What it says readers can do, and
/// how that was tested, comes from <see cref="AccessibilityChecks"/>, each of which a Chromium test checks. It depends
/// only on the settings and the build, never on the data, so it is rewritten only when they change.
/// </summary>
public static class AccessibilityStatement
{
    public const string Path = "accessibility.html";

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The day this version was built and its checks run (the assembly's BuildDate), yyyy-MM-dd.</summary>
    public static string BuildDate { get; } =
        typeof(AccessibilityStatement).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildDate")?.Value
        ?? throw new InvalidOperationException("The assembly has no BuildDate.");

    public static string Render(DashboardOptions options, IReadOnlyDictionary<string, string> assetVersions)
    {
        var h = new HtmlWriter(12 * 1024);
        DashboardHtml.Head(h, $"Accessibility statement: {options.Title} action plan progress", assetVersions, script: false);
        h.Open("body").Line();
        DashboardHtml.Header(h, options);
        h.Open("main", ("id", "main"), ("class", "width-container statement"), ("tabindex", "-1")).Line();
        h.Element("h1", $"Accessibility statement for the {options.Title} action plan progress dashboard");
        Scope(h, options);
        h.Element("h2", "How accessible this website is");
        h.Element("p", "We want as many people as possible to be able to use it. You should be able to:");
        List(h, AccessibilityChecks.All.Select(c => c.YouCan).OfType<string>());
        Feedback(h, options);
        Technical(h, options);
        Preparation(h, options);
        h.Close("main").Line();
        h.Open("footer", ("class", "site-footer")).Open("div", ("class", "width-container"));
        h.Open("p").Element("a", "Back to the dashboard", ("href", "index.html")).Close("p");
        h.Close("div").Close("footer").Line();
        h.Close("body").Line().Close("html").Line();
        return h.ToString();
    }

    private static void Scope(HtmlWriter h, DashboardOptions options)
    {
        h.Open("p", ("class", "lede")).Text($"This statement applies to the {options.Title}\u2019s ")
            .Element("a", "action plan progress dashboard", ("href", "index.html")).Text(" and its data downloads, the ")
            .Element("a", "committee paper", ("href", CommitteePaper.FileName)).Text(", the ")
            .Element("a", "feed of changes", ("href", AtomFeed.FileName))
            .Text(", and the update service: the form that leads of actions open from the links in their weekly email.").Close("p").Line();
    }

    private static void Feedback(HtmlWriter h, DashboardOptions options)
    {
        h.Element("h2", "Feedback and contact information");
        h.Open("p");
        if (options.ContactUrl is { Length: > 0 } contact)
            h.Text("If you need information on this website in a different format, such as accessible PDF, large print or easy read, ")
                .Element("a", "contact the partnership coordinator", ("href", contact)).Text(".");
        else
            h.Text($"If you need information on this website in a different format, such as accessible PDF, large print or easy read, contact the {options.Title}\u2019s coordinator.");
        h.Text($" We\u2019ll consider your request and get back to you in {options.ContactResponseDays} working days.").Close("p").Line();
        h.Element("h2", "Reporting accessibility problems with this website");
        h.Element("p", "We\u2019re always looking to improve the accessibility of this website. If you find any problems not listed on this page, " +
                       "or think we\u2019re not meeting accessibility requirements, contact the partnership coordinator as above. " +
                       "Please say which page you were on and what went wrong.");
        h.Element("h2", "Enforcement procedure");
        h.Open("p").Text("The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and " +
                "Mobile Applications) (No. 2) Accessibility Regulations 2018 (the \u2018accessibility regulations\u2019). If you\u2019re not happy " +
                "with how we respond to your complaint, ")
            .Element("a", "contact the Equality Advisory and Support Service (EASS)", ("href", "https://www.equalityadvisoryservice.com/"))
            .Text(".").Close("p").Line();
    }

    private static void Technical(HtmlWriter h, DashboardOptions options)
    {
        h.Element("h2", "Technical information about this website\u2019s accessibility");
        h.Element("p", $"The {options.Title} is committed to making its website accessible, in accordance with the accessibility regulations.");
        h.Element("h3", "Compliance status");
        h.Open("p").Text("This website is partially compliant with the ")
            .Element("a", "Web Content Accessibility Guidelines version 2.2", ("href", "https://www.w3.org/TR/WCAG22/"))
            .Text(" AA standard. We know of no content that fails it, but our checks are automated and cannot test every criterion, " +
                  "so we do not claim full compliance.").Close("p").Line();
        h.Element("h2", "Non-accessible content");
        h.Element("h3", "Non-compliance with the accessibility regulations");
        h.Element("p", "None known. Every check listed under \u2018Preparation of this statement\u2019 passed on the day this version was built.");
        h.Element("h3", "Content that is not within our control");
        List(h,
        [
            "Actions, comments and lead services are written by partnership staff in the tracker. They may use abbreviations (such as CST, CoLP or DCCS) that the pages do not expand.",
            "The feed is read in the feed reader you choose. Each entry is plain text that names its actions and links to the dashboard.",
            "The CSV and JSON downloads are data files for spreadsheets and programs. Everything in them is also on the dashboard.",
            "Filtering the dashboard needs JavaScript. Without it, every action is listed and your browser\u2019s find command searches them.",
            "The committee paper prints its title and date at the top of every page only when JavaScript is on; without it they are on the first page.",
            "When a tracker has more than 2,000 actions, the dashboard lists the most urgent open ones. The downloads hold every action.",
        ]);
    }

    private static void Preparation(HtmlWriter h, DashboardOptions options)
    {
        var built = Long(BuildDate);
        h.Element("h2", "Preparation of this statement");
        h.Element("p", $"This statement was prepared on {built}, from the checks that this version\u2019s tests run." +
                       (options.StatementReviewed is { Length: > 0 } reviewed ? $" It was last reviewed by the partnership on {Long(reviewed)}." : ""));
        h.Element("p", $"This website was last tested on {built}, when this version was built. The tests run the real pages in Chromium. We tested:");
        List(h, AccessibilityChecks.Pages);
        h.Element("p", "The checks:");
        List(h, AccessibilityChecks.All.Select(c => c.Method));
    }

    private static string Long(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMMM yyyy", Uk) : iso;

    private static void List(HtmlWriter h, IEnumerable<string> items)
    {
        h.Open("ul", ("class", "statement__list"));
        foreach (var item in items) h.Element("li", item);
        h.Close("ul").Line();
    }
}
