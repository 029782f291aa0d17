using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Rules;

/// <summary>An action with what the rules say about it on the as-of day.</summary>
public sealed record Assessment(
    TrackerAction Action,
    bool Overdue,
    int DaysOverdue,
    bool DueSoon,
    bool RagMismatch,
    IReadOnlyList<DriftChange> Drift)
{
    public bool Escalated(RemindersOptions options) => Overdue && DaysOverdue > options.EscalateAfterDays;

    /// <summary>Drift a lead must act on: it got worse or it slipped.</summary>
    public IEnumerable<DriftChange> WorseningDrift =>
        Drift.Where(d => d.Kind is DriftKind.RagWorsened or DriftKind.DeadlineSlipped or DriftKind.Reopened);
}

/// <summary>The deadline rules of the brief, for one day.</summary>
public static class ActionRules
{
    public static Assessment Assess(TrackerAction action, DateOnly asOf, RemindersOptions options, IReadOnlyList<DriftChange>? drift = null)
    {
        var overdue = action.Open && action.Deadline < asOf;
        var daysOverdue = overdue ? asOf.DayNumber - action.Deadline!.Value.DayNumber : 0;
        var dueSoon = action.Open && action.Deadline is { } d && d >= asOf && d <= asOf.AddDays(options.DueSoonDays);
        // The rating says "on target" while the deadline has passed.
        var mismatch = overdue && action.Rag != Rag.Red;
        return new Assessment(action, overdue, daysOverdue, dueSoon, mismatch, drift ?? []);
    }
}
