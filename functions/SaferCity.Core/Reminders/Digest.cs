using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>
/// What one lead is told this week, in the order a digest says it: completed (thanked once), changed by someone else,
/// newly overdue, newly due soon, reminders at a milestone (<see cref="Overdue"/>, <see cref="DueSoon"/>,
/// <see cref="NeedsUpdate"/>), still overdue one line each, and the lead's own changes, acknowledged. Each action
/// appears once, in its first group. <see cref="Drifting"/> holds the actions someone else changed.
/// </summary>
public sealed record LeadDigest(
    Lead Lead,
    IReadOnlyList<Assessment> Overdue,
    IReadOnlyList<Assessment> DueSoon,
    IReadOnlyList<Assessment> Drifting)
{
    /// <summary>Stale and nothing else, at a stale milestone: the "Needs an update" group.</summary>
    public IReadOnlyList<Assessment> NeedsUpdate { get; init; } = [];

    /// <summary>Completed since the lead's previous digest: thanked, once.</summary>
    public IReadOnlyList<Assessment> Completed { get; init; } = [];

    public IReadOnlyList<Assessment> NewlyOverdue { get; init; } = [];

    public IReadOnlyList<Assessment> NewlyDueSoon { get; init; } = [];

    /// <summary>Overdue with nothing new and no milestone this week: one line each, whenever a digest goes.</summary>
    public IReadOnlyList<Assessment> StillOverdue { get; init; } = [];

    /// <summary>Changed by the lead itself (through its update link) and nothing else to say: acknowledged, never asked for review.</summary>
    public IReadOnlyList<Assessment> YourChanges { get; init; } = [];

    /// <summary>
    /// The lead has had a digest before, so its milestone reminders are one line each with their links: the facts of each
    /// action were in an earlier digest. A lead's first digest tells every action in full.
    /// </summary>
    public bool Compact { get; init; }

    /// <summary>Per action number: the day it was escalated to the coordinator.</summary>
    public IReadOnlyDictionary<string, DateOnly> Escalated { get; init; } = new Dictionary<string, DateOnly>();

    /// <summary>Per action number: the lead's own change, in words ("You changed the rating to Amber on 17 February 2017").</summary>
    public IReadOnlyDictionary<string, string> Acknowledged { get; init; } = new Dictionary<string, string>();

    /// <summary>Per action number: the milestone this week's digest meets ("overdue 14 days"), with the lead's own settings.</summary>
    public IReadOnlyDictionary<string, string> Milestone { get; init; } = new Dictionary<string, string>();

    /// <summary>Action numbers escalated by this week's summary: said in the subject.</summary>
    public IReadOnlyList<string> EscalatedThisWeek { get; init; } = [];

    /// <summary>A digest goes only when something is new or a milestone is reached; the still-overdue and own-change lines ride along.</summary>
    public bool IsEmpty
        => Completed.Count + Drifting.Count + NewlyOverdue.Count + NewlyDueSoon.Count + Overdue.Count + DueSoon.Count + NeedsUpdate.Count == 0;

    public IEnumerable<Assessment> All =>
        Completed.Concat(Drifting).Concat(NewlyOverdue).Concat(NewlyDueSoon).Concat(Overdue).Concat(DueSoon).Concat(NeedsUpdate)
            .Concat(StillOverdue).Concat(YourChanges);

    public int Count => All.Count();
}

/// <summary>Who gets what: a digest per lead with something new or a milestone reached.</summary>
public static class DigestPlanner
{
    /// <summary>The run as the sample's first digests see it: no previous digest, so everything open is listed in full.</summary>
    public static IReadOnlyList<LeadDigest> ForLeads(RunReport report) => ForLeads(report, new RemindersOptions(), null, []);

    /// <param name="report">The run, with each action's drift counted since the leads' previous digest.</param>
    /// <param name="since">The day of the leads' previous digest; null before their first, when everything open is listed in full.</param>
    /// <param name="audit">Updates applied through update links since then: a lead's own changes are acknowledged, not asked for review.</param>
    /// <param name="inLedger">Leads the week's ledger already holds: their digest is planned whatever is new, so a later run
    /// in the week sends what it owes and reports what went, even once nothing is new since.</param>
    public static IReadOnlyList<LeadDigest> ForLeads(RunReport report, RemindersOptions options, DateOnly? since, IReadOnlyList<OwnUpdate> audit,
        Func<Lead, bool>? inLedger = null)
    {
        // One pass over the actions, not one per lead.
        var byLead = new Dictionary<string, List<Assessment>>(StringComparer.Ordinal);
        foreach (var a in report.Assessments)
        {
            if (!a.Action.Open && !CompletedNow(a)) continue;
            var leads = a.Action.Leads;
            for (var i = 0; i < leads.Count; i++)
            {
                if (!byLead.TryGetValue(leads[i], out var list)) byLead[leads[i]] = list = [];
                list.Add(a);
            }
        }
        var digests = new List<LeadDigest>();
        foreach (var lead in report.Directory.Leads)
        {
            if (!byLead.TryGetValue(lead.Name, out var mine)) continue;
            var own = audit.Where(u => u.LeadKey == lead.Key || (lead.ItemId is { } id && u.LeadKey == id)).ToList();
            var digest = new LeadWeek(report.AsOf, options, since, own).Plan(lead, mine);
            if (!digest.IsEmpty || inLedger?.Invoke(lead) == true) digests.Add(digest);
        }
        return digests;
    }

    // Loops, not Any or foreach over an interface: these are asked of every action, and each allocated an enumerator.
    private static bool CompletedNow(Assessment a)
    {
        for (var i = 0; i < a.Drift.Count; i++)
            if (a.Drift[i].Kind == DriftKind.Completed) return true;
        return false;
    }

    /// <summary>Open actions that reach no lead: no lead named, none matched, or the lead has no address.</summary>
    public static IReadOnlyList<Assessment> Unrouted(RunReport report)
    {
        var reachable = report.Directory.Leads.Where(l => l.Emails.Count > 0).Select(l => l.Name).ToHashSet();
        var unrouted = new List<Assessment>();
        foreach (var a in report.Assessments)
            if (a.Action.Open && !Reaches(a.Action.Leads, reachable)) unrouted.Add(a);
        return unrouted;
    }

    private static bool Reaches(IReadOnlyList<string> leads, HashSet<string> reachable)
    {
        for (var i = 0; i < leads.Count; i++)
            if (reachable.Contains(leads[i])) return true;
        return false;
    }

    public static IReadOnlyList<Assessment> Escalations(RunReport report, RemindersOptions options) =>
        report.Assessments.Where(a => a.Escalated(options)).OrderByDescending(a => a.DaysOverdue).ToList();
}
