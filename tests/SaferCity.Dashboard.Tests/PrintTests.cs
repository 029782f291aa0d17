using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SaferCity.Core.Dashboard;
using UglyToad.PdfPig;
using Xunit.Abstractions;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// The sample printed to PDF by Chromium, as a member prints it for a committee (the page's own print styles, no
/// header or footer from the browser), and read back with PdfPig: what is on each page, not what the DOM says.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PrintTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly DateTime FreshNow = new(2017, 1, 16, 18, 0, 0, DateTimeKind.Utc);

    private const string GeneratedLine = "Safer City Partnership: action plan progress. Generated 16 January 2017 07:00 UTC.";

    private DashboardDocument Document =>
        DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(fixture.SampleSiteDir, "dashboard.json")))!;

    private async Task<List<string>> PrintAsync(string query, string artefact)
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(FreshNow);
        await page.GotoAsync(fixture.Sample.Url(query));
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PreferCSSPageSize = true, Path = RepoFiles.Artefact(artefact) });
        output.WriteLine($"PDF: {RepoFiles.Artefact(artefact)} ({pdf.Length} bytes)");
        using var document = PdfDocument.Open(pdf);
        // Words in reading order, joined by single spaces, page by page.
        return document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
    }

    [StatementCheck("print")]
    [Fact]
    public async Task Print_Sample_ACommitteePaperWithNumberedDatedPagesAndThemesKeptWithTheirFirstAction()
    {
        var pages = await PrintAsync("", "dashboard.pdf");
        for (var i = 0; i < pages.Count; i++) output.WriteLine($"--- page {i + 1}: {pages[i]}");

        // 27 open actions in 6 themes, the summary, the chart and 15 completed actions: a short paper, not one page, not a ream.
        Assert.InRange(pages.Count, 3, 8);
        var first = pages[0];
        Assert.StartsWith("Safer City Partnership Action plan progress Data as of 16 January 2017", first);
        // The summary cards print in a grid: values row by row, then their labels.
        Assert.Contains("42 15 20 7 actions in total complete on track (green) at risk (amber)", first);
        Assert.Contains("Trend", first);
        Assert.Contains("Completed actions", first);
        Assert.DoesNotContain("Skip to main content", first);
        Assert.DoesNotContain("Download all actions", string.Join(" ", pages));
        Assert.DoesNotContain("out of date", string.Join(" ", pages));   // fresh data: no notice
        for (var i = 0; i < pages.Count; i++)
        {
            Assert.Contains($"Page {i + 1} of {pages.Count}", pages[i]);
            Assert.Contains(GeneratedLine, pages[i]);
        }

        // Each theme's heading is printed on the same page as its first open action (completed ones are listed, not tabled).
        var open = Document.Actions.Where(a => a.Status == "open").ToList();
        foreach (var theme in Document.Themes)
        {
            var firstAction = open.FirstOrDefault(a => a.Theme == theme);
            if (firstAction is null) continue;
            var headingPage = pages.FindIndex(p => p.Contains(theme, StringComparison.Ordinal));
            Assert.True(headingPage >= 0, $"theme '{theme}' is not printed");
            // A row's cells print side by side, so its text follows the number only as far as the first line break: one word.
            var opening = firstAction.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
            var rowPage = pages.FindIndex(p => Regex.IsMatch(p, $@"(^| ){Regex.Escape(firstAction.Id)} {Regex.Escape(opening)}( |$)"));
            Assert.True(headingPage == rowPage,
                $"theme '{theme}' is on page {headingPage + 1}, its first action {firstAction.Id} on page {rowPage + 1}");
        }
    }

    [Fact]
    public async Task Print_FilteredView_StatesTheActiveFiltersAndShowsOnlyThoseRows()
    {
        var pages = await PrintAsync("?rag=amber&q=training", "dashboard-filtered.pdf");
        var text = string.Join(" ", pages);
        var expected = Document.Actions
            .Where(a => a.Rag == "amber"
                && string.Join(" ", [a.Text, a.Comments, .. a.Leads]).Contains("training", StringComparison.OrdinalIgnoreCase))
            .ToList();
        Assert.NotEmpty(expected);

        Assert.Contains($"Filtered by RAG rating: Amber; Search: “training”. Showing {expected.Count} of 42 actions.", text);
        var amberNotShown = Document.Actions.Where(a => a.Rag == "amber" && a.Status == "open" && !expected.Contains(a)).ToList();
        Assert.NotEmpty(amberNotShown);
        foreach (var a in amberNotShown)
            Assert.DoesNotContain(string.Join(" ", a.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(6)), text);
    }
}
