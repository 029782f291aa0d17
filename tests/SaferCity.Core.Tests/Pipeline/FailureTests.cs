using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>A failed run changes nothing already published or recorded; an unchanged run writes nothing.</summary>
public class FailureTests
{
    [Fact]
    public async Task RunAsync_SourceFails_NothingPublishedSentOrRecorded()
    {
        var harness = Harness.ForSample();
        harness.Source.FailWith = new PipelineException("Graph: reading the tracker failed: 503");

        var e = await Assert.ThrowsAsync<PipelineException>(() => harness.RunAsync("2017-01-16"));

        Assert.Equal("Graph: reading the tracker failed: 503", e.Message);
        Assert.Empty(harness.Site.Files);
        Assert.Empty(harness.Email.Sent);
        Assert.Empty(harness.State.Documents);
    }

    [Fact]
    public async Task RunAsync_HistoryWriteFails_LastGoodStateKeptAndNextRunCatchesUp()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-09");
        var history = harness.State.Documents["history.json"];
        harness.Edit("2.1", item => Harness.With(item, "RAG", "R"));
        harness.State.FailNextWriteOf = "history.json";

        await Assert.ThrowsAsync<IOException>(() => harness.RunAsync("2017-01-16"));

        Assert.Equal(history, harness.State.Documents["history.json"]);
        await harness.RunAsync("2017-01-16");
        Assert.NotEqual(history, harness.State.Documents["history.json"]);
        Assert.Equal(["2017-01-09", "2017-01-16"], harness.PublishedDashboard().Trend.Select(t => t.AsOf));
    }

    [Fact]
    public async Task RunAsync_NothingChanged_WritesNothing()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16");
        var writes = harness.State.Writes;
        var files = harness.Site.WriteOrder.Count;
        harness.Time.Advance(TimeSpan.FromHours(1));

        var again = await harness.Pipeline().RunAsync(new RunRequest(new DateOnly(2017, 1, 16), Remind: false), CancellationToken.None);

        Assert.True(again.Unchanged);
        Assert.Equal(files, harness.Site.WriteOrder.Count);
        Assert.Equal(writes, harness.State.Writes);
        Assert.False(again.HistoryWritten);
    }

    [Fact]
    public async Task RunAsync_DryRun_PreviewsEverythingRecordsNothing()
    {
        var harness = Harness.ForSample();

        var outcome = await harness.RunAsync("2017-01-16", dryRun: true);

        Assert.Equal(RunMode.DryRun, outcome.Mode);
        Assert.Equal(8, harness.Preview.Emails.Sent.Count);
        Assert.True(harness.Preview.Files.Files.ContainsKey("index.html"));
        Assert.Empty(harness.Email.Sent); // nothing through the real sender
        Assert.Empty(harness.Site.Files); // nothing on the real site
        Assert.Empty(harness.State.Documents);
        Assert.False(outcome.HistoryWritten);

        await harness.RunAsync("2017-01-16");
        Assert.Equal(8, harness.Email.Sent.Count); // the real run still sends all: the dry run marked nothing as sent
    }

    [Fact]
    public async Task RunAsync_LookBackBeforeNewestSnapshot_DoesNotRewriteHistory()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16");
        var history = harness.State.Documents["history.json"];
        harness.Edit("2.1", item => Harness.With(item, "RAG", "R"));

        await harness.RunAsync("2017-01-02", remind: false);

        Assert.Equal(history, harness.State.Documents["history.json"]);
    }

    [Fact]
    public async Task RunAsync_LookBackBeforeNewestSnapshot_PublishesAndSendsNothingAndPreviewsInstead()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-02-13");
        var site = harness.Site.Files.ToDictionary(kv => kv.Key, kv => kv.Value.Content.ToArray());
        var sent = harness.Email.Sent.Count;
        var state = harness.State.Documents.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray());

        var outcome = await harness.RunAsync("2017-01-02");

        Assert.Equal(RunMode.LookBack, outcome.Mode);
        Assert.Equal(new DateOnly(2017, 2, 13), outcome.NewestSnapshot);
        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(site.Keys.Order(), harness.Site.Files.Keys.Order());
        Assert.All(site, kv => Assert.Equal(kv.Value, harness.Site.Files[kv.Key].Content.ToArray())); // the live site is untouched
        Assert.Equal(sent, harness.Email.Sent.Count); // week 1's digests were not sent
        Assert.Equal(state.Keys.Order(), harness.State.Documents.Keys.Order()); // no week-1 ledger, no new snapshot
        Assert.All(state, kv => Assert.Equal(kv.Value, harness.State.Documents[kv.Key].ToArray()));
        Assert.Contains("2017-01-02", System.Text.Encoding.UTF8.GetString(harness.Preview.Files.Files["dashboard.json"].Content.Span));
        Assert.NotEmpty(harness.Preview.Emails.Sent); // what it would have sent, in the preview
        Assert.All(harness.Preview.Emails.Sent, m => Assert.StartsWith("2017-W01/", m.DigestId));
    }

    [Fact]
    public async Task RunAsync_SameDayAsNewestSnapshot_IsLiveNotALookBack()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16", remind: false);

        var again = await harness.RunAsync("2017-01-16");

        Assert.Equal(RunMode.Live, again.Mode);
        Assert.Equal(8, harness.Email.Sent.Count);
    }

    [Fact]
    public async Task RunAsync_MailServiceDown_OneLineWithFirstReasonNotEveryFailure()
    {
        var harness = Harness.ForSample();
        foreach (var lead in new[] { "city-of-london-police", "community-safety-team", "coordinator",
                     "department-of-community-and-children-s-services", "housing", "licensing", "london-ambulance-service", "trading-standards" })
            harness.Email.FailDigests.Add($"2017-W03/{lead}");

        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Equal(RunStatus.CompletedWithFailures, outcome.Status);
        Assert.Matches(@"^8 digests could not be sent \([a-z-]+: 550 simulated rejection\); they stay due and go out on the next run\.$",
            outcome.Message);
    }
}
