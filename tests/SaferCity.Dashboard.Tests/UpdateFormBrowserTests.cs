using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Updates;
using Xunit.Abstractions;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// The update form in Chromium, served by the same endpoint as <c>serve</c> over a copy of the sample tracker file:
/// axe-core finds no WCAG 2.2 AA violation (form, and form with its error summary), and a keyboard alone, with
/// JavaScript off, can choose a RAG, write a comment and save, which lands in the file.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UpdateFormBrowserTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Key = "browser-test-signing-key-0123456789-abcdefgh";
    private readonly string dir = SiteGenerator.NewTempDir();
    private WebApplication app = null!;
    private string link = "";

    public async Task InitializeAsync()
    {
        File.Copy(SiteGenerator.SampleTracker, Path.Combine(dir, "tracker.json"));
        File.Copy(SiteGenerator.SampleLeads, Path.Combine(dir, "leads.json"));
        var time = new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:TrackerFile"] = Path.Combine(dir, "tracker.json"),
            ["Local:LeadsFile"] = Path.Combine(dir, "leads.json"),
            ["Local:OutDir"] = Path.Combine(dir, "out"),
            ["Updates:BaseUrl"] = "http://127.0.0.1:1",
            ["Updates:SigningKey"] = Key,
            ["Dashboard:PublicUrl"] = "https://dashboard.example.org/",
        });
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSaferCity(builder.Configuration);
        app = builder.Build();
        app.MapMethods("/{token}", ["GET", "HEAD", "POST"], (HttpContext context, string token, UpdateService service) =>
            UpdateEndpoint.HandleAsync(context, token, service, behindProxy: false));
        await app.StartAsync();
        var now = time.GetUtcNow();
        var token = new UpdateLinkSigner(new UpdatesOptions { SigningKey = Key })
            .Sign(new UpdateLink("community-safety-team", "11", "2.5", now, now.AddDays(28)));
        link = $"{app.Urls.Single()}/{token}";
    }

    public async Task DisposeAsync()
    {
        await app.DisposeAsync();
        Directory.Delete(dir, recursive: true);
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

    /// <summary>Presses Tab until the element has focus (as a keyboard user would), at most 20 times.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 20; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.Locator(selector).EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        Assert.Fail($"Tab never reached {selector}");
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(375, 812)]
    public async Task Axe_FormAndErrorSummary_NoWcagViolations(int width, int height)
    {
        await using var context = await fixture.NewContextAsync(width, height);
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, r) => requests.Add(r.Url);
        await page.GotoAsync(link);

        var form = await AxeAsync(page);
        Assert.True(form.Count == 0, string.Join("\n", form));
        var png = RepoFiles.Artefact($"update-form-{width}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = png, FullPage = true });
        output.WriteLine($"Screenshot: {png}");

        await page.FillAsync("#deadline", "");
        await page.FillAsync("#comment", new string('x', 2001));
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("There is a problem", await page.Locator(".error-summary h2").TextContentAsync());
        var errors = await AxeAsync(page);
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var origin = new Uri(link).GetLeftPart(UriPartial.Authority);
        Assert.All(requests, r => Assert.StartsWith(origin, r, StringComparison.Ordinal)); // no third-party request
    }

    [Fact]
    public async Task Keyboard_NoJavaScript_ChoosesRagWritesCommentAndSaves()
    {
        await using var context = await fixture.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(link);

        await TabToAsync(page, "#rag-amber");            // the RAG group lands on its checked radio (Amber)
        await page.Keyboard.PressAsync("ArrowDown");     // Red
        await TabToAsync(page, "#comment");              // past the status group and the date field's parts
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Typed with the keyboard only.");
        await TabToAsync(page, "button[type=submit]");
        var response = page.WaitForResponseAsync(r => r.Request.Method == "POST");
        await page.Keyboard.PressAsync("Enter");          // the form posts; no script involved
        Assert.Equal(200, (await response).Status);
        await page.WaitForFunctionAsync("() => document.readyState === 'complete' && document.title.startsWith('Update saved')");

        Assert.Equal("Update saved for action 2.5", await page.TitleAsync());
        Assert.Equal("https://dashboard.example.org/", await page.GetByRole(AriaRole.Link, new() { Name = "Back to the partnership dashboard" }).GetAttributeAsync("href"));
        using var tracker = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, "tracker.json")));
        var fields = tracker.RootElement.GetProperty("value").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "11").GetProperty("fields");
        Assert.Equal(("R", "Typed with the keyboard only."), (fields.GetProperty("RAG").GetString(), fields.GetProperty("Comments").GetString()));
    }
}
