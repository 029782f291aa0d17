using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Pipeline;

/// <summary>Everything one run worked out: the input to the dashboard, the digests and the history.</summary>
public sealed record RunReport(
    DateOnly AsOf,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<Assessment> Assessments,
    DriftResult Drift,
    ParsedTracker Tracker,
    TrackerHistory History)
{
    public IReadOnlyList<Finding> Findings => Tracker.Findings;

    /// <summary>Every data problem the coordinator is told about (tracker and leads list): one count on the console and in the summary.</summary>
    public IReadOnlyList<Finding> CoordinatorFindings => [.. Tracker.Findings, .. Tracker.LeadsListFindings];

    /// <summary>Signs that the run, though complete, looks wrong (<see cref="RunWarnings"/>).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>
    /// Values the personal-data screen kept off the dashboard. Private: they go to the coordinator's summary and the
    /// console, never to the log (the quote may be the very detail withheld).
    /// </summary>
    public IReadOnlyList<Dashboard.WithheldValue> Withheld { get; init; } = [];

    public LeadDirectory Directory => Tracker.Directory;

    public static RunReport Build(DateOnly asOf, DateTimeOffset generatedAt, ParsedTracker tracker, TrackerHistory history,
        RemindersOptions reminders, DriftOptions driftOptions)
    {
        var baseline = DriftCalculator.ChooseBaseline(history.Days.Select(d => d.AsOf), asOf, driftOptions.WindowDays, history.SnapshotAt);
        var drift = DriftCalculator.Compare(baseline, tracker.Actions);
        var assessments = tracker.Actions
            .Select(a => ActionRules.Assess(a, asOf, reminders, drift.For(a.Number)))
            .ToList();
        return new RunReport(asOf, generatedAt, assessments, drift, tracker, history);
    }

    public Snapshot Snapshot() => global::SaferCity.Core.History.Snapshot.Of(AsOf, GeneratedAt, Tracker.Actions);

    public RagCounts PublicCounts()
    {
        var visible = Assessments.Where(a => !a.Action.Hidden).Select(a => a.Action).ToList();
        var open = visible.Where(a => a.Open).ToList();
        return new RagCounts(open.Count(a => a.Rag == Rag.Red), open.Count(a => a.Rag == Rag.Amber),
            open.Count(a => a.Rag == Rag.Green), visible.Count(a => a.Complete));
    }
}
