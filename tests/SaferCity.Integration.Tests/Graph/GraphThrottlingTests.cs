using System.Text.Json.Nodes;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// SharePoint's throttling as it really is (Retry-After of two minutes, repeated while the client comes back early),
/// waited out on the injected clock, and every request decorated as SharePoint's throttling guidance asks.
/// </summary>
public sealed class GraphThrottlingTests
{
    private static readonly DateTimeOffset Monday7 = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_Throttled120Seconds_WaitsItOutOnTheClockAndCompletes()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        var clock = new MovingClock(Monday7);
        run.Graph.Clock = clock;
        run.Graph.ThrottleFor(TimeSpan.FromSeconds(120));

        var outcome = await run.RunAsync(time: clock);

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(42, outcome.Dashboard!.Summary.Total);
        Assert.Equal([TimeSpan.FromSeconds(120)], clock.Delays); // once, as long as asked, not retried early
        Assert.Equal(2, run.Graph.Requests.Count(r => r.StartsWith("GET /v1.0/sites/contoso.sharepoint.com:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_ThrottledLongerThanTheWaitBudget_FailsAtOnceSayingWhyAndWritesNothing()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        var clock = new MovingClock(Monday7);
        run.Graph.Clock = clock;
        run.Graph.ThrottleFor(TimeSpan.FromSeconds(400));

        var error = await run.FailingRunAsync(TestStack.AsOf, clock);

        Assert.Equal($"Graph: finding the site {GraphEmulator.SiteUrl} failed: 429 Too Many Requests: " +
            "asked to wait 400 s, more than the 300 s left to wait (Graph__MaxRetryWaitSeconds)",
            error.Message);
        Assert.Empty(clock.Delays); // not waited in part, only to fail later
        Assert.Empty(run.WrittenFiles());
    }

    [Fact]
    public async Task RunAsync_EveryRequest_CarriesTheNonIsvUserAgentBeforeTheSdks()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);

        await run.RunAsync();

        var version = typeof(GraphClients).Assembly.GetName().Version!;
        Assert.NotEmpty(run.Graph.UserAgents);
        Assert.All(run.Graph.UserAgents, agent =>
        {
            Assert.StartsWith("NONISV|SaferCityPartnership|SaferCity/", agent, StringComparison.Ordinal);
            Assert.Contains("kiota-dotnet/", agent, StringComparison.Ordinal);
        });
        Assert.Contains($"SaferCity/{version.Major}.{version.Minor}.{version.Build}", run.Graph.UserAgents[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UserAgentCompanySet_ThatCompanyWithoutSpaces()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        run.Settings["Graph:UserAgentCompany"] = "City of London Corporation";

        await run.RunAsync();

        Assert.All(run.Graph.UserAgents, agent => Assert.StartsWith("NONISV|CityofLondonCorporation|SaferCity/", agent, StringComparison.Ordinal));
    }

    [Fact]
    public void Budget_Defaults_LargerThanTheRetryWaitsAndWithinTheFunctionTimeout()
    {
        var options = new GraphOptions();
        var functionTimeout = TimeSpan.Parse(
            JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot(), "host.json")))!["functionTimeout"]!.GetValue<string>(),
            System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(options.Budget() > TimeSpan.FromSeconds(options.MaxRetryWaitSeconds));
        Assert.True(options.MaxRetryWaitSeconds >= 2 * 120, "two of SharePoint's usual 120 s throttles fit");
        Assert.True(options.Budget() < functionTimeout, $"{options.Budget()} must fit in the function timeout {functionTimeout}");
        Assert.True(options.ForForm().Budget() <= TimeSpan.FromSeconds(30), "a lead at a browser waits at most half a minute");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "host.json"))) dir = dir.Parent!;
        return dir.FullName;
    }
}
