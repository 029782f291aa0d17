using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>The real composition (<c>AddSaferCity</c>) over a temporary folder, acting as of 16 January 2017.</summary>
internal sealed class PipelineHarness : IDisposable
{
    public static readonly DateOnly AsOf = new(2017, 1, 16);

    private PipelineHarness(string root, ServiceProvider services) => (Root, Services) = (root, services);

    public string Root { get; }

    public ServiceProvider Services { get; }

    /// <summary>Settings that point the composition at the emulator; retries immediate unless Retry-After says otherwise.</summary>
    public static Dictionary<string, string?> GraphSettings(GraphEmulator emulator) => new()
    {
        ["Graph:BaseUrl"] = emulator.BaseUrl,
        ["Graph:RetryDelaySeconds"] = "0",
        ["Graph:TimeoutSeconds"] = "60",
        ["Tracker:SiteUrl"] = GraphEmulator.SiteUrl,
    };

    /// <param name="logs">Where log lines go as well, for tests that read them.</param>
    public static PipelineHarness Create(IDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        var root = Directory.CreateTempSubdirectory("safercity-graph-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Local:OutDir"] = Path.Combine(root, "out"),
                ["Local:StateDir"] = Path.Combine(root, "state"),
                ["Local:SampleDir"] = Path.GetDirectoryName(SampleFiles.Tracker),
            })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection()
            .AddLogging(builder =>
            {
                if (logs is not null) builder.AddProvider(logs);
            })
            .AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero)))
            .AddSaferCity(configuration)
            .BuildServiceProvider();
        services.GetRequiredService<IStartupValidator>().Validate(); // what the host does at start
        return new PipelineHarness(root, services);
    }

    public Task<RunOutcome> RunAsync() =>
        Services.GetRequiredService<TrackerPipeline>().RunAsync(new RunRequest(AsOf), CancellationToken.None);

    /// <summary>Everything a run left behind except the run lock (which exists as soon as a run starts).</summary>
    public IReadOnlyList<string> WrittenFiles() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "run.lock")];

    public void Dispose()
    {
        Services.Dispose();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } // best effort
    }

    /// <summary>The figures of a run of the bundled sample files, the reference every Graph run must match.</summary>
    public static async Task<DashboardSummary> FileRunSummaryAsync()
    {
        using var files = Create(new Dictionary<string, string?> { ["Local:TrackerFile"] = SampleFiles.Tracker, ["Local:LeadsFile"] = SampleFiles.Leads });
        return (await files.RunAsync()).Dashboard!.Summary;
    }
}
