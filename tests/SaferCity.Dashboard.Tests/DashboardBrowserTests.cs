using System.Text.Json;
using Microsoft.Playwright;
using SaferCity.Core.Dashboard;
using Xunit.Abstractions;

namespace SaferCity.Dashboard.Tests;

/// <summary>The sample dashboard (the seed tracker through the real pipeline) in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly DateTime FreshNow = new(2017, 1, 16, 18, 0, 0, DateTimeKind.Utc);

    private static readonly string[] AmberActions = ["2.5", "4.2", "4.8", "5.2", "5.3", "6.3", "6.4"];

    private const string VisibleRowIds =
        "() => [...document.querySelectorAll('#actions-list tbody tr')].filter(r => !r.hidden).map(r => r.id.slice('action-'.length))";

    private DashboardDocument Document =>
        DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(fixture.SampleSiteDir, "dashboard.json")))!;

    [StatementCheck("axe-site")]
    [Theory]
    [InlineData("", 1280, 800)]
    [InlineData("", 375, 812)]
    [InlineData("accessibility.html", 1280, 800)]
    [InlineData("accessibility.html", 320, 640)]
    [InlineData("committee.html", 1280, 800)]
    [InlineData("committee.html", 320, 640)]
    public async Task Axe_SamplePages_NoWcagViolations(string path, int width, int height)
    {
        await using var context = await fixture.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url(path));
        // Open every details element so their content is checked too (the banner shows: the real clock is years past the data).
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        // Evaluated through the debugging protocol, so the page's strict CSP (no inline script) stays on.
        await page.EvaluateAsync(await File.ReadAllTextAsync(RepoFiles.AxeScript));
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        var list = violations.EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.True(list.Count == 0, string.Join("\n", list));
        Assert.True(await page.EvaluateAsync<int>("() => document.querySelectorAll('main *').length") > 20, "the page has content to check");
        if (path == "") Assert.Equal(42, await page.Locator("#actions-list tbody tr").CountAsync());
    }

    [Fact]
    public async Task Filters_LeadSelected_OnlyItsRowsVisible()
    {
        const string lead = "City of London Police";
        var expected = Document.Actions.Where(a => a.Leads.Contains(lead)).Select(a => a.Id).ToList();
        Assert.NotEmpty(expected);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());

        await page.SelectOptionAsync("#filter-lead", lead);

        Assert.Equal(expected, await page.EvaluateAsync<string[]>(VisibleRowIds));
        Assert.Equal($"Showing {expected.Count} of 42 actions", await page.Locator("#filters [role=status]").TextContentAsync());
        Assert.Contains("lead=City+of+London+Police", page.Url);
    }

    [Fact]
    public async Task Filters_RagAmber_SevenRowsAndTheUrlRestoresTheFilter()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());

        await page.SelectOptionAsync("#filter-rag", "amber");

        Assert.Equal(AmberActions, await page.EvaluateAsync<string[]>(VisibleRowIds));
        Assert.Equal("Showing 7 of 42 actions", await page.Locator("#filters [role=status]").TextContentAsync());
        Assert.EndsWith("/?rag=amber", page.Url);

        // The shared link opens with the same filter.
        var shared = await context.NewPageAsync();
        await shared.GotoAsync(page.Url);
        Assert.Equal("amber", await shared.InputValueAsync("#filter-rag"));
        Assert.Equal(AmberActions, await shared.EvaluateAsync<string[]>(VisibleRowIds));
        Assert.Equal("Showing 7 of 42 actions", await shared.Locator("#filters [role=status]").TextContentAsync());

        // Clearing shows everything and tidies the URL.
        await shared.ClickAsync("text=Clear filters");
        Assert.Equal(42, (await shared.EvaluateAsync<string[]>(VisibleRowIds)).Length);
        Assert.DoesNotContain("?", shared.Url);
    }

    [Fact]
    public async Task Filters_TextSearchAndStatus_ShowExactlyTheMatchingOpenRowsAndHideEmptyThemes()
    {
        // Search looks through what a reader sees of an action: its text, comments and lead services, in any case.
        var expected = Document.Actions
            .Where(a => a.Status == "open" &&
                        string.Join(" ", [a.Text, a.Comments, .. a.Leads]).Contains("licensing", StringComparison.OrdinalIgnoreCase))
            .Select(a => a.Id).ToList();
        Assert.NotEmpty(expected);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url() + "?status=open");

        await page.FillAsync("#filter-q", "LICENSING");
        await Assertions.Expect(page.Locator("#filters [role=status]")).ToHaveTextAsync($"Showing {expected.Count} of 42 actions");

        // Exactly the matching open rows are rendered: every other row, matching or not, is gone from the page.
        Assert.Equal(expected, await page.EvaluateAsync<string[]>(VisibleRowIds));
        var rendered = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#actions-list tbody tr')].filter(r => r.getClientRects().length > 0).map(r => r.id.slice(7))");
        Assert.Equal(expected, rendered);
        Assert.Contains("q=LICENSING", page.Url);
        Assert.Contains("status=open", page.Url);
        // A theme with nothing to show is hidden whole, heading and all.
        var themesShown = await page.Locator("#actions-list .theme:visible").CountAsync();
        var themesWithRows = Document.Actions.Where(a => expected.Contains(a.Id)).Select(a => a.Theme).Distinct().Count();
        Assert.True(themesWithRows < Document.Themes.Count, "the search must leave a theme empty for this to test anything");
        Assert.Equal(themesWithRows, themesShown);
    }

    [StatementCheck("no-script")]
    [Fact]
    public async Task NoJavaScript_AllActionsAndSummaryShow()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());

        Assert.Equal(42, await page.Locator("#actions-list tbody tr:visible").CountAsync());
        Assert.Equal(0, await page.Locator("#filters *").CountAsync());
        var s = Document.Summary;
        foreach (var (key, value) in new[] { ("total", s.Total), ("complete", s.Complete), ("green", s.Green), ("amber", s.Amber),
                     ("red", s.Red), ("overdue", s.Overdue), ("due-soon", s.DueSoon), ("mismatch", s.RagMismatch), ("stale", s.Stale) })
        {
            Assert.Equal(value.ToString(), await page.Locator($"[data-summary={key}] .summary-card__value").TextContentAsync());
        }
        Assert.Equal(["42", "15", "20", "7", "0", "2", "6", "2", "0"],
            await page.Locator(".summary-card__value").AllTextContentsAsync());
        Assert.True(await page.Locator(".trend__chart").IsVisibleAsync());
    }

    [Fact]
    public async Task Print_HidesFiltersAndCompletedRows_ShowsCompletedSection()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(FreshNow);
        await page.GotoAsync(fixture.Sample.Url());
        Assert.True(await page.Locator("#filters form").IsVisibleAsync());
        Assert.False(await page.Locator("#completed").IsVisibleAsync());

        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.False(await page.Locator("#filters form").IsVisibleAsync());
        Assert.True(await page.Locator("#completed").IsVisibleAsync());
        Assert.Equal("Completed actions", (await page.Locator("#completed h2").TextContentAsync())?.Trim());
        Assert.Equal(15, await page.Locator("#completed li").CountAsync());
        Assert.Equal(0, await page.Locator("#actions-list tr[data-status=complete]:visible").CountAsync());
        Assert.Equal(27, await page.Locator("#actions-list tbody tr:visible").CountAsync());
        // The PDF itself is read back in PrintTests.
    }

    [Fact]
    public async Task Requests_NeverLeaveThePagesOrigin()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var urls = new List<string>();
        page.Request += (_, request) => { lock (urls) urls.Add(request.Url); };

        await page.GotoAsync(fixture.Sample.Url(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        await page.SelectOptionAsync("#filter-rag", "green");
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        lock (urls)
        {
            Assert.Contains(urls, u => u.Contains("assets/site.js"));
            Assert.Contains(urls, u => u.Contains("assets/print.css"));
            Assert.All(urls, u => Assert.StartsWith(fixture.Sample.Origin + "/", u));
        }
    }

    [Fact]
    public async Task StaleBanner_ShowsForOldDataAndNotForFresh_AsAStaticNoticeKeptInPrint()
    {
        await using var context = await fixture.NewContextAsync();

        var fresh = await context.NewPageAsync();
        await fresh.Clock.SetFixedTimeAsync(FreshNow);
        await fresh.GotoAsync(fixture.Sample.Url());
        Assert.False(await fresh.Locator("#stale-banner").IsVisibleAsync());

        // 26 hours is the default allowance; two and a half days after the run, the data is stale.
        var stale = await context.NewPageAsync();
        await stale.Clock.SetFixedTimeAsync(new DateTime(2017, 1, 18, 19, 0, 0, DateTimeKind.Utc));
        await stale.GotoAsync(fixture.Sample.Url());
        Assert.True(await stale.Locator("#stale-banner").IsVisibleAsync());
        Assert.Contains("out of date", await stale.Locator("#stale-banner").InnerTextAsync());
        Assert.Contains("tell the partnership coordinator", await stale.Locator("#stale-banner").InnerTextAsync());
        // Part of the page, read in order: nothing interrupts a screen reader on every visit.
        Assert.Null(await stale.Locator("#stale-banner").GetAttributeAsync("role"));
        Assert.Equal(0, await stale.Locator("[role=alert], [aria-live=assertive]").CountAsync());
        Assert.Null(await stale.Locator("#stale-banner").GetAttributeAsync("aria-live"));
        // A printed paper keeps the warning.
        await stale.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        Assert.True(await stale.Locator("#stale-banner").IsVisibleAsync());

        // The real clock is years past the sample's as-of day.
        var today = await context.NewPageAsync();
        await today.GotoAsync(fixture.Sample.Url());
        Assert.True(await today.Locator("#stale-banner").IsVisibleAsync());
    }

    [Theory]
    [InlineData("desktop", 1280, 800)]
    [InlineData("mobile", 375, 812)]
    public async Task Screenshot_SampleDashboard_KeptAsArtefact(string name, int width, int height)
    {
        await using var context = await fixture.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        await page.Clock.SetFixedTimeAsync(FreshNow);
        await page.GotoAsync(fixture.Sample.Url());
        var path = RepoFiles.Artefact($"dashboard-{name}.png");

        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });

        output.WriteLine($"Screenshot: {path}");
        // The picture is the page at this viewport: as wide as the screen (nothing spills sideways), as tall as the
        // document, and with something drawn on it: text and coloured badges, not a blank or near-blank canvas.
        var image = PngImage.Decode(png);
        var documentHeight = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        Assert.Equal((width, documentHeight), (image.Width, image.Height));
        Assert.True(image.Height >= height, $"the page is {image.Height} px tall, less than the {height} px screen");
        var background = image.Pixels.GroupBy(p => p).MaxBy(g => g.Count())!.Key;
        var inked = image.Pixels.Count(p => p != background) / (double)image.Pixels.Length;
        var colours = image.Pixels.Distinct().Count();
        Assert.True(inked > 0.03, $"only {inked:P1} of the screenshot differs from its background");
        Assert.True(colours > 64, $"the screenshot has only {colours} colours");
        if (name == "mobile")
        {
            // No sideways scrolling on a phone: the tables reflow into cards.
            Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        }
    }

    [Fact]
    public async Task PageBudget_SampleUnder100KB_AndFirstPaintRecorded()
    {
        string[] files = ["index.html", "assets/site.css", "assets/print.css", "assets/site.js", "dashboard.json", "actions.csv"];
        var sizes = files.ToDictionary(f => f, f => new FileInfo(Path.Combine(fixture.SampleSiteDir, f)).Length);
        var total = sizes.Values.Sum();

        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url(), new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        // The paint entry can land after the load event, so wait for it (buffered); the timeout only guards against a hang.
        var fcp = await page.EvaluateAsync<double>("""
            () => new Promise(resolve => new PerformanceObserver((list, observer) => {
              const entry = list.getEntriesByName('first-contentful-paint')[0];
              if (entry) { observer.disconnect(); resolve(entry.startTime); }
            }).observe({ type: 'paint', buffered: true }))
            """).WaitAsync(TimeSpan.FromSeconds(60));

        var report = string.Join("\n", sizes.Select(kv => $"{kv.Key}: {kv.Value} bytes")) +
                     $"\ntotal: {total} bytes\nfirst-contentful-paint: {fcp:F0} ms (headless Chromium, 127.0.0.1)";
        output.WriteLine(report);
        await File.WriteAllTextAsync(RepoFiles.Artefact("page-budget.txt"), report + "\n");
        Assert.True(total < 100_000, report);
        Assert.True(fcp > 0, "the page reported no first-contentful-paint");
    }
}
