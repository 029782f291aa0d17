using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>
/// What one lead is asked to look at this week. Each action appears once, in its first group; a stale action that is
/// also overdue, due soon or drifting stays in that group and says there that it has had no update.
/// </summary>
public sealed record LeadDigest(
    Lead Lead,
    IReadOnlyList<Assessment> Overdue,
    IReadOnlyList<Assessment> DueSoon,
    IReadOnlyList<Assessment> Drifting)
{
    /// <summary>Stale and nothing else: the "Needs an update" group.</summary>
    public IReadOnlyList<Assessment> NeedsUpdate { get; init; } = [];

    public bool IsEmpty => Count == 0;

    public IEnumerable<Assessment> All => Overdue.Concat(DueSoon).Concat(Drifting).Concat(NeedsUpdate);

    public int Count => Overdue.Count + DueSoon.Count + Drifting.Count + NeedsUpdate.Count;
}

/// <summary>Who gets what: a digest per lead with something to act on.</summary>
public static class DigestPlanner
{
    public static IReadOnlyList<LeadDigest> ForLeads(RunReport report)
    {
        // One pass over the actions, not one per lead.
        var byLead = new Dictionary<string, List<Assessment>>(StringComparer.Ordinal);
        foreach (var a in report.Assessments)
        {
            if (!a.Action.Open) continue;
            foreach (var name in a.Action.Leads)
            {
                if (!byLead.TryGetValue(name, out var list)) byLead[name] = list = [];
                list.Add(a);
            }
        }
        var digests = new List<LeadDigest>();
        foreach (var lead in report.Directory.Leads)
        {
            if (!byLead.TryGetValue(lead.Name, out var mine)) continue;
            var overdue = mine.Where(a => a.Overdue).ToList();
            var dueSoon = mine.Where(a => a.DueSoon).ToList();
            var drifting = mine.Where(a => !a.Overdue && !a.DueSoon && a.WorseningDrift.Any()).ToList();
            var stale = mine.Where(a => a.Stale && !a.Overdue && !a.DueSoon && !a.WorseningDrift.Any()).ToList();
            var digest = new LeadDigest(lead, overdue, dueSoon, drifting) { NeedsUpdate = stale };
            if (!digest.IsEmpty) digests.Add(digest);
        }
        return digests;
    }

    /// <summary>Open actions that reach no lead: no lead named, none matched, or the lead has no address.</summary>
    public static IReadOnlyList<Assessment> Unrouted(RunReport report)
    {
        var reachable = report.Directory.Leads.Where(l => l.Emails.Count > 0).Select(l => l.Name).ToHashSet();
        return report.Assessments.Where(a => a.Action.Open && !a.Action.Leads.Any(reachable.Contains)).ToList();
    }

    public static IReadOnlyList<Assessment> Escalations(RunReport report, RemindersOptions options) =>
        report.Assessments.Where(a => a.Escalated(options)).OrderByDescending(a => a.DaysOverdue).ToList();
}
