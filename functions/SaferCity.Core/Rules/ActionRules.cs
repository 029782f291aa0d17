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
    /// <summary>The UK day of the last change to its comment, rating, deadline or status (from the history).</summary>
    public DateOnly? LastUpdated { get; init; }

    /// <summary>Open and not updated for more than <see cref="RemindersOptions.StaleAfterDays"/>.</summary>
    public bool Stale { get; init; }

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
