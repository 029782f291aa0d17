namespace SaferCity.Core.Dashboard;

/// <summary>
/// One thing the accessibility statement says, and the check that makes it true. Each <see cref="Id"/> is claimed by
/// at least one Chromium test (tests/SaferCity.Dashboard.Tests, marked <c>[StatementCheck("id")]</c>), and a test
/// fails if a check here has no test or a test names a check that is not here: a claim cannot outlive its test.
/// </summary>
/// <param name="YouCan">What a reader can do, for "How accessible this website is" (null: only a method).</param>
/// <param name="Method">How it is tested, for "Preparation of this statement".</param>
public sealed record AccessibilityCheck(string Id, string? YouCan, string Method);

/// <summary>The statement's claims. Add one here only with the test that checks it.</summary>
public static class AccessibilityChecks
{
    /// <summary>The pages the checks run on, as the statement lists them.</summary>
    public static readonly IReadOnlyList<string> Pages =
    [
        "the dashboard (index.html), on a phone and on a desktop",
        "the committee paper (committee.html), on screen and printed to PDF",
        "this statement (accessibility.html)",
        "every page of the update service: the form, the form with errors, the conflict page, the saved and no-changes pages, " +
        "and each page that refuses a link",
    ];

    public static readonly IReadOnlyList<AccessibilityCheck> All =
    [
        new("axe-site", null,
            "axe-core checks against the WCAG 2.2 A and AA rules on the dashboard, the committee paper and this statement, " +
            "at phone and desktop widths"),
        new("axe-update", null,
            "axe-core checks against the WCAG 2.2 A and AA rules on every page of the update service, at 320 and 1,280 pixels wide"),
        new("reflow", "zoom to 400% or use a phone 320 pixels wide without scrolling sideways: wide tables scroll in their own region",
            "each page at 320 pixels wide, with every disclosure opened: no page is wider than the screen"),
        new("no-script", "read every action, its deadline, lead services, RAG rating, status and comments without JavaScript",
            "the dashboard with JavaScript switched off lists every action and the summary"),
        new("headings", "navigate by headings: themes are headings, and each table is named by its theme and has headers",
            "the heading and table structure of the dashboard and the committee paper"),
        new("chart", "get the chart's numbers from a table, and tell its lines apart without colour",
            "the chart's name, its data table, and its series' markers and patterns"),
        new("text-size", "make text bigger in your browser: the chart's labels grow with it",
            "the chart's labels at a larger default text size"),
        new("print", "print the dashboard or the committee paper, with page numbers, and the title and date at the top of every page",
            "the dashboard and the committee paper printed to PDF and read back page by page"),
        new("update-keyboard", "update an action with a keyboard alone and no JavaScript, including saving again after someone else changed it",
            "a keyboard-only run of the update form with JavaScript off: an update, a conflict and a second save"),
        new("update-errors",
            "find and fix any error in the update form: a summary at the top takes focus and links to each question, " +
            "and a date is typed as day, month and year",
            "the error summary's focus, its links and the date input, typed with the keyboard"),
        new("titles", "know which page you are on and what happened from its title",
            "each update page's title against its heading"),
        new("statement", null,
            "this statement's sections, and that each of its claims is one of these checks"),
    ];
}
