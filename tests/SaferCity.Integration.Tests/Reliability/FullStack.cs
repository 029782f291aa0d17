using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Infrastructure;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// One Azurite on disk for the reliability suite, so a test can stop it mid-run and start it again with its data.
/// The tests of the collection run one after another, which is what makes stopping the shared instance safe.
/// </summary>
public sealed class FullStackFixture : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("safercity-reliability-azurite-").FullName;

    public FullStackFixture() => Azurite = new AzuriteInstance(data);

    public AzuriteInstance Azurite { get; }

    public Task InitializeAsync() => Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class FullStackCollection : ICollectionFixture<FullStackFixture>
{
    public const string Name = "Full stack";
}

/// <summary>
/// The production shape, all on 127.0.0.1: the tracker read through the real Graph SDK from the emulator
/// (Tracker__SiteUrl, Graph__BaseUrl), digests sent by the real SendGrid client to the fake server
/// (SendGrid__ApiKey, SendGrid__Host), site and state in Azurite (Storage__ConnectionString). Each run builds
/// a fresh <c>AddSaferCity</c> container, as a new function invocation would.
/// </summary>
internal sealed class FullStack : IAsyncDisposable
{
    public const string ApiKey = "SG.secret-marker-123";
    public const string Coordinator = "coordinator@example.org";

    private FullStack(AzuriteInstance azurite, GraphEmulator graph, FakeSendGrid sendGrid, string siteContainer)
    {
        Azurite = azurite;
        Graph = graph;
        SendGrid = sendGrid;
        Settings = new Dictionary<string, string?>
        {
            ["Tracker:SiteUrl"] = GraphEmulator.SiteUrl,
            ["Graph:BaseUrl"] = graph.BaseUrl,
            ["Graph:RetryDelaySeconds"] = "0",
            ["Graph:MaxRetries"] = "3",
            ["Graph:TimeoutSeconds"] = "60",
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:Host"] = sendGrid.Url,
            ["SendGrid:From"] = "SaferCity <safercity@example.org>",
            ["SendGrid:MaxAttempts"] = "2",
            ["SendGrid:Timeout"] = "00:00:30",
            ["Storage:ConnectionString"] = azurite.ConnectionString,
            ["Storage:SiteContainer"] = siteContainer,
            ["Storage:StateContainer"] = AzuriteFixture.UniqueContainer("state"),
            ["Reminders:Coordinator"] = Coordinator,
            ["Local:OutDir"] = Root,
        };
    }

    public AzuriteInstance Azurite { get; }

    public GraphEmulator Graph { get; }

    public FakeSendGrid SendGrid { get; }

    /// <summary>Every log line of every run, exceptions included.</summary>
    public InMemoryLogs Logs { get; } = new();

    /// <summary>Configuration as the Functions app reads it ("Section:Key" = the app setting Section__Key); change before a run.</summary>
    public Dictionary<string, string?> Settings { get; }

    public string Root { get; } = Directory.CreateTempSubdirectory("safercity-fullstack-").FullName;

    public BlobContainerClient Site => Azurite.Client().GetBlobContainerClient(Settings["Storage:SiteContainer"]);

    public BlobContainerClient State => Azurite.Client().GetBlobContainerClient(Settings["Storage:StateContainer"]);

    /// <param name="siteContainer">A fresh container unless the test wants "$web" itself.</param>
    public static async Task<FullStack> StartAsync(AzuriteInstance azurite, string? siteContainer = null)
    {
        var graph = await GraphEmulator.StartAsync();
        graph.PageSize = 10; // the 42 sample actions come in 5 pages, so a fault can hit a page after good ones
        var sendGrid = await FakeSendGrid.StartAsync();
        return new FullStack(azurite, graph, sendGrid, siteContainer ?? AzuriteFixture.UniqueContainer("site"));
    }

    /// <summary>
    /// An admin edits the list between runs: action 2.5 (overdue, rated amber) is re-rated red. The day's snapshot then
    /// differs from the last one, so the next run has history to write; the digests due stay the same eight.
    /// </summary>
    public void RerateActionRed(string number = "2.5")
    {
        var item = Graph.FindList(GraphEmulator.TrackerList)!.Items.Single(i => i["fields"]?["Title"]?.GetValue<string>() == number);
        item["fields"]!["RAG"] = "Red";
    }

    /// <summary>One run as of <paramref name="asOf"/> (07:00 UTC that day unless a clock is given).</summary>
    public async Task<RunOutcome> RunAsync(DateOnly asOf, TimeProvider? time = null, Action<IServiceCollection>? replace = null,
        CancellationToken cancellationToken = default)
    {
        await using var provider = Services(time ?? new InstantDelays(new DateTimeOffset(asOf.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero)), replace);
        return await provider.GetRequiredService<TrackerPipeline>().RunAsync(new RunRequest(asOf), cancellationToken);
    }

    /// <summary>
    /// The production composition on the current settings: one worker process. Runs made from the same provider share
    /// its singletons (the run lock, the stores), as two invocations in one Functions worker do.
    /// </summary>
    public ServiceProvider Services(TimeProvider time, Action<IServiceCollection>? replace = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton(time);
        services.AddSaferCity(configuration);
        replace?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The Functions app's reminder timer firing at <paramref name="now"/> (UTC): the real SendReminders function.</summary>
    public async Task TriggerRemindersAsync(DateTimeOffset now)
    {
        var time = new InstantDelays(now);
        await using var provider = Services(time);
        var function = new SaferCity.Functions.SendReminders(provider.GetRequiredService<TrackerPipeline>(), time,
            provider.GetRequiredService<ILogger<SaferCity.Functions.SendReminders>>());
        await function.Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
    }

    /// <summary>Runs expecting the one-line failure; returns it.</summary>
    public async Task<PipelineException> FailingRunAsync(DateOnly asOf, TimeProvider? time = null, Action<IServiceCollection>? replace = null) =>
        await Assert.ThrowsAnyAsync<PipelineException>(() => RunAsync(asOf, time, replace));

    /// <summary>Every blob of the site container, name → content.</summary>
    public Task<Dictionary<string, byte[]>> SiteAsync() => ContentsAsync(Site);

    /// <summary>Every state document (history, published marker, ledgers), the empty run.lock aside.</summary>
    public async Task<Dictionary<string, byte[]>> StateAsync()
    {
        var state = await ContentsAsync(State);
        state.Remove("run.lock");
        return state;
    }

    public async Task<ReminderLedger> LedgerAsync(string week) =>
        ReminderLedger.Deserialize((await State.GetBlobClient(ReminderLedger.DocumentName(week)).DownloadContentAsync()).Value.Content.ToArray());

    /// <summary>How many requests SendGrid accepted per digest id, over every run so far.</summary>
    public Dictionary<string, int> AcceptedPerDigest() =>
        SendGrid.AcceptedRequests.GroupBy(r => r.DigestId).ToDictionary(g => g.Key, g => g.Count());

    internal static async Task<Dictionary<string, byte[]>> ContentsAsync(BlobContainerClient container)
    {
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!await container.ExistsAsync()) return contents;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions()))
            contents[item.Name] = await Storage.BlobPipelineTests.ServedBytesAsync(container.GetBlobClient(item.Name));
        return contents;
    }

    public async ValueTask DisposeAsync()
    {
        await SendGrid.DisposeAsync();
        await Graph.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } // best effort
    }
}
