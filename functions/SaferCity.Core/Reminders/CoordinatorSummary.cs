using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>The coordinator's weekly picture: figures, escalations, unrouted actions, drift, data problems, delivery.</summary>
public static class CoordinatorSummary
{
    public const string Key = "coordinator";

    public const string Why =
        "You get this email because you are the partnership's coordinator for this tracker (Reminders__Coordinator). It is sent once a week.";

    public static string Subject(RunReport report) =>
        (report.Tracker.SetupProblems.Count > 0 ? "Set-up problem: " : "") + $"Action plan summary, {DigestRenderer.WeekLabel(report.AsOf)}";

    public static (string Text, string Html) Render(RunReport report, RemindersOptions options, DashboardSummary figures,
        IReadOnlyList<string> deliveryNotes, string? dashboardUrl, IReadOnlyList<string>? leadUpdates = null, string? privacyLine = null,
        string? partnership = null)
    {
        var since = report.Drift.Baseline is { } b ? History.DriftCalculator.Iso(b.AsOf) : null;
        var heading = "Action plan summary";
        var intro = $"{figures.Total} actions: {figures.Complete} complete, {figures.Open} open " +
                    $"({figures.Red} red, {figures.Amber} amber, {figures.Green} green" +
                    (figures.Unrated > 0 ? $", {figures.Unrated} not rated" : "") + "); " +
                    $"{figures.Overdue} overdue, {figures.DueSoon} due soon, {figures.RagMismatch} {RagWords.MismatchCount}.";
        // A problem with the lists themselves (the hide column missing) comes before everything else.
        var setup = report.Tracker.SetupProblems;
        if (setup.Count > 0) intro = $"SET-UP PROBLEM, please fix first: {string.Join(" ", setup)} {intro}";

        var open = report.Assessments.Where(a => a.Action.Open).ToList();
        var sections = new[]
        {
            new DigestRenderer.Section("Overdue", open.Where(a => a.Overdue).ToList(), SectionKind.Overdue),
            new DigestRenderer.Section("Due soon", open.Where(a => a.DueSoon).ToList(), SectionKind.DueSoon),
            new DigestRenderer.Section("Changed since last period", report.Assessments.Where(a => a.Drift.Count > 0).ToList(), SectionKind.Changed),
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
        var stale = open.Where(a => a.Stale).ToList();
        var removed = report.Drift.Removed.Select(id => $"{id} is no longer in the tracker").ToList();
        var dataProblems = report.CoordinatorFindings.Select(f => f.Describe()).ToList();

        var notes = new (string, IReadOnlyList<string>)[]
        {
            ("Set-up problems", setup),
            ("Check this run", [.. report.Warnings, .. report.Withheld.Select(w => w.Describe())]),
            ($"Escalations (overdue by more than {options.EscalateAfterDays} days)", escalations),
            ($"Not updated in {Wording.StalePeriod(report.StaleAfterDays)}: {DigestRenderer.Plural(stale.Count, "action")}, by lead", StaleByLead(stale)),
            ("Actions no lead could be found for", unrouted),
            ("Removed actions", removed),
            ("Data problems in the lists", dataProblems),
            ("Updated by leads", leadUpdates ?? []),
            ("Reminder delivery", deliveryNotes),
        };
        var email = new EmailLayout.Content(heading, report.AsOf, intro, Preheader(figures, escalations.Count, dataProblems.Count, unrouted.Count),
            sections, since, dashboardUrl, Why, Ask: null, AskEmail: null, notes, Links: null)
        {
            PrivacyLine = privacyLine,
            DocumentTitle = EmailLayout.TitleOf("Coordinator\u2019s summary", report.AsOf, partnership),
        };
        return (EmailLayout.Text(email), EmailLayout.Html(email));
    }

    /// <summary>"Licensing: 2 (3.4, 6.1)": one line per lead, in the order their actions come in the tracker.</summary>
    private static List<string> StaleByLead(List<Assessment> stale)
    {
        var byLead = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var a in stale)
        {
            foreach (var lead in a.Action.Leads.DefaultIfEmpty("No lead found"))
            {
                if (!byLead.TryGetValue(lead, out var numbers)) byLead[lead] = numbers = [];
                numbers.Add(a.Action.Number);
            }
        }
        return byLead.Select(kv => $"{kv.Key}: {kv.Value.Count} ({string.Join(", ", kv.Value)})").ToList();
    }

    /// <summary>The inbox preview: "27 open: 2 overdue, 6 due soon, 1 escalation, 2 data problems".</summary>
    public static string Preheader(DashboardSummary figures, int escalations, int dataProblems, int unrouted)
    {
        var parts = new List<string> { $"{figures.Overdue} overdue", $"{figures.DueSoon} due soon" };
        if (escalations > 0) parts.Add(DigestRenderer.Plural(escalations, "escalation"));
        if (unrouted > 0) parts.Add($"{unrouted} with no lead reached");
        if (dataProblems > 0) parts.Add(DigestRenderer.Plural(dataProblems, "data problem"));
        return $"{figures.Open} open: " + string.Join(", ", parts) + ".";
    }
}
