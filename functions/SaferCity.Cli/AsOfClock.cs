using SaferCity.Core.Rules;

namespace SaferCity.Cli;

/// <summary>
/// The clock of a run dated <c>--as-of</c> another day: it starts at 07:00 UK on that day, when the deployed schedule
/// sends the week's digests, and ticks in real time from there. Emails are dated by it, update links are issued at it,
/// and the "Updated by leads" window is counted back from it. Only the pipeline and the reminders get it: the mail
/// service's rate limits and the storage lease are measured against the real clock.
/// </summary>
internal sealed class AsOfClock(DateOnly asOf) : TimeProvider
{
    private readonly DateTimeOffset _start = UkClock.At(asOf, ReminderWindow.SendAt);
    private readonly long _origin = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => _start.ToUniversalTime() + System.GetElapsedTime(_origin);

    /// <summary>The clock for a run as of <paramref name="asOf"/>: null (the real clock) for today or no date.</summary>
    public static AsOfClock? For(DateOnly? asOf) => asOf is { } day && day != UkClock.Today(System) ? new AsOfClock(day) : null;
}
