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

        Assert.Equal(0, again.Published!.Written);
        Assert.Equal(files, harness.Site.WriteOrder.Count);
        Assert.Equal(writes, harness.State.Writes);
        Assert.False(again.HistoryWritten);
    }

    [Fact]
    public async Task RunAsync_DryRun_PreviewsEverythingRecordsNothing()
    {
        var harness = Harness.ForSample();

        var outcome = await harness.RunAsync("2017-01-16", dryRun: true);

        Assert.Equal(8, harness.Email.Sent.Count); // the preview outbox
        Assert.True(harness.Site.Files.ContainsKey("index.html"));
        Assert.Empty(harness.State.Documents);
        Assert.False(outcome.HistoryWritten);

        await harness.RunAsync("2017-01-16");
        Assert.Equal(16, harness.Email.Sent.Count); // the real run still sends: the dry run marked nothing as sent
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
}
