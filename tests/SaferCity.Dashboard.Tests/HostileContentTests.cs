using System.Net;
using System.Text.Json;
using Microsoft.Playwright;

namespace SaferCity.Dashboard.Tests;

/// <summary>Whatever an admin types into the list is shown as text and never runs.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostileContentTests(BrowserFixture fixture) : IAsyncLifetime
{
    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "\" onmouseover=\"alert(1)",
        "javascript:alert(1)",
    ];

    private string _dir = null!;
    private SiteServer _server = null!;

    public async Task InitializeAsync()
    {
        _dir = SiteGenerator.NewTempDir();
        var tracker = Path.Combine(_dir, "tracker.json");
        var leads = Path.Combine(_dir, "leads.json");
        // Every field carries a payload: number, theme, text, deadline, lead, RAG, comments; and the leads list too.
        // Each comes the way SharePoint delivers markup someone typed: rich text with the markup escaped. The reader
        // keeps its text, so the page receives the payload itself (bare tags are stripped by the reader, never shown).
        var items = Payloads.Select((p, i) => new
        {
            id = (i + 1).ToString(),
            lastModifiedDateTime = "2017-01-10T09:00:00Z",
            fields = new Dictionary<string, object>
            {
                ["Title"] = RichText(p), ["Theme"] = RichText(p), ["KeyAction"] = RichText(p), ["DeliveryDeadline"] = RichText(p),
                ["LeadService"] = RichText(p + "; Community Safety Team"), ["RAG"] = RichText(p),
                ["Comments"] = RichText(p + " contact lead@example.org"),
            },
        });
        await File.WriteAllTextAsync(tracker, JsonSerializer.Serialize(new { value = items }));
        var leadItems = Payloads.Select((p, i) => new
        {
            id = (i + 1).ToString(),
            fields = new Dictionary<string, object> { ["Title"] = RichText(p), ["Aliases"] = RichText(p), ["Email"] = $"lead{i}@example.org" },
        }).Append(new
        {
            id = "9",
            fields = new Dictionary<string, object> { ["Title"] = "Community Safety Team", ["Aliases"] = "CST", ["Email"] = "cst@example.org" },
        });
        await File.WriteAllTextAsync(leads, JsonSerializer.Serialize(new { value = leadItems }));
        var site = await SiteGenerator.GenerateAsync(tracker, leads, Path.Combine(_dir, "out"));
        _server = await SiteServer.StartAsync(site);
    }

    private static string RichText(string text) => $"<div class=\"ExternalClassA1\"><p>{WebUtility.HtmlEncode(text)}</p></div>";

    [Fact]
    public async Task HostileListContent_NeverRuns_AndShowsAsText()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var dialogs = new List<string>();
        var errors = new List<string>();
        page.Dialog += async (_, dialog) => { lock (dialogs) dialogs.Add(dialog.Message); await dialog.DismissAsync(); };
        page.Console += (_, message) => { if (message.Type == "error") lock (errors) errors.Add(message.Text); };
        page.PageError += (_, error) => { lock (errors) errors.Add(error); };

        await page.GotoAsync(_server.Url(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // Give every handler its chance: hover every cell, open every details, use the filters with the payloads.
        foreach (var cell in await page.Locator("#actions-list tbody th, #actions-list tbody td").AllAsync()) await cell.HoverAsync();
        await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
        // (The first payload holds "/", a lead separator, so the second is the one that is a whole lead name.)
        await page.SelectOptionAsync("#filter-lead", Payloads[1]);
        await page.FillAsync("#filter-q", Payloads[2]);
        await page.ClickAsync("text=Clear filters");
        await page.WaitForTimeoutAsync(200);

        lock (dialogs) Assert.Empty(dialogs);
        lock (errors) Assert.Empty(errors);
        var text = await page.Locator("main").InnerTextAsync();
        foreach (var p in Payloads)
        {
            Assert.Contains(p, text);
            Assert.Contains(p, await page.Locator("#actions-list h3").AllTextContentsAsync());
            Assert.Contains(p, await page.Locator("#actions-list tbody th").AllTextContentsAsync());
        }
        Assert.Equal(4, await page.Locator("#actions-list tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("main img, main script, [onerror], [onmouseover], a[href^='javascript']").CountAsync());
        Assert.Equal(1, await page.EvaluateAsync<int>("() => document.scripts.length"));
        Assert.DoesNotContain("@example.org", await page.ContentAsync());
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}
