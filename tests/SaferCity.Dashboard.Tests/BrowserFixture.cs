using Microsoft.Playwright;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// One Chromium for the test collection, and the sample dashboard generated once and served on 127.0.0.1.
/// Debian's Chromium is used; Playwright never downloads a browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private SiteServer? _server;
    private string? _tempDir;

    public IBrowser Browser { get; private set; } = null!;

    internal SiteServer Sample => _server!;

    public string SampleSiteDir { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: " +
                "apt-get update && apt-get install -y chromium (scripts/test.sh does this).");
        _tempDir = SiteGenerator.NewTempDir();
        SampleSiteDir = await SiteGenerator.GenerateAsync(SiteGenerator.SampleTracker, SiteGenerator.SampleLeads, _tempDir);
        _server = await SiteServer.StartAsync(SampleSiteDir);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>A fresh context (own cookies, own clock) at a given viewport.</summary>
    public Task<IBrowserContext> NewContextAsync(int width = 1280, int height = 800, bool javaScript = true) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_server is not null) await _server.DisposeAsync();
        if (_tempDir is not null) Directory.Delete(_tempDir, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
