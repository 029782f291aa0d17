using BenchmarkDotNet.Attributes;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Reading;
using SaferCity.Core.Updates;
using SaferCity.Synthetic;

namespace SaferCity.Benchmarks;

/// <summary>
/// Pages as markup, decided by measurement: the whole dashboard page at its 2,000-row cap, the update form (a
/// conflict, so every question shows its error and the tracker's newer value) and the committee paper of a 50,000-action
/// plan a week on (at its caps), each written by the HtmlWriter code the pages had before (Baseline/) and by the Razor
/// components that replaced it (.razor, rendered by HtmlRenderer). Setup fails unless both write the same bytes.
/// docs/performance.md, "Pages as markup".
/// </summary>
[MemoryDiagnoser]
public class RazorPageBenchmarks
{
    private static readonly DateOnly AsOf = new(2017, 1, 16);
    private static readonly IReadOnlyDictionary<string, string> NoVersions = new Dictionary<string, string>();
    private readonly DashboardOptions options = new();
    private PublicDashboard document = null!;
    private readonly PageContext context = new("Safer City Partnership", "the partnership coordinator",
        "https://example.gov.uk/contact", "contact page", "https://example.gov.uk/scp/");
    private FormModel form = null!;
    private FormError[] errors = null!;
    private PublicDashboard paperDocument = null!;
    private TrackerHistory paperHistory = null!;

    /// <summary>Actions in the committee paper's plan: 50,000 (its caps hold from about 1,000).</summary>
    public int PaperActions { get; set; } = 50_000;

    [GlobalSetup]
    public void Setup()
    {
        // 2,000 generated actions; the few the parser refuses (a number twice) leave just under the cap, all listed.
        var generated = SyntheticTracker.Generate(DashboardHtml.MaxRows);
        var parsed = new TrackerParser().Parse(
            new TrackerLists(ListItemJson.Parse(generated.TrackerJson), ListItemJson.Parse(generated.LeadsJson)));
        var report = RunReport.Build(AsOf, DateTimeOffset.UnixEpoch, parsed, SaferCity.Core.History.TrackerHistory.Empty,
            new SaferCity.Core.Rules.RemindersOptions { Coordinator = "coordinator@example.gov.uk" }, new SaferCity.Core.Rules.DriftOptions());
        document = DashboardBuilder.Public(report);
        var comment = "Progressing \u2013 the \"strategy\" & its <annex> were agreed with partners' support.";
        form = new FormModel("token", "17", "v1", "2.5", "Explore the potential of Alcohol Recovery Centres", "31 December 2016",
            "Amber (at risk)", comment, "Licensing", AsOf.ToDateTime(TimeOnly.MinValue), new UpdateFields(null, comment, "open", null),
            new DateParts("31", "13", "2016"))
        {
            Changed = new Dictionary<string, string> { ["rag"] = "Red (off track)", ["deadline"] = "31 March 2017", ["comment"] = comment },
        };
        errors = [new("rag", "Choose a RAG rating"), new("deadline", "Deadline must be a real date", ["month"]), new("comment", "Too long")];

        Same("dashboard page", DashboardWriter(), DashboardRazor());
        Same("update form", FormWriter(), FormRazor());
        (paperDocument, paperHistory) = TwoWeeks(PaperActions);
        Same("committee paper", PaperWriter(), PaperRazor());
        var (sample, sampleHistory) = TwoWeeks(0);
        Same("committee paper of the sample", Baseline.WriterCommitteePaper.Render(sample, sampleHistory, options, NoVersions),
            CommitteePaper.Render(sample, sampleHistory, options, NoVersions));
    }

    /// <summary>
    /// Two weekly runs, so the paper lists a week's changes: a synthetic plan from another seed, then the plan itself; or,
    /// for 0 actions, the sample tracker a week before and as it is.
    /// </summary>
    private static (PublicDashboard, TrackerHistory) TwoWeeks(int actions)
    {
        var history = TrackerHistory.Empty;
        RunReport report = null!;
        foreach (var (day, seed) in new[] { (AsOf.AddDays(-7), 99), (AsOf, 0) })
        {
            var (tracker, leads) = actions == 0
                ? (File.ReadAllBytes(SampleFile("tracker.json")), File.ReadAllBytes(SampleFile("leads.json")))
                : Generated(actions, seed);
            var parsed = new TrackerParser().Parse(new TrackerLists(ListItemJson.Parse(tracker), ListItemJson.Parse(leads)));
            report = RunReport.Build(day, new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero), parsed, history,
                new SaferCity.Core.Rules.RemindersOptions { Coordinator = "coordinator@example.gov.uk" }, new SaferCity.Core.Rules.DriftOptions());
            history = history.Record(report.Snapshot(), report.PublicCounts());
        }
        return (DashboardBuilder.Public(report with { History = history }), history);
    }

    private static (byte[], byte[]) Generated(int actions, int seed)
    {
        var generated = seed == 0 ? SyntheticTracker.Generate(actions) : SyntheticTracker.Generate(actions, seed: seed);
        return (generated.TrackerJson, generated.LeadsJson);
    }

    private const string Sample = "functions/SaferCity.Cli/sample";

    private static string SampleFile(string name)
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, Sample, name))) return Path.Combine(dir.FullName, Sample, name);
        throw new FileNotFoundException($"{Sample}/{name} not found above the working directory or {AppContext.BaseDirectory}");
    }

    [Benchmark(Baseline = true, Description = "dashboard page (1,995 rows), HtmlWriter")]
    public string DashboardWriter() => Baseline.WriterDashboardHtml.Render(document, options, NoVersions);

    [Benchmark(Description = "dashboard page (1,995 rows), Razor")]
    public string DashboardRazor() => DashboardHtml.Render(document, options, NoVersions);

    [Benchmark(Description = "committee paper (50,000 actions), HtmlWriter")]
    public string PaperWriter() => Baseline.WriterCommitteePaper.Render(paperDocument, paperHistory, options, NoVersions);

    [Benchmark(Description = "committee paper (50,000 actions), Razor")]
    public string PaperRazor() => CommitteePaper.Render(paperDocument, paperHistory, options, NoVersions);

    [Benchmark(Description = "update form, HtmlWriter")]
    public string FormWriter() => Baseline.WriterUpdateForm.Form(context, form, errors, "Someone else changed this action.");

    [Benchmark(Description = "update form, Razor")]
    public string FormRazor() => UpdatePages.Form(context, form, errors, "Someone else changed this action.");

    private static void Same(string page, string writer, string razor)
    {
        if (writer == razor) return;
        var at = writer.Zip(razor).TakeWhile(p => p.First == p.Second).Count();
        throw new InvalidOperationException($"The Razor {page} differs from HtmlWriter's at character {at}.");
    }

    /// <summary>
    /// `razor [ROUNDS]`: each page rendered by both, in turn, round after round, printing the CPU time per render (its
    /// median and minimum over the rounds), allocations, and the median of each round's Razor / HtmlWriter ratio. CPU time
    /// is what a machine shared with other work disturbs least (wall time there swings 3x run to run), and a ratio of
    /// two neighbouring measurements is disturbed less than either.
    /// </summary>
    public static void CpuTimes(int rounds)
    {
        var bench = new RazorPageBenchmarks();
        bench.Setup();
        Console.WriteLine($"Load average at start: {LoadAverage()}");
        Compare("dashboard page", bench.DashboardWriter, bench.DashboardRazor, renders: 5, rounds);
        Compare("update form", bench.FormWriter, bench.FormRazor, renders: 500, rounds);
        Compare("committee paper", bench.PaperWriter, bench.PaperRazor, renders: 5, rounds);
        Console.WriteLine($"Load average at end: {LoadAverage()}");
    }

    private static void Compare(string page, Func<string> writer, Func<string> razor, int renders, int rounds)
    {
        // Warm up first: the first renders run code the JIT has not yet optimised (tiered compilation).
        for (var i = 0; i < renders * 8; i++)
        {
            writer();
            razor();
        }
        var (writerTimes, razorTimes, ratios) = (new List<double>(), new List<double>(), new List<double>());
        var (writerBytes, razorBytes) = (0L, 0L);
        for (var round = 0; round < rounds; round++)
        {
            // Alternate which goes first, so neither is always the one after a collection.
            var (w, wb) = round % 2 == 0 ? Measure(writer, renders) : default;
            var (r, rb) = Measure(razor, renders);
            if (round % 2 == 1) (w, wb) = Measure(writer, renders);
            writerTimes.Add(w);
            razorTimes.Add(r);
            ratios.Add(r / w);
            (writerBytes, razorBytes) = (wb, rb);
        }
        Console.WriteLine($"{page}: CPU per render, median (minimum) over {rounds} rounds of {renders} renders:");
        Console.WriteLine($"  HtmlWriter {Median(writerTimes),9:F0} µs ({writerTimes.Min(),7:F0}); {writerBytes,11:N0} bytes allocated");
        Console.WriteLine($"  Razor      {Median(razorTimes),9:F0} µs ({razorTimes.Min(),7:F0}); {razorBytes,11:N0} bytes allocated");
        Console.WriteLine($"  Razor / HtmlWriter: median of the rounds' ratios {Median(ratios):F2}, " +
                          $"of the medians {Median(razorTimes) / Median(writerTimes):F2}, " +
                          $"of the minimums {razorTimes.Min() / writerTimes.Min():F2}; " +
                          $"allocations {razorBytes / (double)writerBytes:F2}");
    }

    private static (double Microseconds, long Bytes) Measure(Func<string> render, int renders)
    {
        var self = System.Diagnostics.Process.GetCurrentProcess();
        var cpu = self.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < renders; i++) render();
        self.Refresh();
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        return ((self.TotalProcessorTime - cpu).TotalMilliseconds * 1000 / renders, bytes / renders);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
