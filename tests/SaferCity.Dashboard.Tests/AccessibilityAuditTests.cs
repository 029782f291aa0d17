using System.Text.Json;
using Microsoft.Playwright;
using SaferCity.Core.Dashboard;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// What a manual WCAG 2.2 audit checks and axe cannot: reflow at 320 px with everything opened, heading navigation,
/// the chart without colour, text zoom, and how often the live region speaks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityAuditTests(BrowserFixture fixture)
{
    private DashboardDocument Document =>
        DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(fixture.SampleSiteDir, "dashboard.json")))!;

    [StatementCheck("reflow")]
    [Theory]
    [InlineData("")]
    [InlineData("accessibility.html")]
    [InlineData("committee.html")]
    public async Task Reflow_At320WithEveryDisclosureOpen_PageNeverWiderThanTheViewport(string path)
    {
        await using var context = await fixture.NewContextAsync(320, 640);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url(path));

        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");

        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.body.scrollWidth, window.innerWidth]");
        var wide = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && !e.closest('.table-scroll, .visually-hidden'))
                    .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40))
            """);
        Assert.True(widths[0] <= widths[2] && widths[1] <= widths[2],
            $"page is {widths[0]} px wide (body {widths[1]}) in a {widths[2]} px viewport; past the edge: {string.Join(" | ", wide)}");
        // Whatever is wider than the screen scrolls inside its own region, which is named and can be reached with a keyboard.
        foreach (var region in await page.Locator(".table-scroll").AllAsync())
        {
            Assert.Equal("region", await region.GetAttributeAsync("role"));
            Assert.Equal("0", await region.GetAttributeAsync("tabindex"));
            if (path == "") await Assertions.Expect(region).ToHaveAccessibleNameAsync("Open actions by RAG, and completed actions, at each snapshot");
            else await Assertions.Expect(region).ToHaveAccessibleNameAsync(new System.Text.RegularExpressions.Regex("^\\d\\.? \\w"));
        }
        if (path == "")
        {
            Assert.Equal(1, await page.Locator(".table-scroll").CountAsync());
            // "Complete", the table's last column, is inside the region's scrollable area, not cut off.
            var reachable = await page.EvaluateAsync<bool>("""
                () => { const r = document.querySelector('.table-scroll'), th = [...r.querySelectorAll('th')].find(t => t.textContent === 'Complete');
                        r.scrollLeft = r.scrollWidth;
                        return th.getBoundingClientRect().right <= Math.min(r.getBoundingClientRect().right, window.innerWidth) + 0.5; }
                """);
            Assert.True(reachable);
        }
    }

    [StatementCheck("headings")]
    [Fact]
    public async Task Themes_AreLevelThreeHeadingsThatNameTheirTables()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());

        var headings = page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 3 });
        Assert.Equal(Document.Themes, await headings.AllTextContentsAsync());
        var tables = page.Locator("#actions-list table");
        Assert.Equal(Document.Themes.Count, await tables.CountAsync());
        for (var i = 0; i < Document.Themes.Count; i++)
            await Assertions.Expect(tables.Nth(i)).ToHaveAccessibleNameAsync(Document.Themes[i]);
    }

    [StatementCheck("chart")]
    [Fact]
    public async Task Chart_NamedOnceByItsTitle_SeriesDifferByMarkerAndPattern_LegendMatches()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());

        var chart = page.Locator("svg.trend__chart");
        await Assertions.Expect(chart).ToHaveAccessibleNameAsync("RAG ratings over time");
        await Assertions.Expect(chart).ToHaveAccessibleDescriptionAsync(
            new System.Text.RegularExpressions.Regex("^One snapshot, 16 January 2017. Latest: 0 red, 7 amber"));

        // For each line: its series, its dash pattern as drawn, and the shape of the marker at its points.
        var lines = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll('.trend__figure polyline')].map(l => {
              const ref = (l.getAttribute('marker-mid') || '').match(/#([^)]+)/)[1];
              const marker = document.getElementById(ref);
              return { series: [...l.classList].find(c => c.startsWith('trend__line--')), inLegend: !!l.closest('.trend__legend'),
                       dash: getComputedStyle(l).strokeDasharray, marker: marker.querySelector('path').getAttribute('d'),
                       markerFill: getComputedStyle(marker).fill, stroke: getComputedStyle(l).stroke };
            })
            """);
        var all = lines.EnumerateArray().Select(l => (Series: l.GetProperty("series").GetString()!, InLegend: l.GetProperty("inLegend").GetBoolean(),
            Dash: l.GetProperty("dash").GetString()!, Marker: l.GetProperty("marker").GetString()!,
            Fill: l.GetProperty("markerFill").GetString()!, Stroke: l.GetProperty("stroke").GetString()!)).ToList();
        var drawn = all.Where(l => !l.InLegend).ToList();
        var legend = all.Where(l => l.InLegend).ToList();
        Assert.Equal(4, drawn.Count);
        Assert.Equal(4, drawn.Select(l => l.Dash).Distinct().Count());
        Assert.Equal(4, drawn.Select(l => l.Marker).Distinct().Count());
        // The legend draws each series with the same pattern and marker as the chart.
        Assert.Equal(drawn.Select(l => (l.Series, l.Dash, l.Marker)), legend.Select(l => (l.Series, l.Dash, l.Marker)));
        // A marker is the colour of its line.
        Assert.All(drawn, l => Assert.Equal(l.Stroke, l.Fill));
        // Every point of every series carries its marker (marker-start, -mid and -end cover all vertices).
        foreach (var l in await page.Locator("svg.trend__chart polyline").AllAsync())
        {
            Assert.NotNull(await l.GetAttributeAsync("marker-start"));
            Assert.NotNull(await l.GetAttributeAsync("marker-end"));
        }
    }

    [StatementCheck("text-size")]
    [Fact]
    public async Task Chart_AxisLabels_GrowWithTheReadersTextSize()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());
        const string LabelSize = "() => parseFloat(getComputedStyle(document.querySelector('.trend__labels text')).fontSize)";

        var normal = await page.EvaluateAsync<double>(LabelSize);
        // A reader's larger default text (browser font size setting) changes the root font size.
        await page.EvaluateAsync("() => { document.documentElement.style.fontSize = '200%'; }");
        var enlarged = await page.EvaluateAsync<double>(LabelSize);

        Assert.Equal(normal * 2, enlarged, 1);
    }

    [Fact]
    public async Task LiveRegion_AnnouncesOncePerChange_AndSearchOnlyWhenTypingPauses()
    {
        var amber = Document.Actions.Where(a => a.Rag == "amber").ToList();
        var amberAndSearch = amber.Count(a =>
            string.Join(" ", [a.Text, a.Comments, .. a.Leads]).Contains("licensing", StringComparison.OrdinalIgnoreCase));
        Assert.NotEqual(amber.Count, amberAndSearch);
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url());
        var status = page.Locator("#filters [role=status]");
        await Assertions.Expect(status).ToHaveTextAsync("Showing 42 of 42 actions");
        // Record every text the live region takes from now on.
        await page.EvaluateAsync("""
            () => { const s = document.querySelector('#filters [role=status]'); window.announced = [];
                    new MutationObserver(() => window.announced.push(s.textContent))
                        .observe(s, { childList: true, characterData: true, subtree: true }); }
            """);

        await page.SelectOptionAsync("#filter-rag", "amber");
        await Assertions.Expect(status).ToHaveTextAsync($"Showing {amber.Count} of 42 actions");
        await page.Locator("#filter-q").PressSequentiallyAsync("licensing", new LocatorPressSequentiallyOptions { Delay = 40 });
        await Assertions.Expect(status).ToHaveTextAsync($"Showing {amberAndSearch} of 42 actions");
        await page.Locator("#filter-q").BlurAsync();   // a change event as the field loses focus: same result, nothing new to say
        await page.SelectOptionAsync("#filter-rag", "amber");

        Assert.Equal([$"Showing {amber.Count} of 42 actions", $"Showing {amberAndSearch} of 42 actions"],
            await page.EvaluateAsync<string[]>("() => window.announced"));
    }
}
