using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Reminders;
using SaferCity.Core.Updates;
using SaferCity.Core.Rules;
using SaferCity.Synthetic;

namespace SaferCity.Benchmarks;

/// <summary>
/// Each stage of one run, and the whole run in memory, against the floor: deserialising the same
/// Graph JSON with System.Text.Json alone. Target: the whole run within 3x the floor, linear in N.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private static readonly DateOnly AsOf = new(2017, 1, 16);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private readonly RemindersOptions _reminders = new() { Coordinator = "coordinator@example.gov.uk" };
    private readonly DashboardOptions _dashboard = new();

    private byte[] _tracker = [];
    private byte[] _leads = [];
    private TrackerLists _lists = null!;
    private ParsedTracker _parsed = null!;
    private TrackerHistory _history = TrackerHistory.Empty;
    private RunReport _report = null!;
    private PublicDashboard _document = null!;

    internal RunReport Report => _report;

    [Params(50, 5_000, 50_000)]
    public int N { get; set; }

    /// <summary>
    /// The floor and the whole pipeline get the input files alone: the parsed lists, report and model the stage benchmarks
    /// keep would otherwise be live through the pipeline's run, which the product's process never holds, and every
    /// collection the run makes (RunMemory) would copy them too.
    /// </summary>
    [GlobalSetup(Targets = [nameof(Floor), nameof(Pipeline)])]
    public void SetupInput()
    {
        var generated = SyntheticTracker.Generate(N);
        _tracker = generated.TrackerJson;
        _leads = generated.LeadsJson;
    }

    [GlobalSetup]
    public void Setup()
    {
        SetupInput();
        _lists = new TrackerLists(ListItemJson.Parse(_tracker), ListItemJson.Parse(_leads));
        _parsed = new TrackerParser().Parse(_lists);
        // A previous snapshot three weeks back in which one action in twenty was rated differently.
        var previous = Snapshot.Of(AsOf.AddDays(-21), default, _parsed.Actions.Select((a, i) => i % 20 == 0 ? a with { Rag = Rag.Green } : a));
        _history = TrackerHistory.Empty;
        for (var week = HistoryDays - 1; week >= 1; week--)
        {
            var day = AsOf.AddDays(-21 - 7 * week);
            _history = _history.Record(Snapshot.Of(day, default,
                _parsed.Actions.Select((a, i) => i % 10 == week % 10 ? a with { Comments = $"week {week}" } : a)), new RagCounts(0, 0, 0, 0));
        }
        _history = _history.Record(previous, new RagCounts(0, 0, 0, 0));
        _report = RunReport.Build(AsOf, DateTimeOffset.UnixEpoch, _parsed, _history, _reminders, new DriftOptions());
        _document = DashboardBuilder.Public(_report);
    }

    [Benchmark(Baseline = true, Description = "floor: System.Text.Json deserialise")]
    public int Floor() => JsonSerializer.Deserialize<GraphPage>(_tracker, Web)!.Value.Count;

    [Benchmark(Description = "read (JSON to list items)")]
    public int Read() => ListItemJson.Parse(_tracker).Count;

    [Benchmark(Description = "parse (JSON to actions)")]
    public int Parse() => new TrackerParser().Parse(new TrackerLists(ListItemJson.Parse(_tracker), ListItemJson.Parse(_leads))).Actions.Count;

    [Benchmark(Description = "rules")]
    public int Rules() => _parsed.Actions.Count(a => ActionRules.Assess(a, AsOf, _reminders).Overdue);

    [Benchmark(Description = "drift")]
    public int Drift() => DriftCalculator.Compare(_history.Latest(), _parsed.Actions).ByAction.Count;

    /// <summary>
    /// Recording today's snapshot and reading each action's last update back: one step per action, however many days
    /// the history holds (<see cref="HistoryDays"/> sets how many earlier snapshots there are).
    /// </summary>
    [Benchmark(Description = "history record + lastUpdated")]
    public int RecordAndLastUpdated() =>
        _report.Recorded(_history.Record(_report.Snapshot(), new RagCounts(0, 0, 0, 0))).Assessments.Count(a => a.Stale);

    /// <summary>Earlier weekly snapshots in the history, each changing the comment of one action in ten.</summary>
    public int HistoryDays { get; set; } = 1;

    [Benchmark(Description = "dashboard model")]
    public int DashboardModel() => DashboardBuilder.Public(_report).Actions.Count;

    [Benchmark(Description = "dashboard files (JSON, CSV, HTML)")]
    public long Dashboard()
    {
        var site = new MemorySite();
        site.PublishAsync(SiteBuilder.Build(_document, _dashboard, history: _history), CancellationToken.None).GetAwaiter().GetResult();
        return site.Bytes;
    }

    [Benchmark(Description = "digest render")]
    public int Digests()
    {
        var total = 0;
        foreach (var digest in DigestPlanner.ForLeads(_report))
            total += DigestRenderer.Render(digest, AsOf, null, null).Html.Length;
        return total;
    }

    [Benchmark(Description = "whole pipeline (in memory)")]
    public async Task<int> Pipeline()
    {
        var state = new MemoryState();
        var time = TimeProvider.System;
        var reminders = Options.Create(_reminders);
        var dashboard = Options.Create(_dashboard);
        var sender = new NullSender();
        var updates = Options.Create(new UpdatesOptions());
        var service = new ReminderService(state, sender, reminders, dashboard, time, NullLogger<ReminderService>.Instance, updates,
            LinkSigning.Off, new SetupNotice(state, sender, reminders, dashboard, time, NullLogger<SetupNotice>.Instance));
        var pipeline = new TrackerPipeline(new BytesSource(_tracker, _leads), state, new MemorySite(), new FreeLock(), service,
            new TrackerParser(), reminders, Options.Create(new DriftOptions()), dashboard, time, NullLogger<TrackerPipeline>.Instance,
            NoRunPreview.Instance, updates, Options.Create(new StateOptions()), TrackerIdentity.Unstated);
        var outcome = await pipeline.RunAsync(new RunRequest(AsOf), CancellationToken.None);
        return outcome.Summary!.Total;
    }

    public sealed record GraphPage(List<GraphItem> Value);

    public sealed record GraphItem(string Id, DateTimeOffset? LastModifiedDateTime, Dictionary<string, JsonElement> Fields);
}

/// <summary>The floor as a process: read the file and deserialise it with System.Text.Json, nothing else.</summary>
internal static class Floor
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static int Count(string trackerFile) =>
        JsonSerializer.Deserialize<PipelineBenchmarks.GraphPage>(File.ReadAllBytes(trackerFile), Web)!.Value.Count;
}
