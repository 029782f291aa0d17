using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

public sealed partial class DigestRendererTests
{
    private const string Url = "https://safercity.example.org/";
    private static readonly DateOnly AsOf = SampleReports.AsOf;

    // Everything the template itself writes; anything else in the parsed HTML came from the list.
    private static readonly HashSet<string> TemplateElements =
        ["html", "head", "meta", "title", "body", "h1", "h2", "h3", "p", "strong", "span", "table", "tbody", "tr", "td", "div", "ul", "li", "a"];
    private static readonly HashSet<string> TemplateAttributes =
        ["lang", "charset", "name", "content", "style", "dir", "hidden", "role", "aria-roledescription", "aria-label", "href"];

    private const string Script = "<script>alert('x')</script>";
    private const string Breakout = "\" onmouseover=\"alert(1)\" x=\"";
    private const string JavascriptLink = "<a href=\"javascript:alert(1)\">click me</a> javascript:alert(2)";
    private const string TableBreakout = "</td></tr></table><iframe src=\"//evil.example\"></iframe><img src=x onerror=alert(3)>";
    private const string RtlAndEmoji = "تم التسليم — הושלם 🚨👮‍♀️";

    private static Assessment Action(string number, string text, string comments, DateOnly? deadline, Rag? rag = Rag.Green) =>
        ActionRules.Assess(new TrackerAction
        {
            ItemId = number, Number = number, Theme = "1. Theme", Text = text, Deadline = deadline,
            LeadNames = ["Licensing"], Leads = ["Licensing"], Rag = rag, Comments = comments,
        }, AsOf, new RemindersOptions());

    private static LeadDigest HostileDigest(string comment) => new(
        new Lead("Licensing \"<b>\" ' onmouseover=", [], ["licensing@example.gov.uk"]),
        [Action("2.7", Script + " " + Breakout, comment, new DateOnly(2016, 12, 31), Rag.Amber)],
        [Action("3.1", TableBreakout, JavascriptLink, new DateOnly(2017, 1, 31))],
        [Action("3.3", RtlAndEmoji, "a\u0000b\u0007c\u001bd\r\n- 9.9: a fake action line\u202Egnp.exe \uD800", new DateOnly(2017, 3, 31))]);

    [GeneratedRegex(@"^- (\S+): ", RegexOptions.Multiline)]
    private static partial Regex ActionLine();

    private static List<string> ActionNumbers(string text) => ActionLine().Matches(text).Select(m => m.Groups[1].Value).ToList();

    [Theory]
    [InlineData(Script)]
    [InlineData(Breakout)]
    [InlineData(JavascriptLink)]
    [InlineData(TableBreakout)]
    public void Html_HostileListContent_OnlyTheTemplatesOwnElementsAndAttributes(string comment)
    {
        var (_, html) = DigestRenderer.Render(HostileDigest(comment), AsOf, null, Url);

        var document = new HtmlParser().ParseDocument(html);
        var elements = document.All.ToList();
        Assert.All(elements, e => Assert.Contains(e.LocalName, TemplateElements));
        Assert.All(elements.SelectMany(e => e.Attributes), a => Assert.Contains(a.Name, TemplateAttributes));
        var link = Assert.Single(document.QuerySelectorAll("[href]"));
        Assert.Equal(Url, link.GetAttribute("href"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // Still readable: the text people typed is shown as text.
        Assert.Contains(comment, document.Body!.TextContent);
    }

    [Fact]
    public void Html_HostileContent_EachActionStaysInItsOwnBlock()
    {
        var (_, html) = DigestRenderer.Render(HostileDigest(Script), AsOf, null, Url);

        var headings = new HtmlParser().ParseDocument(html).QuerySelectorAll("h3").ToList();
        // What someone else changed comes first, then the reminders.
        Assert.Equal(["3.3 · changed", "2.7 · overdue by 16 days", "3.1 · due in 15 days"], headings.Select(h => h.TextContent));
        var labels = headings.Select(h => h.ParentElement!.QuerySelectorAll("strong").Select(s => s.TextContent).ToList()).ToList();
        Assert.Equal(["Deadline:", "RAG:", "Latest comment:"], labels[0]);
        Assert.Equal(["Deadline:", "RAG:", "Check the rating:", "Latest comment:"], labels[1]);
        Assert.Equal(["Deadline:", "RAG:", "Latest comment:"], labels[2]);
        Assert.Contains(TableBreakout, headings[2].ParentElement!.QuerySelector("p")!.TextContent);
    }

    [Fact]
    public void Render_RtlEmojiAndControlCharacters_KeepsTheWordsDropsTheControls()
    {
        var (text, html) = DigestRenderer.Render(HostileDigest("ok"), AsOf, null, Url);

        var body = new HtmlParser().ParseDocument(html).Body!.TextContent;
        foreach (var part in new[] { text, body })
        {
            Assert.Contains(RtlAndEmoji, part);
            Assert.Contains("a b c d - 9.9: a fake action linegnp.exe \uFFFD", part);
            Assert.DoesNotContain('\u202E', part);
            Assert.DoesNotContain('\u0000', part);
            Assert.DoesNotContain('\u001b', part);
        }
        Assert.DoesNotContain("&#x0;", html);
    }

    [Fact]
    public void Text_HostileContent_NamesExactlyTheActionsInTheirGroups()
    {
        var (text, _) = DigestRenderer.Render(HostileDigest(Script), AsOf, null, Url);

        Assert.Equal(["3.3", "2.7", "3.1"], ActionNumbers(text)); // the comment's "- 9.9:" stays inside its line
        var changed = text.IndexOf("CHANGED BY SOMEONE ELSE (1)", StringComparison.Ordinal);
        var overdue = text.IndexOf("\nOVERDUE (1)", StringComparison.Ordinal);
        var dueSoon = text.IndexOf("DUE SOON (1)", StringComparison.Ordinal);
        Assert.True(changed >= 0 && changed < text.IndexOf("- 3.3:", StringComparison.Ordinal)
            && text.IndexOf("- 3.3:", StringComparison.Ordinal) < overdue);
        Assert.True(overdue < text.IndexOf("- 2.7:", StringComparison.Ordinal) && text.IndexOf("- 2.7:", StringComparison.Ordinal) < dueSoon);
        Assert.True(dueSoon < text.IndexOf("- 3.1:", StringComparison.Ordinal));
        Assert.Contains("- 2.7: overdue by 16 days", text);
        Assert.Contains("  Deadline: 31 December 2016" + Environment.NewLine + "  RAG: Amber (at risk)" + Environment.NewLine +
                        "  Check the rating: overdue, but rated Amber (at risk), not Red" + Environment.NewLine, text);
        Assert.Contains("Latest comment: " + Script, text);
    }

    [Fact]
    public void Render_200KbComment_ClippedWithAPointerToTheDashboard()
    {
        var huge = string.Concat(Enumerable.Repeat("lorem ipsum dolor ", 12_000)); // 216,000 characters
        var (text, html) = DigestRenderer.Render(HostileDigest(huge), AsOf, null, Url);

        Assert.True(text.Length < 10_000, $"text part is {text.Length} characters");
        Assert.True(html.Length < 20_000, $"HTML part is {html.Length} characters");
        var comment = new HtmlParser().ParseDocument(html).QuerySelectorAll("p")
            .Single(p => p.QuerySelector("strong")?.TextContent == "Latest comment:"
                && p.ParentElement!.TextContent.Contains("2.7 · ", StringComparison.Ordinal))
            .QuerySelector("span")!.TextContent;
        Assert.EndsWith("… (see the dashboard for the full text)", comment);
        Assert.StartsWith("lorem ipsum dolor", comment);
        Assert.True(comment.Length <= EmailText.MaxLength + 50);
        Assert.Contains("Latest comment: lorem ipsum", text);
    }

    [Fact]
    public void Subject_HostileLeadName_OneLineNamingTheLeadAndWhatIsNew()
    {
        var digest = HostileDigest("ok") with { Lead = new Lead("Licensing\r\nBcc: everyone@example.org", [], ["l@example.org"]) };

        var subject = DigestRenderer.Subject(digest, AsOf);

        Assert.Equal("Licensing Bcc: everyone@example.org: 3.3 changed, 1 overdue, 1 due soon", subject);
    }

    [Fact]
    public void Render_DashboardUrl_InTheFooterOfBothParts()
    {
        var (text, html) = DigestRenderer.Render(HostileDigest("ok"), AsOf, null, Url);

        Assert.Contains($"Dashboard: {Url}", text);
        Assert.Equal(Url, new HtmlParser().ParseDocument(html).QuerySelector("a")!.GetAttribute("href"));
        Assert.EndsWith("You get this email because " + DigestRenderer.LeadWhy + Environment.NewLine, text);
    }

    [Fact]
    public void ForLeads_SampleAfterAWeek_GroupsChangedOverdueAndDueSoonOncePerAction()
    {
        var before = SampleReports.Lists();
        var now = SampleReports.Edit(before, "1.5", ("RAG", "A"));                       // worse, deadline March: drifting
        now = SampleReports.Edit(now, "6.5", ("DeliveryDeadline", "March 2017"));          // slipped: drifting
        now = SampleReports.Edit(now, "6.3", ("RAG", "G"));                                // better: changed by someone else too
        var report = SampleReports.WithWeekOfHistory(SampleReports.Edit(before, "6.5", ("DeliveryDeadline", "February 2017")), now);

        var cst = DigestPlanner.ForLeads(report).Single(d => d.Lead.Name == "Community Safety Team");

        Assert.Equal(["2.5", "4.2"], cst.Overdue.Select(a => a.Action.Number));
        Assert.Equal(["3.1", "3.8"], cst.DueSoon.Select(a => a.Action.Number));
        Assert.Equal(["1.5", "6.3", "6.5"], cst.Drifting.Select(a => a.Action.Number));
        var (text, _) = DigestRenderer.Render(cst, AsOf, new DateOnly(2017, 1, 9), Url);
        Assert.Equal(["1.5", "6.3", "6.5", "2.5", "4.2", "3.1", "3.8"], ActionNumbers(text));
        Assert.Contains("Worse: Green → Amber since 9 January 2017", text);
    }

    [Fact]
    public void ForLeads_Sample_OnlyLeadsWithSomethingToActOn()
    {
        var leads = DigestPlanner.ForLeads(SampleReports.Report()).Select(d => d.Lead.Name).Order();

        Assert.Equal(
            ["City of London Police", "Community Safety Team", "Department of Community and Children's Services", "Housing", "Licensing",
             "London Ambulance Service", "Trading Standards"], leads);
    }
}
