using System.Collections.Concurrent;

namespace SaferCity.Integration.Tests.Email;

/// <summary>
/// A clock fixed at <paramref name="now"/> whose timers fire at once, recording what they were asked to wait.
/// The retry waits of the sender are asserted, not slept; the per-attempt HTTP timeout is not a timer of
/// this clock (HttpClient keeps real time), so a hang is still cut off by real time.
/// </summary>
public sealed class InstantDelays(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _delays.Enqueue(dueTime);
        return TimeProvider.System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
