using System.Collections.Concurrent;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// A clock that moves only when something waits on it: a one-shot timer moves it on by its due time and fires at
/// once, so a 120 s Retry-After is waited out in no real time, and a throttle that lasts 120 s on the same clock is over
/// afterwards. Repeating timers never fire (as with <see cref="Email.InstantDelays"/>).
/// </summary>
public sealed class MovingClock(DateTimeOffset start) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> delays = new();
    private long ticks = start.UtcTicks;

    /// <summary>Every wait asked of this clock, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => [.. delays];

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan || dueTime == Timeout.InfiniteTimeSpan)
            return System.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        delays.Enqueue(dueTime);
        Interlocked.Add(ref ticks, dueTime.Ticks);
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
