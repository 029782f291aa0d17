using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Integration.Tests.Graph;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// The hostile corpus (Reliability/hostile-tracker.json: 48 items attacking every field; hostile-leads.json), plus one
/// item with a 200 KB comment, through the real composition from files to a folder site and an outbox. Acting as of
/// 10 March 2017, so the March deadlines are due soon and digests go out with hostile content in them.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    public static readonly DateOnly AsOf = new(2017, 3, 10);
    public const int LongCommentBytes = 200 * 1024;

    private readonly string dir = Directory.CreateTempSubdirectory("safercity-hostile-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    public static string CorpusFile(string name) => Path.Combine(AppContext.BaseDirectory, "Reliability", name);

    /// <summary>The committed corpus with the 200 KB comment item added; written to <paramref name="dir"/>.</summary>
    public static (string Tracker, JsonArray Items) WriteCorpus(string dir)
    {
        var corpus = JsonNode.Parse(File.ReadAllText(CorpusFile("hostile-tracker.json")))!.AsObject();
        var items = corpus["value"]!.AsArray();
        const string chunk = "Very long <b>update</b> <script>alert(1)</script> =SUM(A1) ";
        var comment = string.Concat(Enumerable.Repeat(chunk, LongCommentBytes / chunk.Length + 1))[..LongCommentBytes];
        items.Add(new JsonObject
        {
            ["id"] = "49",
            ["lastModifiedDateTime"] = "2017-01-13T16:30:00Z",
            ["fields"] = new JsonObject
            {
                ["Title"] = "9.49", ["Theme"] = "9. Hostile input", ["KeyAction"] = "An action with a 200 KB comment",
                ["DeliveryDeadline"] = "March 2017", ["LeadService"] = "CST", ["RAG"] = "A", ["Comments"] = comment,
            },
        });
        var path = Path.Combine(dir, "hostile-tracker-plus.json");
        File.WriteAllText(path, corpus.ToJsonString());
        return (path, items);
    }

    /// <summary>One run of the corpus through <c>AddSaferCity</c>, files to folders (as the CLI runs it).</summary>
    internal static async Task<(RunOutcome Outcome, PipelineHarness Run, JsonArray Items)> RunCorpusAsync(string dir)
    {
        var (tracker, items) = WriteCorpus(dir);
        var run = PipelineHarness.Create(new Dictionary<string, string?>
        {
            ["Local:TrackerFile"] = tracker,
            ["Local:LeadsFile"] = CorpusFile("hostile-leads.json"),
            ["Reminders:Coordinator"] = "coordinator@example.org",
        });
        var outcome = await run.Services.GetRequiredService<TrackerPipeline>().RunAsync(new RunRequest(AsOf), CancellationToken.None);
        return (outcome, run, items);
    }

    [Fact]
    public async Task Run_HostileCorpus_CompletesAndEveryItemIsShownHiddenOrReported()
    {
        var (outcome, run, items) = await RunCorpusAsync(dir);
        using var _ = run;

        Assert.Equal(RunStatus.Completed, outcome.Status);
        var dashboard = DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(run.Root, "out", "site", "dashboard.json")))!;
        Assert.Equal(49, items.Count);
        var (shown, hidden, reported) = (0, 0, 0);
        foreach (var item in items)
        {
            var id = item?["id"]?.ToString() ?? "";
            var fields = item?["fields"] as JsonObject;
            var number = fields?["Title"] is JsonValue title ? title.ToString().Trim().TrimEnd('.') : "";
            var isHidden = fields?["HideFromDashboard"]?.ToString() is "true" or "True" or "Yes";
            var isReported = dashboard.DataQuality.Any(f => f.Id == $"[item {id}]" || (f.Problem == "duplicate" && f.Value == $"item {id}"));
            if (isHidden)
            {
                Assert.DoesNotContain(dashboard.Actions, a => a.Id == number);
                hidden++;
            }
            else if (isReported) reported++;
            else
            {
                Assert.True(number.Length > 0 && dashboard.Actions.Any(a => a.Id == number), $"item {id} ({number}) is neither shown nor reported");
                shown++;
            }
        }
        Assert.Equal((43, 2, 4), (shown, hidden, reported)); // reported: 9.20 twice, no number (null, blank), no fields at all
        Assert.Equal(items.Count, shown + hidden + reported);
        // Plain text is kept as typed, whatever its length: the data files carry the 200 KB comment whole,
        // and the page shows its start with a pointer to them.
        Assert.Equal(LongCommentBytes, dashboard.Actions.Single(a => a.Id == "9.49").Comments!.Length);
        var page = await File.ReadAllTextAsync(Path.Combine(run.Root, "out", "site", "index.html"));
        Assert.Contains("… (continues in the CSV and JSON downloads)", page);
        Assert.True(page.Length < LongCommentBytes, $"index.html is {page.Length} characters");
    }

    [Fact]
    public async Task Run_HostileCorpus_PublishedFilesAndDigestsAreInertAndHoldNothingPrivate()
    {
        var (outcome, run, _) = await RunCorpusAsync(dir);
        using var _ = run;
        var site = PublishedFiles.FromFolder(Path.Combine(run.Root, "out", "site"));

        Assert.Equal(["accessibility.html", "actions.csv", "assets/print.css", "assets/site.css", "assets/site.js", "dashboard.json", "index.html"], site.Keys.Order());
        PublishedFiles.AssertNothingPrivate(site);
        var page = PublishedFiles.AssertInertPage(site["index.html"], "assets/site.js");
        Assert.Single(page.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", page.Body!.TextContent); // shown as text, as typed
        Assert.True(PublishedFiles.AssertCsvDefused(site["actions.csv"]) > 42 * 5);
        Assert.Contains("'=HYPERLINK(", System.Text.Encoding.UTF8.GetString(site["actions.csv"]));

        var digests = Directory.GetFiles(Path.Combine(run.Root, "out", "outbox"), "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        Assert.Equal(outcome.Reminders!.Sent.Count, digests.Count);
        Assert.True(digests.Count >= 2, "a lead digest and the coordinator's summary");
        foreach (var digest in digests)
        {
            Assert.False(string.IsNullOrEmpty(digest.TextBody));
            var html = new HtmlParser().ParseDocument(digest.HtmlBody ?? "");
            Assert.Empty(html.QuerySelectorAll("script"));
            PublishedFiles.AssertInertMarkup(html, allowFavicon: false);
        }
    }
}
