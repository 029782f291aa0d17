using SaferCity.Core.Html;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// accessibility.html: the accessibility statement UK public-sector websites publish (the standard met, how the site
/// was tested, its known limitations, how to report a problem, and the enforcement procedure). It depends only on the
/// settings, never on the data, so it is rewritten only when they change.
/// </summary>
public static class AccessibilityStatement
{
    public const string Path = "accessibility.html";

    /// <summary>When this statement was last reviewed against the site, after the manual audit.</summary>
    public const string Reviewed = "29 November 2026";

    public static string Render(DashboardOptions options, IReadOnlyDictionary<string, string> assetVersions)
    {
        var h = new HtmlWriter(8 * 1024);
        DashboardHtml.Head(h, $"Accessibility statement: {options.Title} action plan progress", assetVersions, script: false);
        h.Open("body").Line();
        DashboardHtml.Header(h, options);
        h.Open("main", ("id", "main"), ("class", "width-container statement"), ("tabindex", "-1")).Line();
        h.Element("h1", "Accessibility statement");
        h.Open("p", ("class", "lede")).Text("This statement applies to the ").Element("a", "action plan progress dashboard", ("href", "index.html"))
            .Text($" of the {options.Title}, and to its data downloads.").Close("p").Line();
        h.Element("p", "We want as many people as possible to be able to use it. You should be able to:");
        List(h,
            "read every action, its deadline, lead services, RAG rating, status and comments without JavaScript",
            "zoom to 400% and use the page on a phone 320 pixels wide without scrolling sideways",
            "change colours, text size, line and letter spacing in your browser without losing content",
            "use every filter and disclosure with a keyboard alone, and see where the focus is",
            "use the page with a screen reader: themes are headings, tables have headers, the chart has the same numbers as a table",
            "print the page as a paper for a committee, with page numbers and the date it was generated on every page");

        h.Element("h2", "Compliance status");
        h.Open("p").Text("This website is fully compliant with the ")
            .Element("a", "Web Content Accessibility Guidelines version 2.2", ("href", "https://www.w3.org/TR/WCAG22/"))
            .Text(" AA standard.").Close("p").Line();

        h.Element("h2", "Known limitations");
        List(h,
            "Actions, comments and lead services are written by partnership staff in the tracker. They may use abbreviations (such as CST, CoLP or DCCS) that the page does not expand.",
            "The CSV and JSON downloads are data files for spreadsheets and programs. Everything in them is also on the page.",
            "Filtering needs JavaScript. Without it, every action is listed and your browser's find command searches them.",
            "When a tracker has more than 2,000 actions, the page lists the most urgent open ones. The downloads hold every action.");

        h.Element("h2", "How we tested this website");
        h.Element("p", "Every change to the site is checked by automated tests that run the real page in a browser:");
        List(h,
            "axe-core checks against the WCAG 2.2 A and AA rules, on the desktop and phone layouts and on this statement",
            "each filter at 1,280, 390 and 320 pixels wide and at 200% zoom: the rows shown always match the count the page states",
            "no page is wider than a 320 pixel screen with every disclosure opened",
            "the page printed to PDF: page numbers, and each theme's heading on the same page as its first action");
        h.Element("p",
            $"The site was also checked with the W3C Nu HTML checker and Lighthouse, and audited by hand (keyboard, screen reader, " +
            $"reflow, zoom, text spacing, contrast and print). This statement was last reviewed on {Reviewed}.");

        h.Element("h2", "Reporting accessibility problems");
        h.Open("p");
        if (options.ContactUrl is { Length: > 0 } contact)
            h.Text("If you find a problem, or need the information in another format, ")
                .Element("a", "contact the partnership coordinator", ("href", contact)).Text(".");
        else
            h.Text("If you find a problem, or need the information in another format, tell the partnership coordinator.");
        h.Text(" Please say which page you were on and what went wrong.").Close("p").Line();

        h.Element("h2", "Enforcement procedure");
        h.Open("p").Text("The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and " +
                "Mobile Applications) (No. 2) Accessibility Regulations 2018. If you are not happy with how we respond to your complaint, ")
            .Element("a", "contact the Equality Advisory and Support Service (EASS)", ("href", "https://www.equalityadvisoryservice.com/"))
            .Text(".").Close("p").Line();

        h.Close("main").Line();
        h.Open("footer", ("class", "site-footer")).Open("div", ("class", "width-container"));
        h.Open("p").Element("a", "Back to the dashboard", ("href", "index.html")).Close("p");
        h.Close("div").Close("footer").Line();
        h.Close("body").Line().Close("html").Line();
        return h.ToString();
    }

    private static void List(HtmlWriter h, params string[] items)
    {
        h.Open("ul", ("class", "statement__list"));
        foreach (var item in items) h.Element("li", item);
        h.Close("ul").Line();
    }
}
