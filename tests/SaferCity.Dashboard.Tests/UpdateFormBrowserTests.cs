using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Updates;
using Xunit.Abstractions;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// The update form in Chromium, served by the same endpoint as <c>serve</c> over a copy of the sample tracker file,
/// with JavaScript off unless axe needs it: the date typed with the keyboard, part-filled, an unchanged submit, a
/// conflict refilled and saved again, the error summary's focus, and axe on every update page at 320 and 1280 px.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UpdateFormBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "browser-test-signing-key-0123456789-abcdefgh";
    private const string Item = "11"; // action 2.5: amber, deadline December 2016, the Community Safety Team among its leads
    private readonly string dir = SiteGenerator.NewTempDir();
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero));
    private WebApplication app = null!;
    private string link = "";

    private string TrackerPath => Path.Combine(dir, "tracker.json");

    public async Task InitializeAsync()
    {
        File.Copy(SiteGenerator.SampleTracker, TrackerPath);
        File.Copy(SiteGenerator.SampleLeads, Path.Combine(dir, "leads.json"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:TrackerFile"] = TrackerPath,
            ["Local:LeadsFile"] = Path.Combine(dir, "leads.json"),
            ["Local:OutDir"] = Path.Combine(dir, "out"),
            ["Updates:BaseUrl"] = "http://127.0.0.1:1",
            ["Updates:SigningKey"] = Key,
            ["Dashboard:PublicUrl"] = "https://dashboard.example.org/",
            ["Reminders:Coordinator"] = "coordinator@example.gov.uk",
            ["Reminders:CoordinatorName"] = "Sam Patel",
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSaferCity(builder.Configuration);
        app = builder.Build();
        app.MapMethods("/{rest?}", ["GET", "HEAD", "POST"], (HttpContext context, string? rest, UpdateService service) =>
            UpdateEndpoint.HandleAsync(context, rest, service, behindProxy: false));
        await app.StartAsync();
        link = Link("community-safety-team", Item, days: 28);
    }

    private string Link(string lead, string item, int days)
    {
        var now = time.GetUtcNow();
        // Issued a day ago, but never claiming to live longer than Updates__LinkDays (28): the server refuses such a link.
        var expires = now.AddDays(days);
        var issued = now.AddDays(-1) < expires.AddDays(-28) ? expires.AddDays(-28) : now.AddDays(-1);
        return UpdateLink.UrlFor(app.Urls.Single(),
            new UpdateLinkSigner(new UpdatesOptions { SigningKey = Key }).Sign(new UpdateLink(lead, item, "2.5", issued, expires))).ToString();
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(dir, recursive: true);
    }

    private JsonNode Fields() =>
        JsonNode.Parse(File.ReadAllText(TrackerPath))!["value"]!.AsArray().Single(i => (string?)i!["id"] == Item)!["fields"]!;

    /// <summary>An admin edits action 2.5 in the list while the lead has the form open.</summary>
    private void EditInTheList(string field, string value)
    {
        var tracker = JsonNode.Parse(File.ReadAllText(TrackerPath))!;
        tracker["value"]!.AsArray().Single(i => (string?)i!["id"] == Item)!["fields"]![field] = value;
        File.WriteAllText(TrackerPath, tracker.ToJsonString());
    }

    private static async Task<List<string>> AxeAsync(IPage page)
    {
        await page.EvaluateAsync(await File.ReadAllTextAsync(RepoFiles.AxeScript));
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
              return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
            }
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>Presses Tab until the element has focus (as a keyboard user would), at most 30 times.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 30; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await IsFocusedAsync(page, selector)) return;
        }
        Assert.Fail($"Tab never reached {selector}");
    }

    private static Task<bool> IsFocusedAsync(IPage page, string selector) =>
        page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement");

    /// <summary>Selects the field's text and types over it, as a keyboard user does.</summary>
    private static async Task TypeOverAsync(IPage page, string selector, string text)
    {
        await TabToAsync(page, selector);
        await page.Keyboard.PressAsync("Control+A");
        if (text.Length == 0) await page.Keyboard.PressAsync("Backspace");
        else await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tabs to Save and presses Enter; returns the response's status once the next page has loaded.</summary>
    private static async Task<int> SaveByKeyboardAsync(IPage page)
    {
        await TabToAsync(page, "button[type=submit]");
        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.Keyboard.PressAsync("Enter");
        var status = (await response).Status;
        await page.WaitForLoadStateAsync(LoadState.Load);
        return status;
    }

    private static async Task AssertTitleIsHeadingAsync(IPage page, string heading, bool error = false)
    {
        Assert.Equal(heading, (await page.Locator("h1").TextContentAsync())!.Trim());
        Assert.Equal($"{(error ? "Error: " : "")}{heading} \u2013 Safer City Partnership", await page.TitleAsync());
    }

    [StatementCheck("update-errors")]
    [Fact]
    public async Task Keyboard_TypesTheDateAsTheHintShows_SavesThatDeadline()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        Assert.Equal("For example, 31 3 2017", await page.Locator("#deadline-hint").TextContentAsync());

        await TypeOverAsync(page, "#deadline-day", "31");
        await TypeOverAsync(page, "#deadline-month", "3");
        await TypeOverAsync(page, "#deadline-year", "2017");

        Assert.Equal(200, await SaveByKeyboardAsync(page));
        await AssertTitleIsHeadingAsync(page, "Action 2.5 updated");
        Assert.Contains("Deadline: 31 December 2016 to 31 March 2017", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("2017-03-31", Fields()["DeliveryDeadline"]!.GetValue<string>());
    }

    [StatementCheck("update-errors")]
    [Theory]
    [InlineData(320, 640)]
    [InlineData(1280, 800)]
    public async Task PartFilledDate_ErrorSummaryTakesFocusAndItsLinkShowsTheQuestion(int width, int height)
    {
        await using var context = await fixture.NewContextAsync(width, height, javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        var before = File.ReadAllText(TrackerPath);

        await TypeOverAsync(page, "#deadline-month", "");
        Assert.Equal(400, await SaveByKeyboardAsync(page));

        await AssertTitleIsHeadingAsync(page, "Update action 2.5", error: true);
        Assert.True(await IsFocusedAsync(page, ".error-summary"), "the error summary has focus on load (autofocus, no script)");
        var entry = page.Locator(".error-summary a");
        Assert.Equal(("Deadline must include a month", "#deadline-month"),
            ((await entry.TextContentAsync())!, (await entry.GetAttributeAsync("href"))!));
        Assert.Equal("Error: Deadline must include a month", (await page.Locator("#deadline-error").TextContentAsync())!.Trim());
        Assert.Equal(before, File.ReadAllText(TrackerPath)); // the old deadline is not silently kept as "saved"

        await page.Keyboard.PressAsync("Tab");   // from the summary to its link
        await page.Keyboard.PressAsync("Enter"); // follow it
        await page.WaitForFunctionAsync("() => location.hash === '#deadline-month'");
        var legend = await page.Locator("#deadline-month").EvaluateAsync<double[]>(
            "e => { const l = e.closest('fieldset').querySelector('legend').getBoundingClientRect(); return [l.top, l.bottom, innerHeight]; }");
        Assert.True(legend[0] >= 0 && legend[1] <= legend[2], $"the legend is in view (top {legend[0]}, bottom {legend[1]}, viewport {legend[2]})");
    }

    [StatementCheck("titles")]
    [Fact]
    public async Task SubmitUnchanged_TitleAndHeadingSayNoChangesMade()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);
        var before = File.ReadAllText(TrackerPath);

        Assert.Equal(200, await SaveByKeyboardAsync(page));

        await AssertTitleIsHeadingAsync(page, "No changes made to action 2.5");
        Assert.DoesNotContain("will see this update", await page.Locator("main").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(TrackerPath));
    }

    [StatementCheck("update-keyboard")]
    [StatementCheck("titles")]
    [Fact]
    public async Task Keyboard_UpdateThenConflictThenResave_KeepsTheLeadsAnswers()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);

        // An update, by keyboard alone.
        await TabToAsync(page, "#rag-amber");         // the RAG group lands on its checked radio (Amber)
        await page.Keyboard.PressAsync("ArrowDown");  // Red
        await TypeOverAsync(page, "#comment", "Typed with the keyboard only.");
        Assert.Equal(200, await SaveByKeyboardAsync(page));
        await AssertTitleIsHeadingAsync(page, "Action 2.5 updated");
        Assert.Equal(("R", "Typed with the keyboard only."), (Fields()["RAG"]!.GetValue<string>(), Fields()["Comments"]!.GetValue<string>()));

        // Open the form again; someone changes the comment and the rating in the list meanwhile.
        await page.GotoAsync(link);
        EditInTheList("Comments", "Changed by the coordinator in SharePoint.");
        EditInTheList("RAG", "G");
        await TabToAsync(page, "#rag-red");
        await page.Keyboard.PressAsync("ArrowUp");    // Amber
        await TypeOverAsync(page, "#comment", "My second update.");
        Assert.Equal(409, await SaveByKeyboardAsync(page));

        await AssertTitleIsHeadingAsync(page, "Update action 2.5", error: true);
        Assert.True(await IsFocusedAsync(page, ".error-summary"));
        Assert.Equal("Someone else changed action 2.5 while you were editing", await page.Locator(".error-summary a").TextContentAsync());
        Assert.True(await page.Locator("#rag-amber").IsCheckedAsync());                       // the lead's answer
        Assert.Equal("My second update.", await page.Locator("#comment").InputValueAsync());
        // the list's newer value, beside it
        Assert.Contains("Green (on track)", await page.Locator("#rag-changed").TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains("Changed by the coordinator in SharePoint.", await page.Locator("#comment-changed").TextContentAsync(),
            StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#status-changed, #deadline-changed").CountAsync());
        Assert.Equal("Changed by the coordinator in SharePoint.", Fields()["Comments"]!.GetValue<string>()); // nothing overwritten

        // Save again: the lead's answers are applied to the new version.
        Assert.Equal(200, await SaveByKeyboardAsync(page));
        await AssertTitleIsHeadingAsync(page, "Action 2.5 updated");
        Assert.Equal(("A", "My second update."), (Fields()["RAG"]!.GetValue<string>(), Fields()["Comments"]!.GetValue<string>()));
    }

    /// <summary>Every page the update service can show, each reached as a lead would reach it (refusals by their own request).</summary>
    private async Task<List<(string Name, Func<IPage, Task> Open)>> PagesAsync()
    {
        var service = app.Services.GetRequiredService<UpdateService>();
        async Task Submit(IPage page, Func<IPage, Task> change)
        {
            await page.GotoAsync(link);
            await change(page);
            await page.ClickAsync("button[type=submit]");
            await page.WaitForLoadStateAsync(LoadState.Load);
        }
        async Task Served(IPage page, string html)
        {
            // A page only a hostile or broken request reaches, shown from the service's own HTML under the endpoint's origin.
            var url = $"{app.Urls.Single()}/rendered";
            await page.RouteAsync(url, r => r.FulfillAsync(new() { Status = 200, ContentType = "text/html; charset=utf-8", Body = html }));
            await page.GotoAsync(url);
        }
        return
        [
            ("form", p => p.GotoAsync(link)),
            ("errors", p => Submit(p,
                async q => { await q.FillAsync("#deadline-day", "32"); await q.FillAsync("#comment",
                    new string('x', 2000)); await q.CheckAsync("#status"); })),
            ("conflict", p => Submit(p,
                async q => { EditInTheList("RAG", "G"); EditInTheList("Comments", $"Edited {Guid.NewGuid()}"); await q.CheckAsync("#rag-red"); })),
            ("no-changes", p => Submit(p, _ => Task.CompletedTask)),
            ("saved", p => Submit(p, q => q.FillAsync("#comment", $"Saved {Guid.NewGuid()}"))),
            ("refusal-invalid", p => p.GotoAsync(link[..^3] + "xyz")),
            ("refusal-expired", p => p.GotoAsync(Link("community-safety-team", Item, days: -1))),
            ("refusal-foreign", p => p.GotoAsync(Link("housing", Item, days: 1))),
            ("refusal-removed", p => p.GotoAsync(Link("community-safety-team", "999", days: 1))),
            ("refusal-too-large", p => Served(p, service.TooLarge().Html)),
            ("refusal-unavailable", p => Served(p, service.Unavailable().Html)),
            ("refusal-busy", p => Served(p, UpdatePages.Busy(service.Page))),
            ("refusal-too-many", p => TooManyAsync(p)),
            ("new-link-sent", async p =>
            {
                await p.GotoAsync(Link("community-safety-team", Item, days: -1));
                await p.ClickAsync("button[type=submit]"); // "Email me a new link"
                await p.WaitForLoadStateAsync(LoadState.Load);
                Assert.StartsWith("We have emailed you a new link", await p.TitleAsync(), StringComparison.Ordinal);
            }),
            ("refusal-switched-off", p => Served(p, SwitchedOff())),
            ("refusal-revoked", async p =>
            {
                await LinkRevocations.RevokeAsync(app.Services.GetRequiredService<IStateStore>(), "trading-standards", time.GetUtcNow(),
                    CancellationToken.None);
                await p.GotoAsync(Link("trading-standards", Item, days: 1));
            }),
        ];
    }

    /// <summary>The 429 a lead meets after a link's hourly allowance: 20 submissions from another tab, then theirs.</summary>
    private async Task TooManyAsync(IPage page)
    {
        var busy = Link("community-safety-team", Item, days: 27); // its own link, so the other pages' submissions do not count
        using var http = new HttpClient();
        for (var i = 0; i < 20; i++)
        {
            var form = new Dictionary<string, string> { [UpdateLink.Field] = UpdateLink.TokenIn(new Uri(busy))!, ["item"] = Item, ["rag"] = "none" };
            using var refused = await http.PostAsync(new Uri(new Uri(busy), UpdatePages.FormAction), new FormUrlEncodedContent(form));
        }
        await page.GotoAsync(busy);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("Too many updates from this link", await page.TitleAsync(), StringComparison.Ordinal);
    }

    /// <summary>What any link gets while updates are switched off (no Updates__BaseUrl): the service as the app builds it, without the
    /// setting.</summary>
    private string SwitchedOff()
    {
        var off = ActivatorUtilities.CreateInstance<UpdateService>(app.Services, Microsoft.Extensions.Options.Options.Create(new UpdatesOptions()),
            LinkSigning.Off);
        var page = off.ShowAsync(UpdateLink.TokenIn(new Uri(link)), "127.0.0.1", CancellationToken.None).GetAwaiter().GetResult();
        Assert.Equal(404, page.Status);
        return page.Html;
    }

    [StatementCheck("axe-update")]
    [StatementCheck("reflow")]
    [Theory]
    [InlineData(320, 640)]
    [InlineData(1280, 800)]
    public async Task Axe_EveryUpdatePage_NoWcagViolationsAndNoSidewaysScroll(int width, int height)
    {
        var failures = new List<string>();
        foreach (var (name, open) in await PagesAsync())
        {
            await using var context = await fixture.NewContextAsync(width, height);
            var page = await context.NewPageAsync();
            var requests = new List<string>();
            page.Request += (_, r) => requests.Add(r.Url);
            output.WriteLine($"{name} at {width} px");
            await open(page);

            Assert.EndsWith("\u2013 Safer City Partnership", await page.TitleAsync(), StringComparison.Ordinal);
            failures.AddRange((await AxeAsync(page)).Select(v => $"{name}: {v}"));
            if (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth") > width) failures.Add($"{name}: wider than {width} px");
            Assert.Equal(1, await page.Locator("footer a[href='https://dashboard.example.org/accessibility.html']").CountAsync());
            var origin = new Uri(link).GetLeftPart(UriPartial.Authority);
            Assert.All(requests, r => Assert.StartsWith(origin, r, StringComparison.Ordinal)); // no third-party request
            var png = RepoFiles.Artefact($"update-{name}-{width}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = true });
        }
        output.WriteLine($"Screenshots in {Path.GetDirectoryName(RepoFiles.Artefact("x"))}");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
