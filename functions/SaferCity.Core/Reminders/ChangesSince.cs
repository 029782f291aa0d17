using SaferCity.Core.History;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Reminders;

/// <summary>
/// The run as each recipient sees it: its changes counted against the state its previous digest reported
/// (<see cref="ReportedStates"/>), not against the dashboard's drift window. A recipient that has had no digest yet sees
/// the dashboard's drift. Recipients whose previous digests reported the same state share one comparison.
/// </summary>
internal sealed class ChangesSince(RunReport report, ReportedStates reported)
{
    private readonly Dictionary<ReportedPointer, RunReport> _views = [];
    private readonly Dictionary<RunReport, Dictionary<Model.Lead, LeadDigest>> _digests = new(ReferenceEqualityComparer.Instance);

    /// <summary>The report with every action's drift since the recipient's previous digest.</summary>
    public RunReport For(string ledgerKey)
    {
        if (!reported.Last.TryGetValue(ledgerKey, out var pointer)) return report;
        if (_views.TryGetValue(pointer, out var view)) return view;
        var baseline = reported.BaselineFor(ledgerKey);
        var drift = DriftCalculator.Compare(baseline, report.Tracker.Actions);
        view = report with
        {
            Drift = drift,
            Assessments = report.Assessments.Select(a => a with { Drift = drift.For(a.Action.Number) }).ToList(),
        };
        _views[pointer] = view;
        return view;
    }

    /// <summary>
    /// Each lead's digest, in the leads list's order, with the day its changes are counted from: only the leads with
    /// something new or a milestone reached this week (<see cref="LeadWeek"/>). Only the leads <paramref name="plan"/> takes
    /// are planned: no other lead's changes are counted.
    /// </summary>
    public IEnumerable<(LeadDigest Digest, DateOnly? Since)> Digests(Rules.RemindersOptions options, IReadOnlyList<OwnUpdate> audit,
        Func<Model.Lead, bool> inLedger, Func<Model.Lead, bool> plan)
    {
        foreach (var lead in report.Directory.Leads)
        {
            if (!plan(lead)) continue;
            var view = For(ReminderLedger.LeadKey(lead));
            if (!_digests.TryGetValue(view, out var planned))
            {
                // A lead with no digest yet is told everything in full; the others, what is new since their previous one.
                DateOnly? since = ReferenceEquals(view, report) ? null : view.Drift.Baseline?.AsOf;
                var after = since is { } s ? Rules.UkClock.At(s, TimeOnly.MinValue) : DateTimeOffset.MinValue;
                _digests[view] = planned = DigestPlanner.ForLeads(view, options, since, [.. audit.Where(u => u.At >= after)], inLedger)
                    .ToDictionary(d => d.Lead, (IEqualityComparer<Model.Lead>)ReferenceEqualityComparer.Instance);
            }
            if (planned.TryGetValue(lead, out var digest))
                yield return (digest, view.Drift.Baseline?.AsOf);
        }
    }

    /// <summary>The earliest day any recipient's changes are counted from: how far back the update audit is read.</summary>
    public DateOnly? Earliest => reported.Last.Count == 0 ? null : reported.Last.Values.Min(p => p.Sent);
}
