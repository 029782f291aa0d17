using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using MimeKit;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// The hostile corpus (Reliability/hostile-tracker.json: 57 items attacking every field; hostile-leads.json), plus one
/// item with a 200 KB comment, through the real composition from files to a folder site and an outbox. Acting as of
/// 10 March 2017, so the March deadlines are due soon and digests go out with hostile content in them.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    public static readonly DateOnly AsOf = new(2017, 3, 10);
    public const int LongCommentBytes = 200 * 1024;
    private const string LoneSurrogate = "\\ud800";
    private const string LoneSurrogateMarker = "LONE-SURROGATE-ESCAPE";

    private readonly string dir = Directory.CreateTempSubdirectory("safercity-hostile-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    public const string Coordinator = "coordinator@example.org";
    public const string TrackerFileName = "hostile-tracker-plus.json";

    public static string CorpusFile(string name) => Path.Combine(AppContext.BaseDirectory, "Reliability", name);

    /// <summary>What the corpus run in <paramref name="dir"/> must not publish, read from its own input files.</summary>
    public static PrivacyScanner Scanner(string dir) =>
        PrivacyScanner.ForInputs([Path.Combine(dir, TrackerFileName), CorpusFile("hostile-leads.json")], Coordinator);

    /// <summary>The committed corpus with the 200 KB comment item added; written to <paramref name="dir"/>.</summary>
    public static (string Tracker, JsonArray Items) WriteCorpus(string dir)
    {
        // The corpus holds a lone surrogate escape (\ud800), which no JSON writer here would write back: it travels
        // through this edit as a marker and is put back in the file as it was.
        var corpus = JsonNode.Parse(File.ReadAllText(CorpusFile("hostile-tracker.json")).Replace(LoneSurrogate, LoneSurrogateMarker,
            StringComparison.Ordinal))!.AsObject();
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
        var path = Path.Combine(dir, TrackerFileName);
        File.WriteAllText(path, corpus.ToJsonString().Replace(LoneSurrogateMarker, LoneSurrogate, StringComparison.Ordinal));
        return (path, items);
    }

    /// <summary>One run of the corpus through <c>AddSaferCity</c>, files to folders (as the CLI runs it).</summary>
    internal static async Task<(RunOutcome Outcome, TestStack Run, JsonArray Items)> RunCorpusAsync(string dir)
    {
        var (tracker, items) = WriteCorpus(dir);
        var run = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        run.Settings["Local:TrackerFile"] = tracker;
        run.Settings["Local:LeadsFile"] = CorpusFile("hostile-leads.json");
        run.Settings["Reminders:Coordinator"] = Coordinator;
        var outcome = await run.RunAsync(AsOf);
        return (outcome, run, items);
    }

    /// <summary>
    /// Who must get mail, worked out from the input files alone, not from what the run says it sent. Every shown
    /// action in the corpus falls due in March 2017, so on 10 March each lead named by one (by name or alias) and
    /// holding a well-formed address gets one digest, to those addresses; the coordinator gets the summary. One
    /// entry per message, its recipients joined.
    /// </summary>
    private static List<string> ExpectedRecipients()
    {
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var item in JsonNode.Parse(File.ReadAllText(CorpusFile("hostile-tracker.json")))!["value"]!.AsArray())
        {
            if (item?["fields"] is not JsonObject fields || fields["HideFromDashboard"]?.ToString() is "true" or "True" or "Yes") continue;
            var leads = fields["LeadService"] switch
            {
                JsonArray many => many.Select(l => l is JsonObject lookup ? lookup["LookupValue"]?.ToString() : l?.ToString()),
                JsonNode one => [one.ToString()],
                null => [],
            };
            foreach (var lead in leads) named.UnionWith((lead
                ?? "").Split([';', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        var expected = new List<string> { Coordinator };
        foreach (var lead in JsonNode.Parse(File.ReadAllText(CorpusFile("hostile-leads.json")))!["value"]!.AsArray())
        {
            var fields = lead!["fields"]!;
            var names = $"{fields["Title"]};{fields["Aliases"]}".Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var addresses = (fields["Email"]?.ToString() ?? "").Split(';', StringSplitOptions.TrimEntries)
                .Where(a => System.Text.RegularExpressions.Regex.IsMatch(a, @"^[a-z0-9.]+@[a-z0-9.]+\.[a-z]+$")).Order().ToList();
            if (addresses.Count > 0 && names.Any(named.Contains)) expected.Add(string.Join(";", addresses));
        }
        return expected.Order().ToList();
    }

    [Fact]
    public async Task Run_HostileCorpus_CompletesAndEveryItemIsShownHiddenOrReported()
    {
        var (outcome, run, items) = await RunCorpusAsync(dir);
        await using var _ = run;

        Assert.Equal(RunStatus.Completed, outcome.Status);
        var dashboard = DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(run.Root, "out", "site", "dashboard.json")))!;
        Assert.Equal(58, items.Count);
        var (shown, hidden, reported) = (0, 0, 0);
        foreach (var item in items)
        {
            var id = item?["id"]?.ToString() ?? "";
            var fields = item?["fields"] as JsonObject;
            var number = fields?["Title"] is JsonValue title ? title.ToString().Trim().TrimEnd('.') : "";
            // Fails closed: any hide value but an empty one or a plain no hides, under either column name.
            var hideValues = new[] { fields?["HideFromDashboard"], fields?["Hide_x0020_from_x0020_dashboard"] }
                .Where(v => v is not null).Select(v => v!.ToJsonString().Trim('"'));
            var isHidden = hideValues.Any(v => v is not ("false" or "False" or "No" or ""));
            var isReported = dashboard.DataQuality.Any(f => f.Id == $"[item {id}]" || (f.Problem == "duplicate" && f.Value == $"item {id}"));
            if (isHidden)
            {
                // Not shown, and nothing said about it: 9.50 is shown, but from the visible item, not the hidden duplicate.
                var text = fields?["KeyAction"]?.ToString();
                Assert.DoesNotContain(dashboard.Actions, a => a.Text == text && text.StartsWith("SECRET", StringComparison.Ordinal) ||
                                                              a.Id == number && number != "9.50");
                Assert.DoesNotContain(dashboard.DataQuality, f => f.Id == $"[item {id}]" || f.Value == $"item {id}");
                hidden++;
            }
            else if (isReported) reported++;
            else
            {
                Assert.True(number.Length > 0 && dashboard.Actions.Any(a => a.Id == number), $"item {id} ({number}) is neither shown nor reported");
                shown++;
            }
        }
        Assert.Equal((47, 7, 4), (shown, hidden, reported)); // reported: 9.20 twice, no number (null, blank), no fields at all
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
        await using var _ = run;
        Assert.Equal(RunStatus.Completed, outcome.Status);
        var site = PublishedFiles.FromFolder(Path.Combine(run.Root, "out", "site"));

        Assert.Equal(["accessibility.html", "actions.csv", "assets/committee.js", "assets/preview.png", "assets/print.css", "assets/site.css",
            "assets/site.js", "committee.html", "dashboard.json", "feed.xml", "index.html"], site.Keys.Order());
        PublishedFiles.AssertNothingPrivate(site, Scanner(dir));
        var page = PublishedFiles.AssertInertPage(site["index.html"], "assets/site.js");
        Assert.Single(page.QuerySelectorAll("script"));
        Assert.Contains("<script>alert(1)</script>", page.Body!.TextContent); // shown as text, as typed
        Assert.True(PublishedFiles.AssertCsvDefused(site["actions.csv"]) > 42 * 5);
        Assert.Contains("'=HYPERLINK(", System.Text.Encoding.UTF8.GetString(site["actions.csv"]));

        var digests = Directory.GetFiles(Path.Combine(run.Root, "out", "outbox"), "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        var recipients = digests.Select(d => string.Join(";", d.To.Mailboxes.Select(m => m.Address.ToLowerInvariant()).Order())).Order();
        Assert.Equal(ExpectedRecipients(), recipients);
        foreach (var digest in digests)
        {
            Assert.False(string.IsNullOrEmpty(digest.TextBody));
            var html = new HtmlParser().ParseDocument(digest.HtmlBody ?? "");
            Assert.Empty(html.QuerySelectorAll("script"));
            PublishedFiles.AssertInertMarkup(html, allowFavicon: false);
        }
    }

    /// <summary>
    /// The items that once broke a promise: a hidden duplicate and a hidden item without a number (their findings
    /// quoted hidden text), hide values that failed open, a lone surrogate that stopped the run, a bidi override,
    /// and address forms the redactor missed.
    /// </summary>
    [Fact]
    public async Task Run_HostileCorpus_HiddenFindingsUnrecognisedHideValuesBadTextAndAddressFormsHandled()
    {
        var (outcome, run, _) = await RunCorpusAsync(dir);
        await using var _ = run;
        var site = PublishedFiles.FromFolder(Path.Combine(run.Root, "out", "site"));
        var dashboard = DashboardJson.Deserialize(site["dashboard.json"])!;

        Assert.Equal(RunStatus.Completed, outcome.Status);
        // Findings about hidden items reach the coordinator only.
        Assert.DoesNotContain(dashboard.DataQuality, f => f.Id is "9.53" or "9.54" or "9.55" || f.Field == "hideFromDashboard" ||
                                                           f.Value == "item 51" || f.Id == "[item 52]");
        Assert.DoesNotContain(dashboard.DataQuality, f => f.Id == "9.50"); // the visible 9.50 is clean; its hidden twin is not mentioned
        var summary = Directory.GetFiles(Path.Combine(run.Root, "out", "outbox"), "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(a => a.Address == "coordinator@example.org")).TextBody!;
        Assert.Contains("9.50: rag unknown (\"SECRET-HIDDEN-ITEM rag\") [hidden item]", summary, StringComparison.Ordinal);
        Assert.Contains("9.53: hideFromDashboard unrecognised (\"Hidden\") [hidden item]", summary, StringComparison.Ordinal);

        // Half a character is read as U+FFFD and reported; the run went on.
        Assert.Equal("Half a character \uFFFD here", dashboard.Actions.Single(a => a.Id == "9.56").Comments);
        Assert.Contains(dashboard.DataQuality, f => (f.Id, f.Field, f.Problem) == ("9.56", "comments", "invalid characters"));

        Assert.Equal("Invoice fdp.exe attached", dashboard.Actions.Single(a => a.Id == "9.57").Comments);
        Assert.Equal("Right-to-left override and isolates", dashboard.Actions.Single(a => a.Id == "9.18").Text);
        var redacted = PublicText.Redacted;
        Assert.Equal($"Ask {redacted}, {redacted}, {redacted}, {redacted} or {redacted}", dashboard.Actions.Single(a => a.Id == "9.58").Comments);

        foreach (var (name, content) in site)
        {
            var text = System.Text.Encoding.UTF8.GetString(content);
            Assert.False(text.AsSpan().IndexOfAny("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069") >= 0, $"{name} holds a bidi control");
            foreach (var part in new[] { "o'brien", "council.gov.uk", "example.\u0440\u0444", "MACHINE.EXAMPLE", "silly.test", "SECRET-HIDDEN" })
                Assert.False(text.Contains(part, StringComparison.OrdinalIgnoreCase), $"{name} holds {part}");
        }
    }
}
