using SaferCity.Core.History;
using SaferCity.Core.Pipeline;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>Storage disappears in the middle of a run. Azurite on disk, so data survives a restart; fresh containers.</summary>
[Collection(StoppableAzuriteCollection.Name)]
public sealed class AzuriteOutageTests(StoppableAzuriteFixture fixture)
{
    [Fact]
    public async Task Run_AzuriteStoppedMidRun_FailsWithOneLineAndLeavesSiteAndStateIntact()
    {
        var azurite = fixture.Azurite;
        await using var stack = await TestStack.StartAsync(TrackerFrom.SampleFiles, sendGrid: false, azurite);
        await stack.RunAsync(remind: false);
        var web = stack.Site;
        var stateContainer = stack.State;
        var index = await BlobPipelineTests.DownloadAsync(web, "index.html");
        var json = await BlobPipelineTests.DownloadAsync(web, "dashboard.json");
        var history = await BlobPipelineTests.DownloadAsync(stateContainer, TrackerPipeline.HistoryDocument);

        // A week later (so everything would change), storage goes away once the run holds the lock.
        var failure = await Assert.ThrowsAsync<PipelineException>(() => stack.RunAsync(TestStack.AsOf.AddDays(7),
            replace: s => s.Decorate<ITrackerSource>((inner, _) => new InterceptingSource(inner, azurite.StopAsync)), remind: false));

        Assert.StartsWith("Blob storage: ", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);

        await azurite.StartAsync();
        Assert.Equal(index, await BlobPipelineTests.DownloadAsync(web, "index.html"));
        Assert.Equal(json, await BlobPipelineTests.DownloadAsync(web, "dashboard.json"));
        Assert.Equal(history, await BlobPipelineTests.DownloadAsync(stateContainer, TrackerPipeline.HistoryDocument));
        Assert.Single(HistoryJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(history)).Days);
    }
}
