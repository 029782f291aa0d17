using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>Run reports built from the bundled sample (the seed tracker), optionally edited, with or without a week of history.</summary>
internal static class SampleReports
{
    public static readonly DateOnly AsOf = new(2017, 1, 16);

    public static TrackerLists Lists() => new(
        ListItemJson.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "sample", "tracker.json"))),
        ListItemJson.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "sample", "leads.json"))));

    /// <summary>The tracker with one action's fields changed (by action number).</summary>
    public static TrackerLists Edit(TrackerLists lists, string number, params (string Field, object? Value)[] changes) => lists with
    {
        Tracker = lists.Tracker.Select(item =>
        {
            if (item["Title"] as string != number) return item;
            var fields = new Dictionary<string, object?>(item.Fields);
            foreach (var (field, value) in changes) fields[field] = value;
            return item with { Fields = fields };
        }).ToList(),
    };

    public static RunReport Report(TrackerLists? lists = null, DateOnly? asOf = null, TrackerHistory? history = null,
        RemindersOptions? options = null) =>
        RunReport.Build(asOf ?? AsOf, new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero), new TrackerParser().Parse(lists ?? Lists()),
            history ?? TrackerHistory.Empty, options ?? new RemindersOptions(), new DriftOptions());

    /// <summary>A report for <see cref="AsOf"/> compared with a snapshot of <paramref name="before"/> a week earlier.</summary>
    public static RunReport WithWeekOfHistory(TrackerLists before, TrackerLists now)
    {
        var earlier = Report(before, AsOf.AddDays(-7));
        var history = TrackerHistory.Empty.Record(earlier.Snapshot(), earlier.PublicCounts());
        return Report(now, AsOf, history);
    }

    public static DashboardSummary Figures(RunReport report) => DashboardBuilder.Build(report).Summary;
}
