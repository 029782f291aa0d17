using BenchmarkDotNet.Running;
using SaferCity.Benchmarks;
using SaferCity.Synthetic;

// `floor FILE`: the floor process of docs/performance.md's scale curve, which only deserialises the tracker JSON.
if (args is ["floor", var trackerFile])
{
    Console.WriteLine(Floor.Count(trackerFile));
    return;
}

// `razor [ROUNDS]`: the Razor page comparison by CPU time (RazorPageBenchmarks).
if (args is ["razor", ..] && args.Length <= 2)
{
    RazorPageBenchmarks.CpuTimes(args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10);
    return;
}

// `generate N DIR [SEED]` writes a synthetic tracker for timing the CLI (another seed: a week in which most actions
// changed, for the committee paper's changes); anything else goes to BenchmarkDotNet.
if (args is ["generate", var count, var folder, ..] && args.Length <= 4)
{
    var seed = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 2017;
    var generated = SyntheticTracker.Generate(int.Parse(count, System.Globalization.CultureInfo.InvariantCulture), seed: seed);
    Directory.CreateDirectory(folder);
    File.WriteAllBytes(Path.Combine(folder, "tracker.json"), generated.TrackerJson);
    File.WriteAllBytes(Path.Combine(folder, "leads.json"), generated.LeadsJson);
    Console.WriteLine($"Wrote {generated.Actions} actions ({generated.TrackerJson.Length:N0} bytes) to {folder}");
    return;
}

// `stages N [ROUNDS] [DAYS]` times each stage once per round: a quick look before a full BenchmarkDotNet run. Besides the
// wall clock it prints the process's CPU time, which a machine shared with other work disturbs far less.
if (args is ["stages", var size, ..] && args.Length <= 4)
{
    var n = int.Parse(size, System.Globalization.CultureInfo.InvariantCulture);
    var repeat = args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2;
    // DAYS: earlier snapshots in the history (default 1), to see that no stage grows with them.
    var days = args.Length == 4 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1;
    Stages.Run(n, repeat, days);
    return;
}

// `form-load LINK CLIENTS ROUNDS` drives a running `safercity serve` (docs/performance.md, "The update form").
if (args is ["form-load", var link, var clients, var rounds, ..] && args.Length <= 5)
{
    await FormLoad.RunAsync(link, int.Parse(clients, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(rounds, System.Globalization.CultureInfo.InvariantCulture), getOnly: args is [.., "get"]);
    return;
}

RunBenchmarks(args);

// A method of its own, so the floor process never loads BenchmarkDotNet.
static void RunBenchmarks(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
