using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>The coordinator's summary as it stood when it was sent: the day, and the problems it had told of.</summary>
public sealed record PreviousSummary(DateOnly Sent, IReadOnlyList<string> Problems);

/// <summary>
/// The coordinator's weekly picture, exceptions only: the figures, then in full what is new since the previous summary
/// (escalations, changes, updates by leads, problems in the lists), and the rest of the overdue list as counts per lead.
/// </summary>
public static class CoordinatorSummary
{
    public const string Key = "coordinator";

    public const string Why =
        "You get this email because you are the partnership's coordinator for this tracker (Reminders__Coordinator). It is sent once a week.";

    public static string Subject(RunReport report) =>
        (report.Tracker.SetupProblems.Count > 0 ? "Set-up problem: " : "") + $"Action plan summary, {DigestRenderer.WeekLabel(report.AsOf)}";

    /// <param name="previous">The coordinator's previous summary: what it already told. Null before the first, which tells everything.</param>
    /// <param name="problems">The report's <see cref="ProblemsOf"/> where the caller has them already; found here when null.</param>
    public static (string Text, string Html) Render(RunReport report, RemindersOptions options, DashboardSummary figures,
        IReadOnlyList<string> deliveryNotes, string? dashboardUrl, IReadOnlyList<string>? leadUpdates = null, string? privacyLine = null,
        string? partnership = null, PreviousSummary? previous = null, Problems? problems = null)
    {
        problems ??= ProblemsOf(report);
        var since = report.Drift.Baseline?.AsOf;
        var intro = $"{figures.Total} actions: {figures.Complete} complete, {figures.Open} open " +
                    $"({figures.Red} red, {figures.Amber} amber, {figures.Green} green" +
                    (figures.Unrated > 0 ? $", {figures.Unrated} not rated" : "") + "); " +
                    $"{figures.Overdue} overdue, {figures.DueSoon} due soon, {figures.RagMismatch} {RagWords.MismatchCount}.";
        // A problem with the lists themselves (the hide column missing) comes before everything else.
        var setup = report.Tracker.SetupProblems;
        if (setup.Count > 0) intro = $"SET-UP PROBLEM, please fix first: {string.Join(" ", setup)} {intro}";

        // Exceptions only: what changed is told in full; what is still as it was is counted.
        var sections = new[]
        {
            new DigestRenderer.Section(since is null ? "Changed" : "Changed since the last summary",
                report.Assessments.Where(a => a.Drift.Count > 0).ToList(), SectionKind.Changed),
        };
        var escalated = NewEscalations(report, options, previous);
        var open = report.Assessments.Where(a => a.Action.Open).ToList();
        var stale = open.Where(a => a.Stale).ToList();
        var removed = report.Drift.Removed.Select(id => $"{id} is no longer in the tracker").ToList();
        var known = previous?.Problems.ToHashSet(StringComparer.Ordinal) ?? [];
        var (unrouted, unroutedTold) = NewOnly(problems.Unrouted, known, "action with no lead", "actions with no lead");
        var (findings, findingsTold) = NewOnly(problems.Findings, known, "data problem", "data problems");

        var notes = new (string, IReadOnlyList<string>)[]
        {
            ("Set-up problems", setup),
            ("Check this run", [.. report.Warnings, .. report.Withheld.Select(w => w.Describe())]),
            ($"Escalations (overdue by more than {options.EscalateAfterDays} days)", new LineCollection<Assessment>(escalated, Escalation)),
            ("Other overdue actions, by lead (each one is on the dashboard)", OverdueByLead(open, options, escalated)),
            ($"Not updated in {Wording.StalePeriod(report.StaleAfterDays)}: {DigestRenderer.Plural(stale.Count, "action")}, by lead",
                StaleByLead(stale)),
            ("Actions no lead could be found for", [.. unrouted, .. unroutedTold]),
            ("Removed actions", removed),
            ("Data problems in the lists", [.. findings, .. findingsTold]),
            ("Updated by leads", leadUpdates ?? []),
            ("Reminder delivery", deliveryNotes),
        };
        var email = new EmailLayout.Content("Action plan summary", report.AsOf, intro,
            Preheader(figures, escalated.Count, findings.Count, unrouted.Count),
            sections, since, dashboardUrl, Why, Ask: null, AskEmail: null, notes, Links: null)
        {
            PrivacyLine = privacyLine,
            DocumentTitle = EmailLayout.TitleOf("Coordinator\u2019s summary", report.AsOf, partnership),
        };
        return (EmailLayout.Text(email), EmailLayout.Html(email));
    }

    /// <summary>Escalated since the previous summary (every escalation, before the first), most overdue first.</summary>
    private static List<Assessment> NewEscalations(RunReport report, RemindersOptions options, PreviousSummary? previous) =>
        DigestPlanner.Escalations(report, options)
            .Where(a => previous is null || Milestones.EscalatedOn(a, report.AsOf, options) > previous.Sent).ToList();

    /// <summary>
    /// Lines made as they are read. A note lists its first <see cref="DigestRenderer.MaxPerSection"/> lines and counts the
    /// rest, and at 50,000 actions ten thousand escalations were each written out to be counted.
    /// </summary>
    private sealed class LineCollection<T>(IReadOnlyList<T> items, Func<T, string> line) : IReadOnlyList<string>
    {
        public int Count => items.Count;

        public string this[int index] => line(items[index]);

        public IEnumerator<string> GetEnumerator()
        {
            for (var i = 0; i < items.Count; i++) yield return line(items[i]);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private static string Escalation(Assessment a) =>
        $"{a.Action.Number}: {DigestRenderer.Plural(a.DaysOverdue, "day")} overdue; leads: " +
        (a.Action.Leads.Count > 0 ? string.Join(", ", a.Action.Leads) : "none found");

    /// <summary>
    /// A problem is told in full in the first summary it is in, then counted ("3 data problems unchanged since earlier
    /// summaries"): the new ones, and the count line when some were told before.
    /// </summary>
    private static (List<string> New, List<string> Told) NewOnly(IReadOnlyList<string> all, HashSet<string> known, string one,
        string many)
    {
        var fresh = all.Where(p => !known.Contains(p)).ToList();
        var told = all.Count - fresh.Count;
        return (fresh, told == 0 ? [] : [$"{told} {(told == 1 ? one : many)} unchanged since earlier summaries"]);
    }

    /// <summary>Every problem this summary knows of, as the coordinator reads it: what the next summary counts as already told.</summary>
    public static List<string> CurrentProblems(RunReport report) => ProblemsOf(report).All;

    /// <summary>The problems a summary tells of: the actions no lead can be reached for, and the problems in the lists.</summary>
    public sealed record Problems(IReadOnlyList<string> Unrouted, IReadOnlyList<string> Findings)
    {
        public List<string> All => [.. Unrouted, .. Findings];
    }

    /// <summary>Worked out once for a summary: the reminder step keeps them for the next summary and renders them.</summary>
    public static Problems ProblemsOf(RunReport report) => new(Unrouted(report), Findings(report));

    private static List<string> Unrouted(RunReport report) =>
        DigestPlanner.Unrouted(report)
            .Select(a => $"{a.Action.Number}: " + (a.Action.LeadNames.Count == 0
                ? "no lead named"
                : $"no reachable lead for \"{string.Join("; ", a.Action.LeadNames)}\""))
            .ToList();

    /// <summary>Problems in the lists, except on completed actions: nobody needs to fix the lead of finished work.</summary>
    private static List<string> Findings(RunReport report)
    {
        var complete = report.Assessments.Where(a => !a.Action.Open).Select(a => a.Action.Number).ToHashSet(StringComparer.Ordinal);
        return report.CoordinatorFindings.Where(f => !complete.Contains(f.Id)).Select(f => f.Describe()).ToList();
    }

    /// <summary>"City of London Police: 15 overdue (3 escalated)": one line per lead, every overdue action counted under each of its leads.</summary>
    private static List<string> OverdueByLead(List<Assessment> open, RemindersOptions options, List<Assessment> toldAbove)
    {
        var told = toldAbove.Select(a => a.Action.Number).ToHashSet(StringComparer.Ordinal);
        var byLead = new Dictionary<string, (int Overdue, int Escalated)>(StringComparer.Ordinal);
        foreach (var a in open.Where(a => a.Overdue && !told.Contains(a.Action.Number)))
        {
            foreach (var lead in a.Action.Leads.DefaultIfEmpty("No lead found"))
            {
                var (overdue, escalated) = byLead.GetValueOrDefault(lead);
                byLead[lead] = (overdue + 1, escalated + (a.Escalated(options) ? 1 : 0));
            }
        }
        return byLead.Select(kv => $"{kv.Key}: {kv.Value.Overdue} overdue" + (kv.Value.Escalated > 0 ? $" ({kv.Value.Escalated} escalated)"
            : "")).ToList();
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
