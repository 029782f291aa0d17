namespace SaferCity.Core.Pipeline;

/// <summary>
/// A run is a batch whose biggest objects die at known points: the raw list items once they are understood, the public
/// model once it is published. By then they have lived through several collections, so they sit in the oldest
/// generation, which the GC looks at only when that generation's budget runs out; on a machine with memory to spare it
/// left them there and the peak grew by the garbage of every stage (200,000 actions: 1.2–1.3 GB against 500–600 MB
/// live; docs/performance.md, "Where the memory goes"). On a large tracker the run collects at those points itself.
/// </summary>
/// <remarks>
/// Blocking and compacting, because the cheaper forms measured do not keep the budgets (peak RSS of the CLI's first run,
/// 300 MB target at 50,000 actions, 800 MiB at 200,000): not compacting (empty regions are still released) left the
/// same peak at 50,000 (291–297 MB) for about a fifth less collection time, but at 200,000 the survivors left scattered
/// kept 848 MB committed (compacting: 731–813 MB); GCCollectionMode.Optimized, which may decline to collect, 307 MB at
/// 50,000; no forced collection, 354 MB, or 313 MB with System.GC.ConserveMemory. Each of the three collections of a
/// first run lowers that peak: leaving out the one after reading costs 14 MB, after publishing 35 MB, after the
/// digests 11 MB. The one after recording only runs when the stored history was rewritten (a later day's run).
/// </remarks>
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
