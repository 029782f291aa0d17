using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace SaferCity.Benchmarks;

/// <summary>
/// `form-load LINK CLIENTS ROUNDS [get]`: the update form served by `safercity serve` under concurrent clients. Each client
/// opens the form (GET) and saves it (POST, the values it was shown with the RAG flipped), ROUNDS times; latencies are
/// reported as p50/p99 per kind. Concurrent saves of one item meet the ETag check, so some POSTs are 409s by design:
/// they are counted apart. Not a test: figures go into docs/performance.md.
/// </summary>
internal static partial class FormLoad
{
    public static async Task RunAsync(string link, int clients, int rounds, bool getOnly = false)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { Timeout = TimeSpan.FromSeconds(60) };
        await http.GetStringAsync(link); // warm up: JIT, first file read
        var gets = new List<double>();
        var posts = new List<double>();
        var statuses = new Dictionary<HttpStatusCode, int>();
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            for (var r = 0; r < rounds; r++)
            {
                var watch = Stopwatch.StartNew();
                var form = await http.GetStringAsync(link);
                var get = watch.Elapsed.TotalMilliseconds;
                if (getOnly)
                {
                    lock (gets) gets.Add(get);
                    continue;
                }
                var values = new Dictionary<string, string>
                {
                    ["item"] = Hidden(form, "item"), ["version"] = Hidden(form, "version"), ["status"] = "open",
                    ["rag"] = (c + r) % 2 == 0 ? "red" : "amber", ["comment"] = $"Load test client {c} round {r}.",
                };
                watch.Restart();
                using var response = await http.PostAsync(link, new FormUrlEncodedContent(values));
                await response.Content.ReadAsStringAsync();
                var post = watch.Elapsed.TotalMilliseconds;
                lock (gets)
                {
                    gets.Add(get);
                    posts.Add(post);
                    statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
                }
            }
        }));
        Console.WriteLine($"{clients} clients x {rounds} rounds in {total.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"GET  n={gets.Count} p50={Percentile(gets, 50):F1} ms p99={Percentile(gets, 99):F1} ms");
        if (getOnly) return;
        Console.WriteLine($"POST n={posts.Count} p50={Percentile(posts, 50):F1} ms p99={Percentile(posts, 99):F1} ms");
        Console.WriteLine("POST outcomes: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}")));
    }

    private static double Percentile(List<double> values, int p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1)];
    }

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(HiddenField().Matches(html).Single(m => m.Groups[1].Value == name).Groups[2].Value);

    [GeneratedRegex("<input type=\"hidden\" name=\"([a-z]+)\" value=\"([^\"]*)\">")]
    private static partial Regex HiddenField();
}
