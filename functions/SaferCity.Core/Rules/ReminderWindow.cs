namespace SaferCity.Core.Rules;

/// <summary>
/// When the weekly digests go: Monday 07:00 in the UK. Timer schedules are UTC and WEBSITE_TIME_ZONE
/// does not work on Linux, so the function fires at 06:00 and 07:00 UTC on Mondays and this decides
/// which of the two is 07:00 in London (06:00 UTC in summer time, 07:00 UTC in winter).
/// </summary>
public static class ReminderWindow
{
    public static readonly TimeOnly SendAt = new(7, 0);

    /// <summary>True during the UK hour starting Monday 07:00 (a late or retried trigger still counts).</summary>
    public static bool IsDue(DateTimeOffset now)
    {
        var uk = TimeZoneInfo.ConvertTime(now, UkClock.London);
        return uk.DayOfWeek == DayOfWeek.Monday && uk.Hour == SendAt.Hour;
    }
}
