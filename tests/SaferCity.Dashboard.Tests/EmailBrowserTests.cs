using System.Text.Json;
using Microsoft.Playwright;
using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;
using Xunit.Abstractions;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// The HTML part of every digest and summary of two sample weeks, in Chromium at a phone's width and a desktop's:
/// no sideways scrolling, no text under 16 px, every text on a background the email sets itself (so a client's dark
/// mode cannot leave dark text on a dark canvas), links underlined or button-shaped, and axe-core finds nothing.
/// Screenshots are kept in TestResults/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailBrowserTests(BrowserFixture fixture, SampleEmails emails, ITestOutputHelper output) : IClassFixture<SampleEmails>
{
    /// <summary>Set to 1 to refresh the README's phone-width screenshot (docs/images/digest-phone.png).</summary>
    public const string DocsImagesVariable = "SAFERCITY_DOCS_IMAGES";

    private const string LayoutProblems = """
        () => {
          const problems = [];
          const root = document.documentElement;
          if (root.scrollWidth > window.innerWidth) problems.push(`scrolls sideways: ${root.scrollWidth}px wide in a ${window.innerWidth}px window`);
          const clear = c => c === 'rgba(0, 0, 0, 0)' || c === 'transparent';
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          let texts = 0;
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const text = n.textContent.trim();
            const el = n.parentElement;
            if (!text || !el.getClientRects().length) continue; // the hidden preheader
            texts++;
            const style = getComputedStyle(el);
            const size = parseFloat(style.fontSize);
            if (size < 16) problems.push(`${size}px text: "${text.slice(0, 40)}"`);
            let e = el;
            while (e && e !== document.body && clear(getComputedStyle(e).backgroundColor)) e = e.parentElement;
            if (!e || e === document.body) problems.push(`text on the mail client's own background: "${text.slice(0, 40)}"`);
          }
          for (const a of document.querySelectorAll('a')) {
            const s = getComputedStyle(a);
            if (!s.textDecorationLine.includes('underline') && clear(s.backgroundColor))
              problems.push(`link neither underlined nor a button: "${a.textContent}"`);
          }
          if (texts < 5) problems.push(`only ${texts} visible texts`);
          return problems;
        }
        """;

    // WCAG 2.2 AA and axe's best practices, except the two about page landmarks: an email is shown inside the mail
    // client's own page and its landmarks; it marks itself as an article (the Email Markup Consortium's advice).
    private const string AxeViolations = """
        async () => {
          const r = await axe.run(document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
            rules: { 'landmark-one-main': { enabled: false }, 'region': { enabled: false } } });
          return r.violations.map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')}`);
        }
        """;

    [Theory]
    [InlineData(375, 812)]
    [InlineData(1280, 800)]
    public async Task Html_EveryEmailOfBothSampleWeeks_ReadableWithoutSidewaysScrollAndNoAxeViolations(int width, int height)
    {
        var all = emails.Messages.Select(m => (Name: m.Key, Html: m.Value.HtmlBody ?? "")).Append((Name: "with-links", Html: WithLinks())).ToList();
        Assert.Contains(all, e => e.Name == "2017-W03_coordinator");
        Assert.Contains(all, e => e.Name == "2017-W08_coordinator");
        Assert.Equal(17, all.Count(e => e.Html.Length > 0)); // both weeks' digests and summaries (leads told at milestones), and the one with links
        Assert.Contains(emails.Messages, m => m.Value.TextBody is { } t
            && t.Contains("Worse: Green → Amber since 16 January 2017", StringComparison.Ordinal));
        Assert.Equal(2, all.Single(e => e.Name == "with-links").Html.Split("No update since 28 November 2016").Length - 1);

        await using var context = await fixture.NewContextAsync(width, height, javaScript: true);
        var page = await context.NewPageAsync();
        var axe = await File.ReadAllTextAsync(RepoFiles.AxeScript);
        var failures = new List<string>();
        foreach (var (name, html) in all)
        {
            await File.WriteAllTextAsync(RepoFiles.Artefact($"email-{name}.html"), html); // for the Nu HTML checker
            await page.SetContentAsync(html);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoFiles.Artefact($"email-{name}-{width}.png"), FullPage = true });
            failures.AddRange(Strings(await page.EvaluateAsync<JsonElement>(LayoutProblems)).Select(p => $"{name}: {p}"));
            await page.EvaluateAsync(axe);
            failures.AddRange(Strings(await page.EvaluateAsync<JsonElement>(AxeViolations)).Select(v => $"{name}: {v}"));
        }
        output.WriteLine($"{all.Count} emails checked at {width} px");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task LayoutCheck_OldFiveColumnTableStyle_IsCaught()
    {
        // The shape digests had before: a wide data table, 12 px cells, colours on the client's own canvas, a bare link.
        const string Old = """
            <!DOCTYPE html><html lang="en-GB"><head><title>Old</title></head><body style="background:#fff">
            <h1>Community Safety Team</h1><table style="font-size:14px">
            <tr><th>Action</th><th>Key action</th><th>Deadline</th><th>RAG</th><th>Latest comment</th></tr>
            <tr><th>2.5</th><td>Explore the potential of Alcohol Recovery Centres</td>
            <td>31&nbsp;December&nbsp;2016&nbsp;(16&nbsp;days&nbsp;overdue)</td>
            <td>Amber&nbsp;(rated&nbsp;on&nbsp;track,&nbsp;but&nbsp;overdue)</td><td>ARC was not established</td></tr></table>
            <p style="font-size:12px">You get this email because…</p>
            <a href="https://example.gov.uk/" style="text-decoration:none">dashboard</a></body></html>
            """;
        await using var context = await fixture.NewContextAsync(375, 812);
        var page = await context.NewPageAsync();
        await page.SetContentAsync(Old);

        var problems = Strings(await page.EvaluateAsync<JsonElement>(LayoutProblems)).ToList();

        Assert.Contains(problems, p => p.StartsWith("scrolls sideways", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("12px text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("14px text", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("text on the mail client's own background", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("link neither underlined nor a button", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Html_LaterWeekDigest_PhoneScreenshotForTheReadme()
    {
        var digest = emails.Messages["2017-W08_community-safety-team"];
        Assert.Contains("Changed by someone else", digest.HtmlBody);

        await using var context = await fixture.NewContextAsync(375, 1000);
        var page = await context.NewPageAsync();
        await page.SetContentAsync(digest.HtmlBody ?? "");
        var png = await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoFiles.Artefact("digest-phone.png") });

        Assert.True(png.Length is > 10_000 and < 200_000, $"{png.Length} bytes");
        if (Environment.GetEnvironmentVariable(DocsImagesVariable) == "1")
        {
            var docs = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(RepoFiles.AxeScript)))!, "docs", "images");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, "digest-phone.png"), png);
        }
    }

    /// <summary>A digest with update and SharePoint links on every action, and long unbroken text, as the update-links setting gives.</summary>
    [Fact]
    public void Html_Title_SaysWhatTheEmailIsTheWeekAndThePartnership()
    {
        Assert.Contains("<title>Actions to review, week 8 \u2013 Safer City Partnership</title>",
            emails.Messages["2017-W08_community-safety-team"].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<title>Coordinator\u2019s summary, week 3 \u2013 Safer City Partnership</title>",
            emails.Messages["2017-W03_coordinator"].HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_DriftArrows_HiddenFromScreenReadersWhichHearWords()
    {
        await using var context = await fixture.NewContextAsync(375, 812);
        var page = await context.NewPageAsync();
        await page.SetContentAsync(emails.Messages["2017-W08_community-safety-team"].HtmlBody ?? "");

        // Every arrow is inside aria-hidden; the line's accessible text reads "Worse: Green to Amber since …".
        var spoken = await page.EvaluateAsync<string[]>("""
            () => { const bad = [];
                    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
                    for (let n = walker.nextNode(); n; n = walker.nextNode())
                      if (/[\u2190-\u21ff]/.test(n.textContent) && !n.parentElement.closest('[aria-hidden="true"]')) bad.push(n.textContent.trim());
                    return bad; }
            """);
        Assert.Empty(spoken);
        var snapshot = await page.Locator("body").AriaSnapshotAsync();
        Assert.Contains("Worse: Green to Amber since 16 January 2017", snapshot, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_ChromiumForcedDarkMode_UpdateButtonStaysOneColour()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var dark = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--blink-settings=forceDarkModeEnabled=true", "--enable-features=WebContentsForceDark"],
        });
        var page = await dark.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 375, Height = 812 } });
        await page.SetContentAsync(WithLinks());

        var cell = page.Locator("td", new() { Has = page.Locator("a", new() { HasText = "Update action 2.5" }) }).First;
        var image = PngImage.Decode(await cell.ScreenshotAsync());
        // The link's content box (inside any border and padding), relative to the cell.
        var content = await cell.EvaluateAsync<double[]>("""
            td => { const a = td.querySelector('a'), s = getComputedStyle(a), r = a.getBoundingClientRect(), c = td.getBoundingClientRect();
                    const left = r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft) - c.left;
                    const top = r.top + parseFloat(s.borderTopWidth) + parseFloat(s.paddingTop) - c.top;
                    return [left, top, r.width - parseFloat(s.borderLeftWidth) - parseFloat(s.borderRightWidth)]; }
            """);
        int At(double x, double y) => image.Pixels[(int)y * image.Width + (int)x];
        var padding = At(2, 2);                                             // the button's edge: the cell's padding, or a border
        var behindText = At(content[0] + content[2] / 2, content[1] + 1);  // right behind the text, above its letters
        var page0 = PngImage.Decode(await page.ScreenshotAsync()).Pixels[5];  // the email's white paper, top left

        output.WriteLine($"padding #{padding:x6}, link #{behindText:x6}, paper #{page0:x6}");
        Assert.True(Brightness(page0) < 128, $"forced dark mode is on: the paper is #{page0:x6}");
        Assert.Equal(padding, behindText);
    }

    private static int Brightness(int rgb) => (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;

    private static string WithLinks()
    {
        var asOf = SampleEmails.FirstWeek;
        Assessment Action(string number, string text, string comment, DateOnly deadline, Rag rag) => ActionRules.Assess(new TrackerAction
        {
            ItemId = number, Number = number, Theme = "2. Night Time Economy", Text = text, Deadline = deadline,
            LeadNames = ["CST"], Leads = ["Community Safety Team"], Rag = rag, Comments = comment,
        }, asOf, new RemindersOptions());
        // Stale too: "No update since" inside the overdue block, and an action under "Needs an update" alone.
        var stale = (Assessment a) => a with { Stale = true, LastUpdated = new DateOnly(2016, 11, 28) };
        var digest = new LeadDigest(new Lead("Community Safety Team", [], ["cst@example.gov.uk"]),
            [stale(Action("2.5", "Explore the potential of Alcohol Recovery Centres", "See https://example.gov.uk/" + new string('x', 120),
                new DateOnly(2016, 12, 31), Rag.Amber))],
            [Action("3.1", "Develop materials, print literature and run events", "", new DateOnly(2017, 1, 31), Rag.Green)],
            [])
        {
            NeedsUpdate = [stale(Action("4.2", "Publicise the Safer City Partnership's work to businesses", "Leaflets in print",
                new DateOnly(2017, 9, 30), Rag.Green))],
        };
        ActionLinks Links(Assessment a) => new(
            new Uri($"https://update.example.gov.uk/u/{a.Action.Number}?t=eyJhIjoiMi41IiwibCI6ImNzdCIsImUiOjE0ODc2NjQwMDB9&s=" + new string('A', 43)),
            new Uri($"https://contoso.sharepoint.com/sites/scp/Lists/SCP%20Progress%20Monitoring/DispForm.aspx?ID={a.Action.ItemId}"));
        return DigestRenderer.Render(digest, asOf, null, SampleEmails.DashboardUrl, Links,
            new CoordinatorContact("Sam Patel", SampleEmails.Coordinator)).Html;
    }

    private static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(v => v.GetString()!);
}
