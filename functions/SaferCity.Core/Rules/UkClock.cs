using System.Globalization;

namespace SaferCity.Core.Rules;

/// <summary>
/// UK calendar arithmetic. The cloud runs in UTC (WEBSITE_TIME_ZONE is ignored on Linux),
/// so every "today" and "this week" is computed here, from an injected <see cref="TimeProvider"/>.
/// </summary>
public static class UkClock
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly DateOf(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    public static DateOnly Today(TimeProvider time) => DateOf(time.GetUtcNow());

    /// <summary>The reminder cycle: ISO-8601 week of the UK date, e.g. "2017-W03".</summary>
    public static string IsoWeek(DateOnly day)
    {
        var dt = day.ToDateTime(TimeOnly.MinValue);
        return $"{ISOWeek.GetYear(dt):D4}-W{ISOWeek.GetWeekOfYear(dt):D2}";
    }

    /// <summary>The instant a UK wall-clock time happens on a UK date (handles GMT/BST).</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, London.GetUtcOffset(local));
    }
}
