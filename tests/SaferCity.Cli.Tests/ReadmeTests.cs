using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;

namespace SaferCity.Cli.Tests;

/// <summary>The README promises what a first-time user will see: its commands are run and its figures measured.</summary>
public sealed class ReadmeTests : IDisposable
{
    private const string CliRun = "dotnet run --project functions/SaferCity.Cli -- run";

    private readonly string _dir = Directory.CreateTempSubdirectory("safercity-readme-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task TryIt_EveryCommandPrintsExactlyWhatTheReadmeShows()
    {
        var section = Section("## Try it", "### The CLI");
        var commands = section.Where(l => l.StartsWith(CliRun + " ", StringComparison.Ordinal)).ToList();
        Assert.True(commands.Count >= 2, "the Try it section runs the sample and then shows drift");
        string[] starts = ["DRY RUN", "As of ", "Dashboard", "Digests for "];
        var shown = section.Where(l => starts.Any(s => l.StartsWith(s, StringComparison.Ordinal))).ToList();

        var printed = new List<string>();
        foreach (var command in commands)
        {
            // As typed in the repository root; only the output folder is a temporary one.
            var args = command[(CliRun.Length - "run".Length)..].Split(' ',
                StringSplitOptions.RemoveEmptyEntries).Concat(["--out", Path.Combine(_dir, "out")]);
            var (code, stdout, stderr) = await CliProcess.RunInAsync(RepoRoot, new Dictionary<string, string>(), [.. args]);
            Assert.True(code == 0, $"{command}: {stderr}");
            Assert.Equal("", stderr);
            printed.AddRange(stdout.Replace(_dir, "…", StringComparison.Ordinal).Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0));
        }

        Assert.Equal(shown, printed);
    }

    [Fact]
    public async Task PageBudget_TableFiguresAreTheSampleSitesMeasuredSizes()
    {
        var site = await GenerateSampleSiteAsync();
        var measured = new[] { "index.html", "assets/site.css", "assets/print.css", "assets/site.js", "dashboard.json", "actions.csv" }
            .ToDictionary(f => f, f => new FileInfo(Path.Combine(site, f)).Length);
        var expected = string.Join('\n', measured.Select(kv => $"| {kv.Key} | {kv.Value.ToString("N0", CultureInfo.InvariantCulture)} |")
            .Append($"| **Total** | **{measured.Values.Sum().ToString("N0", CultureInfo.InvariantCulture)}** |"));

        var table = Section("Page budget for the sample", "First contentful paint")
            .Where(l => Regex.IsMatch(l, @"^\| .+ \| \**[\d,]+\** \|$"))
            .ToList();

        // On failure the message is the table to paste into the README.
        Assert.True(expected == string.Join('\n', table), $"The README's page budget differs from the sample site. Measured:\n{expected}");
    }

    /// <summary>The sample site as the dashboard tests build it: as of 16 January 2017, generated at 07:00 UTC that day.</summary>
    private async Task<string> GenerateSampleSiteAsync()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:TrackerFile"] = Path.Combine(AppContext.BaseDirectory, "sample", "tracker.json"),
            ["Local:LeadsFile"] = Path.Combine(AppContext.BaseDirectory, "sample", "leads.json"),
            ["Local:OutDir"] = _dir,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero)));
        services.AddSaferCity(config);
        await using var provider = services.BuildServiceProvider();
        var outcome = await provider.GetRequiredService<TrackerPipeline>()
            .RunAsync(new RunRequest(new DateOnly(2017, 1, 16), Remind: false), CancellationToken.None);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        return Path.Combine(_dir, "site");
    }

    /// <summary>README lines from the one starting with <paramref name="from"/> up to the one starting with <paramref name="to"/>.</summary>
    private static List<string> Section(string from, string to)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, "README.md")).Select(l => l.Trim()).ToList();
        var start = lines.FindIndex(l => l.StartsWith(from, StringComparison.Ordinal));
        var end = lines.FindIndex(start + 1, l => l.StartsWith(to, StringComparison.Ordinal));
        Assert.True(start >= 0 && end > start, $"README sections '{from}' … '{to}' not found");
        return lines[start..end];
    }

    private static string RepoRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "SaferCity.Functions.sln"))) return dir.FullName;
            throw new InvalidOperationException("The repository root (SaferCity.Functions.sln) is not above the test output.");
        }
    }
}
