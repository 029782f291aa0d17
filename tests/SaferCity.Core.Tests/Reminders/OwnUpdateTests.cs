using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>The update audit's stored words, read once into the model's types for the digests that tell a lead its own changes.</summary>
public sealed class OwnUpdateTests
{
    private static readonly DateTimeOffset At = new(2017, 2, 17, 11, 0, 0, TimeSpan.Zero);

    private static AppliedUpdate Record(UpdateFields after) =>
        new(At, "link-1", "licensing", "Licensing", "28", "2.8", new UpdateFields("green", "", "open", "2017-03-31"), after);

    [Fact]
    public void Read_StoredWords_TheModelsTypes()
    {
        var (updates, problems) = OwnUpdate.Read([Record(new UpdateFields("amber", "Venue booked", "open", "2017-04-30"))]);

        var update = Assert.Single(updates);
        Assert.Empty(problems);
        Assert.Equal((true, Rag.Amber), (update.RagChanged, update.Rag));
        Assert.Equal((true, new DateOnly(2017, 4, 30)), (update.DeadlineChanged, update.Deadline));
        Assert.True(update.CommentChanged);
        Assert.Null(update.Completed);
        Assert.Equal(("licensing", "28", "2.8", At), (update.LeadKey, update.ItemId, update.Action, update.At));
    }

    [Theory]
    [InlineData("complete", true)]
    [InlineData("open", null)]
    public void Read_Status_CompletedOnlyWhenItChanged(string status, bool? completed) =>
        Assert.Equal(completed, OwnUpdate.Read([Record(new UpdateFields("green", "", status, "2017-03-31"))]).Updates.Single().Completed);

    [Fact]
    public void Read_UnreadableRatingAndDeadline_LeftOutAndEachNamedOnce()
    {
        var (updates, problems) = OwnUpdate.Read([Record(new UpdateFields("purple", "", "open", "31/04/2017"))]);

        var update = Assert.Single(updates);
        Assert.False(update.RagChanged);
        Assert.False(update.DeadlineChanged);
        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.Contains("action 2.8", StringComparison.Ordinal) && p.Contains("rating", StringComparison.Ordinal)
            && p.Contains("\"purple\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("deadline", StringComparison.Ordinal) && p.Contains("\"31/04/2017\"", StringComparison.Ordinal));
    }

    /// <summary>
    /// A record this version cannot read (a rating word from another version, hand-edited state) does not stop the
    /// reminders: the lead's own change is still acknowledged, without the value, and the coordinator is told.
    /// </summary>
    [Fact]
    public async Task SendAsync_AuditRatingUnreadable_DigestAcknowledgesWithoutItAndSummaryNamesIt()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-02-13");
        var at = new DateTimeOffset(2017, 2, 17, 11, 0, 0, TimeSpan.Zero);
        harness.Time.SetUtcNow(at);
        harness.Edit("2.8", item => Harness.With(item, "RAG", "A"));
        var itemId = harness.Source.Tracker.Single(i => Equals(i["Title"], "2.8")).Id;
        await UpdateAudit.AppendAsync(harness.State, new AppliedUpdate(at, "link-1", "licensing", "Licensing", itemId, "2.8",
            new UpdateFields("green", "", "open", "2017-03-31"), new UpdateFields("purple", "", "open", "2017-03-31")), CancellationToken.None);
        harness.Email.Sent.Clear();

        await harness.RunAsync("2017-02-20");

        var digest = harness.Email.Sent.Single(m => m.DigestId == "2017-W08/licensing");
        Assert.Contains("You changed it on 17 February 2017", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("- 2.8: rating worse", digest.Text, StringComparison.Ordinal);
        var summary = harness.Email.Sent.Single(m => m.DigestId == "2017-W08/coordinator");
        Assert.Contains("\"purple\"", summary.Text, StringComparison.Ordinal);
    }
}
