using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// Turns a run's report into the public document. This is the public boundary:
/// hidden actions go no further, and every value from the list is redacted of email addresses.
/// </summary>
public static class DashboardBuilder
{
    public const int SchemaVersion = 1;

    public static DashboardDocument Build(RunReport report)
    {
        var visible = report.Assessments.Where(a => !a.Action.Hidden).ToList();
        var hidden = report.Assessments.Where(a => a.Action.Hidden).Select(a => a.Action.Number)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var open = visible.Where(a => a.Action.Open).ToList();
        var counts = report.PublicCounts();

        var summary = new DashboardSummary(
            Total: visible.Count,
            Complete: counts.Complete,
            Open: open.Count,
            Overdue: open.Count(a => a.Overdue),
            DueSoon: open.Count(a => a.DueSoon),
            Red: counts.Red,
            Amber: counts.Amber,
            Green: counts.Green,
            RagMismatch: open.Count(a => a.RagMismatch))
        {
            Unrated = open.Count(a => a.Action.Rag is null),
        };

        // Something hidden now must not be announced as "removed" either.
        var removed = report.Drift.Removed
            .Where(id => report.Drift.Baseline?.Actions.FirstOrDefault(a => a.Id == id) is not { Hidden: true })
            .Select(id => new RemovedAction(PublicText.Redact(id)))
            .ToList();

        return new DashboardDocument(
            SchemaVersion,
            DriftCalculator.Iso(report.AsOf),
            report.GeneratedAt,
            summary,
            visible.Select(a => ToAction(a, report.History)).ToList(),
            removed,
            report.Findings.Where(f => !hidden.Contains(f.Id)).Select(ToItem).ToList())
        {
            DriftSince = report.Drift.Baseline is { } b ? DriftCalculator.Iso(b.AsOf) : null,
            Trend = Trend(report),
            Themes = visible.Select(a => PublicText.Redact(a.Action.Theme)).Distinct().ToList(),
        };
    }

    private static DashboardAction ToAction(Assessment a, TrackerHistory history)
    {
        var action = a.Action;
        // Resolved leads by their proper names, then whatever was written that matched no one.
        var leads = action.Leads.Concat(action.LeadNames.Where(n => !action.Leads.Contains(n, StringComparer.OrdinalIgnoreCase)))
            .Select(PublicText.Redact)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new DashboardAction(
            PublicText.Redact(action.Number),
            PublicText.Redact(action.Theme),
            PublicText.Redact(action.Text),
            action.Deadline is { } d ? DriftCalculator.Iso(d) : null,
            leads,
            action.Rag?.ToWord(),
            action.Complete ? "complete" : "open",
            a.Overdue,
            a.DaysOverdue,
            a.DueSoon,
            a.RagMismatch,
            PublicText.Redact(action.Comments),
            a.Drift.Select(c => new DriftItem(c.KindName, c.From, c.To)).ToList())
        {
            History = HistoryOf(action.Number, history),
        };
    }

    private static IReadOnlyList<HistoryPoint> HistoryOf(string id, TrackerHistory history)
    {
        if (!history.Actions.TryGetValue(id, out var entries)) return [];
        return entries.Where(e => !e.Gone && !e.Hidden)
            .Select(e => new HistoryPoint(DriftCalculator.Iso(e.From), e.Rag?.ToWord(),
                e.Deadline is { } d ? DriftCalculator.Iso(d) : null, e.Complete ? "complete" : "open"))
            .ToList();
    }

    private static IReadOnlyList<TrendPoint> Trend(RunReport report)
    {
        var points = report.History.Days.Where(d => d.AsOf < report.AsOf)
            .Select(d => new TrendPoint(DriftCalculator.Iso(d.AsOf), d.Counts.Red, d.Counts.Amber, d.Counts.Green, d.Counts.Complete))
            .ToList();
        var now = report.PublicCounts();
        points.Add(new TrendPoint(DriftCalculator.Iso(report.AsOf), now.Red, now.Amber, now.Green, now.Complete));
        return points;
    }

    private static DataQualityItem ToItem(Finding f) =>
        new(PublicText.Redact(f.Id), f.Field, f.Problem, PublicText.RedactOrNull(f.Value));
}
