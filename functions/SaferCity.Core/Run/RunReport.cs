using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Run;

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
    public IReadOnlyList<WithheldValue> Withheld { get; init; } = [];

    public LeadDirectory Directory => Tracker.Directory;

    /// <summary><see cref="RemindersOptions.StaleAfterDays"/> as the run used it (0: off).</summary>
    public int StaleAfterDays { get; init; }

    /// <param name="reportedOn">
    /// The state digests reported on a day, which stands for that day as a drift baseline (see <see cref="ReportedStates.ReportedOn"/>).
    /// </param>
    public static RunReport Build(DateOnly asOf, DateTimeOffset generatedAt, ParsedTracker tracker, TrackerHistory history,
        RemindersOptions reminders, DriftOptions driftOptions, Func<DateOnly, Snapshot?>? reportedOn = null)
    {
        var baseline = DriftCalculator.ChooseBaseline(history.Days.Select(d => d.AsOf), asOf, driftOptions.WindowDays,
            day => reportedOn?.Invoke(day) ?? history.SnapshotAt(day));
        var drift = DriftCalculator.Compare(baseline, tracker.Actions);
        var assessments = tracker.Actions
            .Select(a => ActionRules.Assess(a, asOf, reminders, drift.For(a.Number)))
            .ToList();
        return new RunReport(asOf, generatedAt, assessments, drift, tracker, history) { StaleAfterDays = reminders.StaleAfterDays };
    }

    /// <param name="audited">When each item was last updated through an update link after the previous snapshot, by item id.</param>
    public Snapshot Snapshot(IReadOnlyDictionary<string, DateTimeOffset>? audited = null) =>
        global::SaferCity.Core.History.Snapshot.Of(AsOf, GeneratedAt, Tracker.Actions, audited);

    /// <summary>
    /// This report with the history that records it, and each action's last update and staleness read from that
    /// history's latest state (one step per action). An action the history does not hold yet (a look back at a day
    /// before it was first seen) is dated by the list's own date.
    /// </summary>
    public RunReport Recorded(TrackerHistory history)
    {
        var assessments = new List<Assessment>(Assessments.Count);
        foreach (var a in Assessments)
        {
            assessments.Add(ActionRules.WithLastUpdate(a, history.UpdatedOn(a.Action.Number, AsOf) ?? Fallback(a.Action.LastModified),
                AsOf, StaleAfterDays));
        }
        return this with { History = history, Assessments = assessments };
    }

    private DateOnly Fallback(DateTimeOffset? modified) =>
        modified is { } m && UkClock.DateOf(m) is var d && d <= AsOf ? d : AsOf;

    /// <summary>Open actions by rating and complete ones, of those shown: one pass, asked for by the history and the page.</summary>
    public RagCounts PublicCounts()
    {
        int red = 0, amber = 0, green = 0, complete = 0;
        foreach (var assessment in Assessments)
        {
            var a = assessment.Action;
            if (a.Hidden) continue;
            if (a.Complete) complete++;
            else if (a.Rag == Rag.Red) red++;
            else if (a.Rag == Rag.Amber) amber++;
            else if (a.Rag == Rag.Green) green++;
        }
        return new RagCounts(red, amber, green, complete);
    }
}
