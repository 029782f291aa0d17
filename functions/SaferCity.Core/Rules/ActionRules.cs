using SaferCity.Core.Model;

namespace SaferCity.Core.Rules;

/// <summary>The deadline rules of the brief, for one day.</summary>
public static class ActionRules
{
    /// <summary>Overdue by more than <see cref="RemindersOptions.EscalateAfterDays"/>: the coordinator is told.</summary>
    public static bool Escalated(this Assessment a, RemindersOptions options) => a.Overdue && a.DaysOverdue > options.EscalateAfterDays;

    public static Assessment Assess(TrackerAction action, DateOnly asOf, RemindersOptions options, IReadOnlyList<DriftChange>? drift = null)
    {
        var overdue = action.Open && action.Deadline < asOf;
        var daysOverdue = overdue ? asOf.DayNumber - action.Deadline!.Value.DayNumber : 0;
        var dueSoon = action.Open && action.Deadline is { } d && d >= asOf && d <= asOf.AddDays(options.DueSoonDays);
        // The rating says "on target" while the deadline has passed.
        var mismatch = overdue && action.Rag != Rag.Red;
        return new Assessment(action, overdue, daysOverdue, dueSoon, mismatch, drift ?? []);
    }

    /// <summary>
    /// Open, and its last update more than <paramref name="staleAfterDays"/> days before as-of (0: never).
    /// 43 days with the default 42 is stale; 42 is not.
    /// </summary>
    public static bool IsStale(bool open, DateOnly? lastUpdated, DateOnly asOf, int staleAfterDays) =>
        open && staleAfterDays > 0 && lastUpdated is { } d && asOf.DayNumber - d.DayNumber > staleAfterDays;

    /// <summary>The assessment with its last update and whether that makes it stale.</summary>
    public static Assessment WithLastUpdate(Assessment a, DateOnly? lastUpdated, DateOnly asOf, int staleAfterDays) =>
        a with { LastUpdated = lastUpdated, Stale = IsStale(a.Action.Open, lastUpdated, asOf, staleAfterDays) };
}
