using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.History;
using SaferCity.Core.Pipeline;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>Storage disappears in the middle of a run. Its own Azurite, on disk, so data survives a restart.</summary>
public sealed class AzuriteOutageTests : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("safercity-azurite-").FullName;
    private readonly string outDir = Directory.CreateTempSubdirectory("safercity-blob-").FullName;
    private readonly AzuriteInstance azurite;

    public AzuriteOutageTests() => azurite = new AzuriteInstance(data);

    public Task InitializeAsync() => azurite.StartAsync();

    public async Task DisposeAsync()
    {
        await azurite.DisposeAsync();
        Directory.Delete(data, recursive: true);
        Directory.Delete(outDir, recursive: true);
    }

    private BlobPipelineHost Host(Action<IServiceCollection>? replace = null) =>
        new(azurite.ConnectionString, "$web", "state", outDir, replace);

    [Fact]
    public async Task Run_AzuriteStoppedMidRun_FailsWithOneLineAndLeavesSiteAndStateIntact()
    {
        using (var good = Host()) await good.RunAsync(remind: false);
        var web = azurite.Client().GetBlobContainerClient("$web");
        var stateContainer = azurite.Client().GetBlobContainerClient("state");
        var index = await BlobPipelineTests.DownloadAsync(web, "index.html");
        var json = await BlobPipelineTests.DownloadAsync(web, "dashboard.json");
        var history = await BlobPipelineTests.DownloadAsync(stateContainer, TrackerPipeline.HistoryDocument);

        // A week later (so everything would change), storage goes away once the run holds the lock.
        using var failing = Host(s => s.Decorate<ITrackerSource>((inner, _) => new InterceptingSource(inner, azurite.StopAsync)));
        var failure = await Assert.ThrowsAsync<PipelineException>(() => failing.RunAsync(BlobPipelineHost.AsOf.AddDays(7), remind: false));

        Assert.StartsWith("Blob storage: ", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);

        await azurite.StartAsync();
        Assert.Equal(index, await BlobPipelineTests.DownloadAsync(web, "index.html"));
        Assert.Equal(json, await BlobPipelineTests.DownloadAsync(web, "dashboard.json"));
        Assert.Equal(history, await BlobPipelineTests.DownloadAsync(stateContainer, TrackerPipeline.HistoryDocument));
        Assert.Single(HistoryJson.Deserialize(System.Text.Encoding.UTF8.GetBytes(history)).Days);
    }
}
