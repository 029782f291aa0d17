using System.Collections.Concurrent;

namespace SaferCity.Integration.Tests.Email;

/// <summary>
/// A clock fixed at <paramref name="now"/> whose timers fire at once, recording what they were asked to wait.
/// The retry waits of the sender are asserted, not slept; the per-attempt HTTP timeout is not a timer of
/// this clock (HttpClient keeps real time), so a hang is still cut off by real time. A repeating timer (the run
/// lock's renewal every 20 s) never fires: with a clock that does not move, renewing at once would be meaningless,
/// and the renewal's bound (the lease time left) would then expire at once too. The lock's renewal is tested on its
/// own with a clock the test moves (BlobStateAndLockTests).
/// </summary>
public sealed class InstantDelays(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public IReadOnlyList<TimeSpan> Delays => _delays.ToArray();

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan)
            return TimeProvider.System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _delays.Enqueue(dueTime);
        return TimeProvider.System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
