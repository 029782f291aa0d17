using System.Text.Json.Nodes;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace SaferCity.Dashboard.Tests;

/// <summary>The committee paper, printed to PDF in Chromium after two weekly runs, read back as text.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CommitteePaperTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly string _dir = SiteGenerator.NewTempDir();
    private SiteServer _site = null!;

    public async Task InitializeAsync()
    {
        // A week before the sample: 1.1 was amber and 9.9 existed. By the sample's day 1.1 is green and 9.9 is gone.
        var tracker = JsonNode.Parse(await File.ReadAllTextAsync(SiteGenerator.SampleTracker))!;
        var items = tracker["value"]!.AsArray();
        var first = items.First(i => (string?)i!["fields"]!["Title"] == "1.1")!;
        first["fields"]!["RAG"] = "A";
        var extra = JsonNode.Parse(first.ToJsonString())!;
        extra["id"] = "9999";
        extra["fields"]!["Title"] = "9.9";
        items.Add(extra);
        // One tracker file, edited between the weeks (another file would be another tracker, with no drift).
        var file = Path.Combine(_dir, "tracker.json");
        await File.WriteAllTextAsync(file, tracker.ToJsonString());
        await SiteGenerator.GenerateAsync(file, SiteGenerator.SampleLeads, _dir, new DateOnly(2017, 1, 9));
        File.Copy(SiteGenerator.SampleTracker, file, overwrite: true);
        _site = await SiteServer.StartAsync(await SiteGenerator.GenerateAsync(file, SiteGenerator.SampleLeads, _dir));
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> PdfTextAsync(string path, string artefact)
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_site.Url(path), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = RepoFiles.Artefact(artefact) });
        using var document = PdfDocument.Open(pdf);
        // Words joined by spaces: PdfPig's page text runs words together across lines.
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    [Fact]
    public async Task Print_CommitteePaperSinceLastCommittee_SummaryChangesThenOpenActionsInThePdf()
    {
        // The dashboard links the paper.
        await using (var context = await fixture.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync(_site.Url());
            await page.GetByRole(AriaRole.Link, new() { Name = "Print a committee paper" }).ClickAsync();
            Assert.EndsWith("/committee.html", page.Url);
        }

        var text = await PdfTextAsync("committee.html?since=2017-01-02", "committee-paper.pdf");

        Assert.Contains("Action plan progress: committee paper", text);
        Assert.Contains("Data as of 16 January 2017", text);
        Assert.Contains("42 actions in total, 15 complete and 27 open", text);
        Assert.Contains("Changes since 2 January 2017", text);
        Assert.Contains("Changes on 16 January 2017", text);
        Assert.Contains("Got better Action 1.1: Establish a city-wide Violence Against Women", text);
        Assert.Contains("(Amber to Green)", text.Replace("amber", "Amber").Replace("green", "Green"));
        Assert.Contains("Removed Action 9.9", text);
        Assert.Contains("Open actions by theme", text);
        Assert.DoesNotContain("Back to the dashboard", text); // screen only
        // In that order: summary, changes, open actions.
        Assert.True(text.IndexOf("actions in total", StringComparison.Ordinal) < text.IndexOf("Changes on", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Changes on", StringComparison.Ordinal) < text.IndexOf("Open actions by theme", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Print_CommitteeAfterTheLastChange_SaysNoChanges()
    {
        var text = await PdfTextAsync("committee.html?since=2017-01-16", "committee-paper-nothing-new.pdf");

        Assert.Contains("No changes since that day.", text);
        Assert.DoesNotContain("Changes on 16 January 2017", text);
        Assert.Contains("Open actions by theme", text);
    }

    [StatementCheck("headings")]
    [StatementCheck("print")]
    [Fact]
    public async Task Print_CommitteePaper_ThemesAreHeadingsAndEveryPageHasTheTitleAndDateLine()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(_site.Url("committee.html"), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        // Each theme is a heading, and names its table.
        var themes = await page.Locator("main h3.committee-theme").AllTextContentsAsync();
        Assert.Contains("1. Violence Against the Person", themes);
        Assert.Equal(themes.Count, await page.Locator("table[aria-labelledby^='theme-']").CountAsync());
        Assert.Equal(0, await page.Locator("table caption").CountAsync());

        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", Path = RepoFiles.Artefact("committee-paper-all.pdf") });
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))).ToList();
        Assert.True(pages.Count > 1, "the paper runs to more than one page");
        Assert.All(pages, text => Assert.Contains("Safer City Partnership: committee paper, 16 January 2017", text, StringComparison.Ordinal));
    }
}
