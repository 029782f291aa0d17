using System.Diagnostics;
using SaferCity.Core.Dashboard;

namespace SaferCity.Benchmarks;

/// <summary>
/// The `stages` command: each stage of <see cref="PipelineBenchmarks"/> once per round, with the process's CPU time and
/// the bytes allocated beside the wall clock (the CPU time is what a shared machine disturbs least).
/// </summary>
internal static class Stages
{
    public static void Run(int n, int rounds, int historyDays)
    {
        // The floor and the whole pipeline first, with the input files alone in memory, as BenchmarkDotNet runs them
        // (PipelineBenchmarks.SetupInput): with the stage benchmarks' parsed lists, report and model live beside it, every
        // collection the run makes (RunMemory) would go over them too, which the product's process never does.
        var whole = new PipelineBenchmarks { N = n };
        whole.SetupInput();
        for (var round = 0; round < rounds; round++)
        {
            Time("floor", () => whole.Floor());
            Time("pipeline", () => whole.Pipeline().GetAwaiter().GetResult());
        }

        var bench = new PipelineBenchmarks { N = n, HistoryDays = historyDays };
        bench.Setup();
        for (var round = 0; round < rounds; round++)
        {
            Time("read", () => bench.Read());
            Time("parse", () => bench.Parse());
            Time("rules", () => bench.Rules());
            Time("drift", () => bench.Drift());
            Time("history record + lastUpdated", () => bench.RecordAndLastUpdated());
            Time("dashboard model", () => bench.DashboardModel());
            Time("dashboard files", () => bench.Dashboard());
            Time("json only", () => DashboardJson.Hash(DashboardBuilder.Build(bench.Report)).Length);
            Time("digests", () => bench.Digests());
        }
    }

    private static void Time(string name, Func<object> stage)
    {
        using var self = Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var paused = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        stage();
        watch.Stop();
        self.Refresh();
        Console.WriteLine($"{name,-30} {watch.ElapsedMilliseconds,8} ms wall {(self.TotalProcessorTime - cpu).TotalMilliseconds,8:F0} ms cpu " +
                          $"{(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1_000_000,6} MB allocated " +
                          $"{(GC.GetTotalPauseDuration() - paused).TotalMilliseconds,6:F0} ms GC pauses");
    }
}
