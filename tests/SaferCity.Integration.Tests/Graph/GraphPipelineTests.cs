using System.Net;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>The whole pipeline, composed as in production, reading SharePoint through the real Graph SDK and the emulator.</summary>
public sealed class GraphPipelineTests
{
    private const string Tracker = GraphEmulator.TrackerList;

    [Fact]
    public async Task RunAsync_SampleOverSeveralPages_GivesTheFileRunFigures()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        var emulator = run.Graph; // 42 tracker items in pages of 10: 5 pages

        await using (var services = run.Services()) Assert.IsType<GraphTrackerSource>(services.GetService(typeof(ITrackerSource)));
        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        var dashboard = outcome.Dashboard!;
        Assert.Equal(new DashboardSummary(Total: 42, Complete: 15, Open: 27, Overdue: 2, DueSoon: 6, Red: 0, Amber: 7, Green: 20, RagMismatch: 2),
            dashboard.Summary);
        Assert.Equal(["2.5", "4.2"], dashboard.Actions.Where(a => a.Overdue).Select(a => a.Id));
        Assert.Equal(await TestStack.FileRunSummaryAsync(), dashboard.Summary);
        Assert.Equal(5, emulator.Requests.Count(r =>
            r.StartsWith($"GET /v1.0/sites/{GraphEmulator.SiteId}/lists/list-1/items", StringComparison.Ordinal)));
        Assert.True(File.Exists(Path.Combine(run.Root, "out", "site", "dashboard.json")));
    }

    [Fact]
    public async Task RunAsync_ThrottledPageWithRetryAfter_RetriesThatPageAndSucceeds()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        var emulator = run.Graph;
        emulator.FailPage(Tracker, page: 2, (HttpStatusCode)429, times: 1, retryAfterSeconds: 1);

        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(42, outcome.Dashboard!.Summary.Total);
        var trackerPages = emulator.Requests.Where(r => r.Contains("/lists/list-1/items", StringComparison.Ordinal)).ToList();
        Assert.Equal(6, trackerPages.Count); // 5 pages, page 2 twice
        Assert.Equal(2, trackerPages.Count(r => r.EndsWith("$skiptoken=10", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_FailureOutlastsRetries_ThrowsNamingListAndPageAndChangesNothing()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        var emulator = run.Graph;
        emulator.FailPage(Tracker, page: 3, HttpStatusCode.ServiceUnavailable);
        run.Settings["Graph:MaxRetries"] = "3";

        var error = await Assert.ThrowsAsync<PipelineException>(() => run.RunAsync());

        Assert.Equal($"Graph: reading items of list '{Tracker}' failed on page 3: 503 Service Unavailable after 3 retries", error.Message);
        Assert.Equal(4, emulator.Requests.Count(r => r.EndsWith("$skiptoken=20", StringComparison.Ordinal)));
        Assert.Empty(run.WrittenFiles()); // no site, no outbox, no history, no ledger
    }

    [Fact]
    public async Task RunAsync_MalformedPage_ThrowsAndChangesNothing()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        var emulator = run.Graph;
        emulator.MalformPage(Tracker, page: 4);

        var error = await Assert.ThrowsAsync<PipelineException>(() => run.RunAsync());

        Assert.Equal($"Graph: reading items of list '{Tracker}' failed on page 4: the response was not valid JSON", error.Message);
        Assert.Empty(run.WrittenFiles());
    }

    [Fact]
    public async Task RunAsync_PageSlowerThanTheTimeout_ThrowsTimedOutAndChangesNothing()
    {
        await using var run = await TestStack.StartAsync(sendGrid: false);
        var emulator = run.Graph;
        emulator.DelayPage(Tracker, page: 2, TimeSpan.FromSeconds(30));
        run.Settings["Graph:TimeoutSeconds"] = "1";

        var error = await Assert.ThrowsAsync<PipelineException>(() => run.RunAsync());

        Assert.Equal($"Graph: reading items of list '{Tracker}' failed on page 2: no answer in time (timed out)", error.Message);
        Assert.Empty(run.WrittenFiles());
    }
}
