using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// Every email of two sample weeks, made by the real pipeline (the CLI's composition, writing .eml files):
/// the seed tracker as of 16 January 2017, then five weeks on with changes, so drift shows.
/// </summary>
public sealed class SampleEmails : IAsyncLifetime
{
    public const string DashboardUrl = "https://safercity.example.gov.uk/";
    public const string Coordinator = "scp.coordinator@example.gov.uk";

    public static readonly DateOnly FirstWeek = new(2017, 1, 16);
    public static readonly DateOnly LaterWeek = new(2017, 2, 20);

    private string? _dir;

    /// <summary>The .eml files by name ("2017-W03_housing"), both weeks.</summary>
    public IReadOnlyDictionary<string, MimeMessage> Messages { get; private set; } = new Dictionary<string, MimeMessage>();

    public async Task InitializeAsync()
    {
        _dir = SiteGenerator.NewTempDir();
        var leads = SiteGenerator.SampleLeads;
        // One tracker file, edited between the weeks as a partnership edits its own (another file would be another tracker).
        var tracker = Path.Combine(_dir, "tracker.json");
        File.Copy(SiteGenerator.SampleTracker, tracker);
        await RunAsync(tracker, leads, FirstWeek);
        await File.WriteAllTextAsync(tracker, LaterTracker(await File.ReadAllTextAsync(SiteGenerator.SampleTracker)));
        await RunAsync(tracker, leads, LaterWeek);

        var outbox = Path.Combine(_dir, "outbox");
        Messages = Directory.GetFiles(outbox, "*.eml").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => MimeMessage.Load(f));
    }

    /// <summary>The seed five weeks on: one rating worse, one deadline moved later, one completed, one newly Red.</summary>
    internal static string LaterTracker(string json)
    {
        var root = JsonNode.Parse(json)!;
        foreach (var item in root["value"]!.AsArray())
        {
            var fields = item!["fields"]!;
            switch ((string?)fields["Title"])
            {
                case "1.5": fields["RAG"] = "A"; break;                                   // Green → Amber: drifting
                case "6.5": fields["DeliveryDeadline"] = "June 2017"; break;              // slipped
                case "2.5": fields["Comments"] = "Complete – the ARC pilot was agreed"; break; // completed
                case "3.1": fields["RAG"] = "R"; break;                                   // overdue now, and rated Red
                default: continue;
            }
            item["lastModifiedDateTime"] = "2017-02-17T10:00:00Z";
        }
        return root.ToJsonString();
    }

    private async Task RunAsync(string tracker, string leads, DateOnly asOf)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:TrackerFile"] = tracker,
            ["Local:LeadsFile"] = leads,
            ["Local:OutDir"] = _dir,
            ["Reminders:Coordinator"] = Coordinator,
            ["Reminders:CoordinatorName"] = "Sam Patel",
            ["Dashboard:PublicUrl"] = DashboardUrl,
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(asOf.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero)));
        services.AddSaferCity(config);
        await using var provider = services.BuildServiceProvider();
        var outcome = await provider.GetRequiredService<TrackerPipeline>().RunAsync(new RunRequest(asOf), CancellationToken.None);
        Assert.Equal(RunStatus.Completed, outcome.Status);
    }

    public Task DisposeAsync()
    {
        if (_dir is not null) Directory.Delete(_dir, recursive: true);
        return Task.CompletedTask;
    }
}
