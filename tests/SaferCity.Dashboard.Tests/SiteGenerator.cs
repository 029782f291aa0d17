using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;

namespace SaferCity.Dashboard.Tests;

/// <summary>Generates a dashboard with the real pipeline (the same composition as the CLI), from files, into a temp folder.</summary>
internal static class SiteGenerator
{
    public static readonly DateOnly AsOf = new(2017, 1, 16);

    /// <summary>When the sample run happened: 07:00 UTC on the as-of day, as the timer would.</summary>
    public static readonly DateTimeOffset GeneratedAt = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);

    public static string SampleTracker => Path.Combine(AppContext.BaseDirectory, "sample", "tracker.json");

    public static string SampleLeads => Path.Combine(AppContext.BaseDirectory, "sample", "leads.json");

    /// <summary>Runs the pipeline once; returns the folder holding the published site.</summary>
    public static async Task<string> GenerateAsync(string trackerFile, string leadsFile, string outDir, DateOnly? asOf = null)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:TrackerFile"] = trackerFile,
            ["Local:LeadsFile"] = leadsFile,
            ["Local:OutDir"] = outDir,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        // Registered before AddSaferCity, which only adds the system clock when none is there.
        var day = asOf ?? AsOf;
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(GeneratedAt.AddDays(day.DayNumber - AsOf.DayNumber)));
        services.AddSaferCity(config);
        await using var provider = services.BuildServiceProvider();
        var outcome = await provider.GetRequiredService<TrackerPipeline>().RunAsync(new RunRequest(day), CancellationToken.None);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        return Path.Combine(outDir, "site");
    }

    public static string NewTempDir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "safercity-dashboard-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }
}
