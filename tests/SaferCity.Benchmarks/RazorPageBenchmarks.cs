using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Reading;
using SaferCity.Synthetic;

namespace SaferCity.Benchmarks;

/// <summary>
/// Pages as markup, decided by measurement: the dashboard at its 2,000-row cap written by today's HtmlWriter code
/// (the whole page) against the same rows as a Razor component rendered by <see cref="HtmlRenderer"/> (the tables
/// alone, so the comparison favours Razor). Setup fails unless both write the same rows. docs/performance.md.
/// </summary>
[MemoryDiagnoser]
public partial class RazorPageBenchmarks : IDisposable
{
    private static readonly DateOnly AsOf = new(2017, 1, 16);
    private readonly DashboardOptions options = new();
    private PublicDashboard document = null!;
    private ServiceProvider services = null!;
    private HtmlRenderer renderer = null!;

    [GlobalSetup]
    public void Setup()
    {
        // 2,000 generated actions; the few the parser refuses (a number twice) leave just under the cap, all listed.
        var parsed = new TrackerParser().Parse(ListsOf(SyntheticTracker.Generate(DashboardHtml.MaxRows)));
        var report = RunReport.Build(AsOf, DateTimeOffset.UnixEpoch, parsed, SaferCity.Core.History.TrackerHistory.Empty,
            new SaferCity.Core.Rules.RemindersOptions { Coordinator = "coordinator@example.gov.uk" }, new SaferCity.Core.Rules.DriftOptions());
        document = DashboardBuilder.Public(report);
        // The page's own encoder: every Unicode character as itself, markup characters encoded.
        services = new ServiceCollection()
            .AddSingleton(HtmlEncoder.Create(UnicodeRanges.All))
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .BuildServiceProvider();
        renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);

        var writerRows = Rows().Matches(HtmlWriter()).Select(m => m.Value).ToList();
        var razorRows = Rows().Matches(Razor()).Select(m => m.Value).ToList();
        if (writerRows.Count != document.Actions.Count || !writerRows.SequenceEqual(razorRows))
        {
            var first = writerRows.Zip(razorRows).FirstOrDefault(p => p.First != p.Second);
            throw new InvalidOperationException(
                $"The Razor rows differ from HtmlWriter's ({writerRows.Count} and {razorRows.Count} rows):\n{first.First}\n{first.Second}");
        }
    }

    [GlobalCleanup]
    public void Dispose()
    {
        renderer?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        services?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, Description = "dashboard page, HtmlWriter (whole page)")]
    public string HtmlWriter() => DashboardHtml.Render(document, options, new Dictionary<string, string>());

    [Benchmark(Description = "actions tables, Razor component through HtmlRenderer")]
    public string Razor() =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?> { ["Document"] = document });
            var output = await renderer.RenderComponentAsync<RazorActionsTables>(parameters);
            return output.ToHtmlString();
        }).GetAwaiter().GetResult();

    /// <summary>
    /// `razor [ROUNDS]`: the two renderers in turn, each round's CPU time and allocations per render, printed with the
    /// medians. CPU time is what a machine shared with other work disturbs least (wall time there swings 3x run to run).
    /// </summary>
    public static void CpuTimes(int rounds)
    {
        using var bench = new RazorPageBenchmarks();
        bench.Setup();
        var self = System.Diagnostics.Process.GetCurrentProcess();
        var times = new Dictionary<string, List<double>> { ["HtmlWriter"] = [], ["Razor"] = [] };
        var bytes = new Dictionary<string, long>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var (name, render) in new (string, Func<string>)[] { ("HtmlWriter", bench.HtmlWriter), ("Razor", bench.Razor) })
            {
                self.Refresh();
                var cpu = self.TotalProcessorTime;
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                const int Renders = 5;
                for (var i = 0; i < Renders; i++) render();
                self.Refresh();
                times[name].Add((self.TotalProcessorTime - cpu).TotalMilliseconds / Renders);
                bytes[name] = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / Renders;
            }
        }
        foreach (var (name, list) in times)
        {
            var median = list.Order().ElementAt(list.Count / 2);
            Console.WriteLine($"{name,-12} median {median,7:F1} ms CPU per render ({string.Join(", ", list.Select(t => t.ToString("F0",
                System.Globalization.CultureInfo.InvariantCulture)))}); {bytes[name] / 1_000_000.0:F2} MB allocated per render");
        }
    }

    private static TrackerLists ListsOf(SyntheticTracker.Generated generated) =>
        new(ListItemJson.Parse(generated.TrackerJson), ListItemJson.Parse(generated.LeadsJson));

    [GeneratedRegex("<tr id=\"action-.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Rows();
}
