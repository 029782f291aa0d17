using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>
/// When a lead is reminded of an action that has nothing new: on the milestone days of its deadline (due soon
/// <see cref="RemindersOptions.DueSoonMilestones"/> before it, overdue <see cref="RemindersOptions.OverdueMilestones"/> after it,
/// then every <see cref="RemindersOptions.RepeatDays"/>), or of its staleness (when first flagged, then every
/// <see cref="RemindersOptions.RepeatDays"/>). Digests are weekly, so a milestone is met by the first weekly digest on or
/// after its day: the Monday of the run's ISO week when that is the day or one of the six after it, so every run in
/// a week (a retry on Thursday) finds the same milestones. Nothing is stored.
/// </summary>
public static class Milestones
{
    private const int Week = 7;

    /// <summary>The milestone this week's digest meets for the action ("overdue 14 days"), or null when none.</summary>
    public static string? Reached(Assessment a, DateOnly asOf, RemindersOptions options)
    {
        asOf = WeekStart(asOf);
        if (!a.Action.Open || a.Action.Deadline is not { } deadline)
            return a.Action.Open ? StaleMilestone(a, asOf, options) : null;
        if (a.Overdue)
        {
            // An overdue action follows the overdue milestones alone: being stale adds a line, not reminders.
            var reached = LastOverdueInWeek(options, a.DaysOverdue, deadline, asOf);
            return reached > 0 ? $"overdue {DigestRenderer.Plural(reached, "day")}" : null;
        }
        if (a.DueSoon)
        {
            foreach (var m in options.DueSoonMilestoneDays)
                if (InWeek(deadline.AddDays(-m), asOf)) return m == 0 ? "due today" : $"due in {DigestRenderer.Plural(m, "day")}";
        }
        return StaleMilestone(a, asOf, options);
    }

    /// <summary>
    /// The day the action was escalated to the coordinator: the first weekly summary on or after the day it passed
    /// <see cref="RemindersOptions.EscalateAfterDays"/> overdue. Null when it is not escalated.
    /// </summary>
    public static DateOnly? EscalatedOn(Assessment a, DateOnly asOf, RemindersOptions options)
    {
        if (!a.Escalated(options) || a.Action.Deadline is not { } deadline) return null;
        var passed = deadline.AddDays(options.EscalateAfterDays + 1);
        var monday = WeekStart(asOf);
        // Passed since this week's Monday (a run later in the week is the first to see it): escalated by this run.
        return passed > monday ? asOf : monday.AddDays(-Week * ((monday.DayNumber - passed.DayNumber) / Week));
    }

    /// <summary>Escalated by this week's summary.</summary>
    public static bool EscalatedThisWeek(Assessment a, DateOnly asOf, RemindersOptions options) =>
        EscalatedOn(a, asOf, options) is { } on && on >= WeekStart(asOf);

    /// <summary>The Monday of the day's ISO week: the day its weekly digests are made.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>
    /// The last overdue milestone up to <paramref name="daysOverdue"/> that falls in the week of <paramref name="asOf"/>, or 0:
    /// the milestones are the configured ones, then every 28 days after the last. A loop, not a sequence, as this is asked
    /// for every overdue action of every digest.
    /// </summary>
    private static int LastOverdueInWeek(RemindersOptions options, int daysOverdue, DateOnly deadline, DateOnly asOf)
    {
        var days = options.OverdueMilestoneDays;
        var reached = 0;
        for (var i = 0; i < days.Count && days[i] <= daysOverdue; i++)
            if (InWeek(deadline.AddDays(days[i]), asOf)) reached = days[i];
        var last = days.Count > 0 ? days[^1] : 0;
        for (var m = last + RemindersOptions.RepeatDays; m <= daysOverdue; m += RemindersOptions.RepeatDays)
            if (InWeek(deadline.AddDays(m), asOf)) reached = m;
        return reached;
    }

    private static string? StaleMilestone(Assessment a, DateOnly asOf, RemindersOptions options)
    {
        if (!a.Stale || a.LastUpdated is not { } updated) return null;
        var flagged = updated.AddDays(options.StaleAfterDays + 1);
        var since = asOf.DayNumber - flagged.DayNumber;
        return since >= 0 && since % RemindersOptions.RepeatDays < Week ? "needs an update" : null;
    }

    private static bool InWeek(DateOnly day, DateOnly asOf) => day <= asOf && day.DayNumber > asOf.DayNumber - Week;
}
