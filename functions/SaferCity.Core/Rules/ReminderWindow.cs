namespace SaferCity.Core.Rules;

/// <summary>What a reminder trigger at a given moment should do.</summary>
public enum ReminderTrigger
{
    /// <summary>Not the 07:00 UK hour: nothing.</summary>
    None,

    /// <summary>Monday 07:00 UK: the week's digests (its plan is made and sent).</summary>
    Weekly,

    /// <summary>07:00 UK on any other day: only what the week's ledger still owes (see <c>RunRequest.OwedOnly</c>).</summary>
    CatchUp,
}

/// <summary>
/// When the weekly digests go: Monday 07:00 in the UK, and what the week still owes at 07:00 on the days after.
/// Timer schedules are UTC and WEBSITE_TIME_ZONE does not work on Linux, so the function fires at 06:00 and
/// 07:00 UTC every day and this decides which of the two is 07:00 in London (06:00 UTC in summer time, 07:00 UTC
/// in winter).
/// </summary>
public static class ReminderWindow
{
    public static readonly TimeOnly SendAt = new(7, 0);

    /// <summary>True during the UK hour starting Monday 07:00 (a late or retried trigger still counts).</summary>
    public static bool IsDue(DateTimeOffset now) => Classify(now) == ReminderTrigger.Weekly;

    /// <summary>
    /// Monday's 07:00 UK hour sends the week; the same hour on the other days catches up on what a failed Monday
    /// (an outage, a key not yet fixed) left owing, within the same ISO week. Outside that hour: nothing.
    /// </summary>
    public static ReminderTrigger Classify(DateTimeOffset now)
    {
        var uk = TimeZoneInfo.ConvertTime(now, UkClock.London);
        if (uk.Hour != SendAt.Hour) return ReminderTrigger.None;
        return uk.DayOfWeek == DayOfWeek.Monday ? ReminderTrigger.Weekly : ReminderTrigger.CatchUp;
    }
}
