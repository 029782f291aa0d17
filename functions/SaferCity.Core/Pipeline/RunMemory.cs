namespace SaferCity.Core.Pipeline;

/// <summary>
/// A run is a batch whose biggest objects die at known points: the raw list items once they are understood, the public
/// model once it is published. By then they have lived through several collections, so they sit in the oldest
/// generation, which the GC looks at only when that generation's budget runs out; on a machine with memory to spare it
/// left them there and the peak grew by the garbage of every stage (200,000 actions: 1.2–1.3 GB against 500–600 MB
/// live; docs/performance.md, "Where the memory goes"). On a large tracker the run collects at those points itself.
/// </summary>
internal static class RunMemory
{
    /// <summary>Below this many actions a run's garbage is small and a full collection would cost more than it frees.</summary>
    public const int LargeTracker = 20_000;

    /// <summary>Frees what the stage that just ended let go, when the tracker is large.</summary>
    public static void StageEnded(int actions)
    {
        if (actions >= LargeTracker) GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
    }
}
