using System.Text.Json;
using Microsoft.Playwright;
using SaferCity.Core.Dashboard;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// Every filter at a desktop, a phone and a small phone width, and a laptop at 200% zoom (1280 px of screen shown
/// as 640 CSS px at twice the pixel density). What is counted is what is really rendered: a row either takes up
/// space on the page, or it is not rendered at all. A row hidden by visibility, opacity or clipping fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ResponsiveFilterTests(BrowserFixture fixture)
{
    public static readonly TheoryData<string, int, int, float> Viewports = new()
    {
        { "desktop", 1280, 800, 1f },
        { "phone", 390, 844, 3f },
        { "small phone", 320, 640, 2f },
        { "laptop at 200% zoom", 640, 400, 2f },
    };

    // For each row: "shown" (rendered, visible, not clipped), "none" (not rendered), or why it is neither.
    private const string RowStates = """
        () => [...document.querySelectorAll('#actions-list tbody tr')].map(r => {
          const id = r.id.slice('action-'.length);
          if (r.getClientRects().length === 0) return { id, state: 'none' };
          const s = getComputedStyle(r);
          if (s.visibility !== 'visible') return { id, state: 'visibility ' + s.visibility };
          if (!r.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true }))
            return { id, state: 'not visible' };
          const b = r.getBoundingClientRect();
          if (b.width < 2 || b.height < 2) return { id, state: `clipped to ${b.width}x${b.height}` };
          for (let a = r.parentElement; a && a !== document.body; a = a.parentElement) {
            const cs = getComputedStyle(a);
            if (cs.clip !== 'auto' || cs.clipPath !== 'none') return { id, state: 'clipped by ' + a.tagName };
            if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
              const ab = a.getBoundingClientRect();
              if (ab.width < 2 || ab.height < 2) return { id, state: 'clipped by ' + a.tagName };
            }
          }
          return { id, state: 'shown' };
        })
        """;

    private DashboardDocument Document =>
        DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(fixture.SampleSiteDir, "dashboard.json")))!;

    /// <summary>Each filter, the control to set, its value, and which actions the data says should show.</summary>
    private IEnumerable<(string Name, string Control, string Value, List<string> Expected)> Filters()
    {
        var actions = Document.Actions;
        List<string> Ids(Func<DashboardAction, bool> match) => actions.Where(match).Select(a => a.Id).ToList();
        yield return ("RAG amber", "#filter-rag", "amber", Ids(a => a.Rag == "amber"));
        yield return ("status complete", "#filter-status", "complete", Ids(a => a.Status == "complete"));
        yield return ("lead", "#filter-lead", "City of London Police", Ids(a => a.Leads.Contains("City of London Police")));
        yield return ("deadline overdue or due soon", "#filter-due", "either",
            Ids(a => a.Status == "open" && (a.Overdue || a.DueSoon)));
        // Search looks through what a reader sees of the action: its text, comments and lead services.
        yield return ("search", "#filter-q", "licensing",
            Ids(a => string.Join(" ", [a.Text, a.Comments, .. a.Leads]).Contains("licensing", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>The sample's fifth week as of 6 March 2017: the actions nobody has touched since 13 January are stale.</summary>
    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task StaleFilter_AtThisViewport_ShowsExactlyTheStaleActions(string name, int width, int height, float scale)
    {
        var dir = SiteGenerator.NewTempDir();
        var site = await SiteGenerator.GenerateAsync(Path.Combine(AppContext.BaseDirectory, "sample", "tracker-week5.json"),
            SiteGenerator.SampleLeads,
            dir, new DateOnly(2017, 3, 6));
        await using var server = await SiteServer.StartAsync(site);
        var doc = DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(site, "dashboard.json")))!;
        var expected = doc.Actions.Where(a => a.Stale).Select(a => a.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.True(expected.Count < doc.Summary.Open, "some open actions must have been updated for this to test anything");

        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = scale, Locale = "en-GB",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Url());
        await page.SelectOptionAsync("#filter-due", "stale");
        await Assertions.Expect(page.Locator("#filters [role=status]")).ToHaveTextAsync($"Showing {expected.Count} of {doc.Actions.Count} actions");
        var shown = (await page.EvaluateAsync<JsonElement>(RowStates)).EnumerateArray()
            .Where(r => r.GetProperty("state").GetString() == "shown").Select(r => r.GetProperty("id").GetString()!).ToList();
        Assert.True(expected.SequenceEqual(shown), $"{name}: expected [{string.Join(" ", expected)}], shown [{string.Join(" ", shown)}]");
    }

    [Theory]
    [MemberData(nameof(Viewports))]
    public async Task Filters_EachFilterAtThisViewport_VisibleRowsMatchShowingLineAndData(string name, int width, int height, float scale)
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            DeviceScaleFactor = scale,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());
        var total = Document.Actions.Count;
        var failures = new List<string>();

        foreach (var (filter, control, value, expected) in Filters())
        {
            Assert.NotEmpty(expected);
            Assert.True(expected.Count < total, $"{filter}: the sample must leave some rows out for this to test anything");
            await page.ClickAsync("text=Clear filters");
            if (control == "#filter-q") await page.FillAsync(control, value);
            else await page.SelectOptionAsync(control, value);
            var status = page.Locator("#filters [role=status]");
            await Assertions.Expect(status).ToHaveTextAsync($"Showing {expected.Count} of {total} actions");

            var rows = (await page.EvaluateAsync<JsonElement>(RowStates)).EnumerateArray()
                .Select(r => (Id: r.GetProperty("id").GetString()!, State: r.GetProperty("state").GetString()!)).ToList();
            var shown = rows.Where(r => r.State == "shown").Select(r => r.Id).ToList();
            var odd = rows.Where(r => r.State is not ("shown" or "none")).ToList();
            if (odd.Count > 0)
                failures.Add($"{name}, {filter}: neither shown nor removed: {string.Join(", ", odd.Select(r => $"{r.Id} ({r.State})"))}");
            if (!shown.SequenceEqual(expected))
                failures.Add($"{name}, {filter}: the page says {expected.Count} of {total}, the data says [{string.Join(" ", expected)}], " +
                             $"but {shown.Count} rows are visible: [{string.Join(" ", shown)}]");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
