using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>The phone- and Outlook-friendly layout: one column, inline styles, label–value blocks, links, preheader, footer.</summary>
public sealed partial class EmailLayoutTests
{
    private const string Url = "https://dashboard.example.gov.uk/";
    private static readonly DateOnly AsOf = SampleReports.AsOf;

    private static LeadDigest Digest(string lead) =>
        DigestPlanner.ForLeads(SampleReports.Report()).Single(d => d.Lead.Name == lead);

    private static ActionLinks LinksFor(Assessment a) => new(
        new Uri($"https://update.example.gov.uk/u/{a.Action.Number}?t=abc&sig=x%2By"),
        new Uri($"https://contoso.sharepoint.com/sites/scp/Lists/Tracker/DispForm.aspx?ID={a.Action.ItemId}"));

    private static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    [GeneratedRegex(@"font-size:\s*(\d+)px")]
    private static partial Regex FontSize();

    [Fact]
    public void Html_SampleDigest_OneColumnOfInlineStyledBlocksNoDataTables()
    {
        var (_, html) = DigestRenderer.Render(Digest("City of London Police"), AsOf, null, Url);
        var document = Parse(html);

        Assert.Empty(document.QuerySelectorAll("style, link, script, img, [class], th, caption"));
        Assert.Empty(document.QuerySelectorAll("table")); // no links: no button, and Outlook's frame is inside a comment
        Assert.Contains("<!--[if mso]><table role=\"presentation\" width=\"580\"", html);
        Assert.Contains("max-width:580px",
            document.Body!.Children.Single(e => e.LocalName == "div" && !e.HasAttribute("hidden")).GetAttribute("style"));
        var sizes = FontSize().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(sizes);
        Assert.All(sizes, size => Assert.True(size >= 16, $"font-size {size}px"));
        Assert.Contains("font-size:19px", html);
        // One block per action, each headed by its number and what needs doing.
        Assert.Equal(["2.5 · overdue by 16 days", "4.2 · overdue by 47 days", "2.7 · due in 15 days", "3.1 · due in 15 days",
                      "3.2 · due in 15 days", "3.7 · due in 15 days", "3.8 · due in 15 days"],
            document.QuerySelectorAll("h3").Select(h => h.TextContent));
        Assert.Equal(["Overdue (2)", "Due soon (5)"], document.QuerySelectorAll("h2").Select(h => h.TextContent));
    }

    [Fact]
    public void Html_SampleDigest_HiddenPreheaderWithTheOneLineSummaryComesFirst()
    {
        var (_, html) = DigestRenderer.Render(Digest("City of London Police"), AsOf, null, Url);

        var first = Parse(html).Body!.FirstElementChild!;
        Assert.True(first.HasAttribute("hidden"));
        Assert.Contains("display:none", first.GetAttribute("style"));
        Assert.Equal("2 overdue, 5 due soon: please review and update the tracker.", first.TextContent);
    }

    [Fact]
    public void Render_WithLinks_UpdateButtonAndSharePointLinkUnderEveryAction()
    {
        var digest = Digest("City of London Police");

        var (text, html) = DigestRenderer.Render(digest, AsOf, null, Url, LinksFor);

        var document = Parse(html);
        foreach (var a in digest.All)
        {
            var block = document.QuerySelectorAll("h3")
                .Single(h => h.TextContent.StartsWith(a.Action.Number + " · ", StringComparison.Ordinal)).ParentElement!;
            var update = block.QuerySelectorAll("a").Single(l => l.TextContent == $"Update action {a.Action.Number}");
            Assert.Equal(LinksFor(a).Update!.AbsoluteUri, update.GetAttribute("href"));
            // Button-styled, inside a presentation table whose cell carries the colour for Outlook.
            var cell = update.ParentElement!;
            Assert.Equal("td", cell.LocalName);
            Assert.Equal("presentation", cell.Closest("table")!.GetAttribute("role"));
            Assert.Contains("background-color:#00703c", cell.GetAttribute("style"));
            Assert.Contains("font-weight:bold", update.GetAttribute("style"));
            var item = block.QuerySelectorAll("a").Single(l => l.TextContent == $"Open action {a.Action.Number} in SharePoint");
            Assert.Equal(LinksFor(a).Item!.AbsoluteUri, item.GetAttribute("href"));
            Assert.Contains("text-decoration:underline", item.GetAttribute("style"));

            // Text part: each link on a line of its own, under its action and before the next one.
            var lines = text.ReplaceLineEndings("\n").Split('\n').ToList();
            var start = lines.FindIndex(l => l.StartsWith($"- {a.Action.Number}: ", StringComparison.Ordinal));
            var end = lines.FindIndex(start + 1, l => l.StartsWith("- ", StringComparison.Ordinal) || l.Length == 0);
            var own = lines[start..end];
            Assert.Contains($"  Update: {LinksFor(a).Update!.AbsoluteUri}", own);
            Assert.Contains($"  SharePoint: {LinksFor(a).Item!.AbsoluteUri}", own);
        }
        Assert.Equal(digest.Count, Regex.Count(text, "^  Update: https://", RegexOptions.Multiline));
    }

    [Fact]
    public void Render_WithOnlyAnItemLink_NoUpdateButton()
    {
        var digest = Digest("Housing");

        var (text, html) = DigestRenderer.Render(digest, AsOf, null, Url, a => LinksFor(a) with { Update = null });

        Assert.DoesNotContain("Update:", text);
        Assert.DoesNotContain("Update action", html);
        Assert.Empty(Parse(html).QuerySelectorAll("table"));
        Assert.Contains("  SharePoint: https://contoso.sharepoint.com/", text);
        Assert.Contains("in SharePoint</a>", html);
    }

    [Fact]
    public void Render_WithoutLinks_NoUpdateOrSharePointLines()
    {
        var (text, html) = DigestRenderer.Render(Digest("Housing"), AsOf, null, Url);

        Assert.DoesNotContain("Update:", text);
        Assert.DoesNotContain("SharePoint:", text);
        Assert.DoesNotContain("Update action", html);
        Assert.DoesNotContain("SharePoint", html);
    }

    [Fact]
    public void Render_Footer_WhyHowOftenDashboardAndWhomToAsk()
    {
        var contact = CoordinatorContact.From(new RemindersOptions { Coordinator = "scp.coordinator@example.gov.uk", CoordinatorName = "Sam Patel" });

        var (text, html) = DigestRenderer.Render(Digest("Housing"), AsOf, null, Url, coordinator: contact);

        Assert.Contains($"Dashboard: {Url}", text);
        Assert.Contains("Questions about this email or the tracker? Ask Sam Patel, the partnership's coordinator: " +
            "scp.coordinator@example.gov.uk", text);
        Assert.Contains("names your service as a lead. It is sent on a Monday only when something is new", text);
        var links = Parse(html).QuerySelectorAll("a").ToList();
        Assert.Equal([Url, "mailto:scp.coordinator@example.gov.uk"], links.Select(l => l.GetAttribute("href")));
        Assert.All(links, l => Assert.Contains("text-decoration:underline", l.GetAttribute("style")));
        Assert.Contains("Ask Sam Patel, the partnership's coordinator:", Parse(html).Body!.TextContent);
    }

    [Theory]
    [InlineData("scp.coordinator@example.gov.uk", null, null, "scp.coordinator@example.gov.uk")]
    [InlineData("Sam Patel <sam@example.gov.uk>; other@example.gov.uk", null, "Sam Patel", "sam@example.gov.uk")]
    [InlineData("sam@example.gov.uk", "Sam Patel", "Sam Patel", "sam@example.gov.uk")]
    [InlineData(null, "Sam Patel", "Sam Patel", null)]
    [InlineData(null, null, null, null)]
    public void CoordinatorContact_From_TakesTheNameAndTheFirstAddressTheSettingsGive(
        string? addresses, string? name, string? expectedName, string? expectedEmail)
    {
        var contact = CoordinatorContact.From(new RemindersOptions { Coordinator = addresses, CoordinatorName = name });

        Assert.Equal(new CoordinatorContact(expectedName, expectedEmail), contact);
    }

    [Fact]
    public void Render_NoCoordinatorSettings_StillSaysWhomToAsk()
    {
        var (text, _) = DigestRenderer.Render(Digest("Housing"), AsOf, null, null);

        Assert.Contains("Questions about this email or the tracker? Ask the partnership's coordinator.", text);
        Assert.DoesNotContain("Dashboard:", text);
    }

    [Fact]
    public void CoordinatorSummary_Sample_SameLayoutWithLongSectionsAsLists()
    {
        var report = SampleReports.Report();
        var (_, html) = CoordinatorSummary.Render(report, new RemindersOptions(), SampleReports.Figures(report), ["A note"], Url);
        var document = Parse(html);

        Assert.Equal("27 open: 2 overdue, 6 due soon, 1 escalation.", document.Body!.FirstElementChild!.TextContent);
        Assert.Empty(document.QuerySelectorAll("style, [class], th, table"));
        Assert.Contains("Other overdue actions, by lead (each one is on the dashboard) (3)",
            document.QuerySelectorAll("h2").Select(h => h.TextContent));
        Assert.Equal(["Community Safety Team: 1 overdue", "London Ambulance Service: 1 overdue", "City of London Police: 1 overdue"],
            document.QuerySelectorAll("h2").Single(h => h.TextContent.StartsWith("Other overdue", StringComparison.Ordinal))
                .NextElementSibling!.Children.Select(li => li.TextContent));
        Assert.Contains("overflow-wrap:break-word", html);
        Assert.All(FontSize().Matches(html), m => Assert.True(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 16));
    }
}
