using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>The coordinator's weekly picture: figures, escalations, unrouted actions, drift, data problems, delivery.</summary>
public static class CoordinatorSummary
{
    public const string Key = "coordinator";

    public const string Footer =
        "You get this email because you are the partnership's coordinator for this tracker (Reminders:Coordinator). It is sent once a week.";

    public static string Subject(RunReport report) =>
        $"Action plan summary, {DigestRenderer.WeekLabel(report.AsOf)}";

    public static (string Text, string Html) Render(RunReport report, RemindersOptions options, DashboardSummary figures,
        IReadOnlyList<string> deliveryNotes, string? dashboardUrl, IReadOnlyList<string>? leadUpdates = null)
    {
        var since = report.Drift.Baseline is { } b ? History.DriftCalculator.Iso(b.AsOf) : null;
        var heading = "Action plan summary";
        var intro = $"{figures.Total} actions: {figures.Complete} complete, {figures.Open} open " +
                    $"({figures.Red} red, {figures.Amber} amber, {figures.Green} green" +
                    (figures.Unrated > 0 ? $", {figures.Unrated} not rated" : "") + "); " +
                    $"{figures.Overdue} overdue, {figures.DueSoon} due soon, {figures.RagMismatch} rated on track but overdue.";

        var open = report.Assessments.Where(a => a.Action.Open).ToList();
        var sections = new[]
        {
            new DigestRenderer.Section("Overdue", open.Where(a => a.Overdue).ToList()),
            new DigestRenderer.Section("Due soon", open.Where(a => a.DueSoon).ToList()),
            new DigestRenderer.Section("Changed since last period", report.Assessments.Where(a => a.Drift.Count > 0).ToList()),
        };

        var escalations = DigestPlanner.Escalations(report, options)
            .Select(a => $"{a.Action.Number}: {DigestRenderer.Plural(a.DaysOverdue, "day")} overdue; leads: " +
                         (a.Action.Leads.Count > 0 ? string.Join(", ", a.Action.Leads) : "none found"))
            .ToList();
        var unrouted = DigestPlanner.Unrouted(report)
            .Select(a => $"{a.Action.Number}: " + (a.Action.LeadNames.Count == 0
                ? "no lead named"
                : $"no reachable lead for \"{string.Join("; ", a.Action.LeadNames)}\""))
            .ToList();
        var removed = report.Drift.Removed.Select(id => $"{id} is no longer in the tracker").ToList();
        var dataProblems = report.Findings.Concat(report.Tracker.LeadsListFindings).Select(f => f.Describe()).ToList();

        var notes = new (string, IReadOnlyList<string>)[]
        {
            ($"Escalations (overdue by more than {options.EscalateAfterDays} days)", escalations),
            ("Actions no lead could be found for", unrouted),
            ("Removed actions", removed),
            ("Data problems in the lists", dataProblems),
            ("Updated by leads", leadUpdates ?? []),
            ("Reminder delivery", deliveryNotes),
        };
        return (DigestRenderer.Text(heading, report.AsOf, intro, sections, since, dashboardUrl, Footer, notes),
                DigestRenderer.Html(heading, report.AsOf, intro, sections, since, dashboardUrl, Footer, notes));
    }
}
