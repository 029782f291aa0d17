using System.Text.Json;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>One digest per lead per ISO week: never twice, never lost.</summary>
public class ReminderLedgerTests
{
    private static ReminderLedger Ledger(Harness harness, string week) =>
        ReminderLedger.Deserialize(harness.State.Documents[ReminderLedger.DocumentName(week)]);

    [Fact]
    public async Task RunAsync_AgainInTheSameWeek_SendsNothing()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16");
        var first = harness.Email.Sent.Count;

        var outcome = await harness.RunAsync("2017-01-19");

        Assert.Equal(8, first);
        Assert.Equal(first, harness.Email.Sent.Count);
        Assert.Equal(8, outcome.Reminders!.AlreadySent.Count);
    }

    [Theory]
    [InlineData("2017-01-15", "2017-01-16", true)]  // Sunday, then Monday: a new ISO week
    [InlineData("2017-01-16", "2017-01-22", false)] // Monday, then Sunday: the same week
    [InlineData("2017-03-26", "2017-03-27", true)]  // across the spring clock change
    [InlineData("2017-10-23", "2017-10-29", false)] // the autumn clock change falls inside the week
    public async Task RunAsync_WeekBoundary_FollowsIsoWeeksOfTheUkDate(string first, string second, bool newCycle)
    {
        var harness = Harness.ForSample();
        // Every action overdue, so each run has digests to send whatever the date.
        for (var i = 0; i < harness.Source.Tracker.Count; i++)
            harness.Source.Tracker[i] = Harness.With(harness.Source.Tracker[i], "DeliveryDeadline", "December 2015");

        await harness.RunAsync(first);
        var firstCount = harness.Email.Sent.Count;
        harness.Email.Sent.Clear();
        await harness.RunAsync(second);

        Assert.True(firstCount > 1);
        Assert.Equal(newCycle ? firstCount : 0, harness.Email.Sent.Count);
    }

    [Fact]
    public async Task RunAsync_SendFailed_NextRunSendsOnlyWhatWasMissed()
    {
        var harness = Harness.ForSample();
        harness.Email.FailDigests.Add("2017-W03/community-safety-team");
        harness.Email.FailDigests.Add("2017-W03/housing");

        var first = await harness.RunAsync("2017-01-16");

        Assert.Equal(RunStatus.CompletedWithFailures, first.Status);
        Assert.Contains("community-safety-team: 550 simulated rejection", first.Message);
        Assert.Equal(DeliveryState.Failed, Ledger(harness, "2017-W03").For("housing")!.State);
        var coordinator = harness.Email.Sent.Single(m => m.DigestId.EndsWith("/coordinator", StringComparison.Ordinal));
        Assert.Contains("Digest for housing could not be sent (550 simulated rejection); the next run will try again.", coordinator.Text);

        harness.Email.FailDigests.Clear();
        harness.Email.Sent.Clear();
        var second = await harness.RunAsync("2017-01-17");

        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Equal(["2017-W03/community-safety-team", "2017-W03/housing"], harness.Email.Sent.Select(m => m.DigestId).Order());
        Assert.Equal(2, Ledger(harness, "2017-W03").For("housing")!.Attempts);
        Assert.Equal(DeliveryState.Sent, Ledger(harness, "2017-W03").For("housing")!.State);
    }

    [Fact]
    public async Task RunAsync_ProcessDiesBetweenSendingAndRecording_NotSentTwiceAndReported()
    {
        var harness = Harness.ForSample();
        harness.Email.CrashAfterSending = "2017-W03/community-safety-team";

        await Assert.ThrowsAsync<ProcessKilledException>(() => harness.RunAsync("2017-01-16"));
        var sentBeforeCrash = harness.Email.Sent.Select(m => m.DigestId).ToList();
        Assert.Equal(DeliveryState.Sending, Ledger(harness, "2017-W03").For("community-safety-team")!.State);

        harness.Email.CrashAfterSending = null;
        harness.Email.Sent.Clear();
        var next = await harness.RunAsync("2017-01-16");

        var resent = harness.Email.Sent.Select(m => m.DigestId).ToList();
        Assert.Empty(resent.Intersect(sentBeforeCrash)); // nothing twice
        Assert.Equal(8, sentBeforeCrash.Count + resent.Count); // nothing lost
        Assert.Equal(["community-safety-team"], next.Reminders!.Unconfirmed);
        Assert.Contains("Digest for community-safety-team may not have gone out", harness.Email.Sent.Single(m => m.DigestId.EndsWith("/coordinator", StringComparison.Ordinal)).Text);
    }

    [Fact]
    public async Task RunAsync_LedgerChangedByAnotherRun_StopsBeforeSendingWithoutOverwriting()
    {
        var harness = Harness.ForSample();
        var name = ReminderLedger.DocumentName("2017-W03");
        var theirs = ReminderLedger.Empty("2017-W03").Serialize();
        // Another run records its ledger between our read and our first write.
        harness.State.BeforeWrite = document =>
        {
            if (document == name && !harness.State.Documents.ContainsKey(name)) harness.State.Documents[name] = theirs;
        };

        await Assert.ThrowsAsync<StateConflictException>(() => harness.RunAsync("2017-01-16"));

        Assert.Empty(harness.Email.Sent);
        Assert.Equal(theirs, harness.State.Documents[name]);
        Assert.False(harness.State.Documents.ContainsKey("history.json"));
    }

    [Fact]
    public async Task RunAsync_Sample_LedgerRecordsEachDigestsActions()
    {
        var harness = Harness.ForSample();

        await harness.RunAsync("2017-01-16");

        var ledger = Ledger(harness, "2017-W03");
        Assert.Equal(["4.2", "2.7"], ledger.For("licensing")!.Actions);
        Assert.Equal(DeliveryState.Sent, ledger.For("licensing")!.State);
        Assert.Empty(ledger.For("coordinator")!.Actions);
    }

    [Fact]
    public void Ledger_RoundTrip_KeepsStates()
    {
        var ledger = ReminderLedger.Empty("2017-W03")
            .With("a", new LedgerEntry(DeliveryState.Sent, 1, DateTimeOffset.UnixEpoch, ["1.1"], DateTimeOffset.UnixEpoch, "m1"))
            .With("b", new LedgerEntry(DeliveryState.Failed, 2, DateTimeOffset.UnixEpoch, ["1.2"], Error: "boom"));

        var back = ReminderLedger.Deserialize(ledger.Serialize());

        Assert.Equal(ledger.Entries["a"], back.Entries["a"] with { Actions = ledger.Entries["a"].Actions });
        Assert.Equal(["1.1"], back.Entries["a"].Actions);
        Assert.Equal(DeliveryState.Failed, back.Entries["b"].State);
        Assert.Contains("\"failed\"", JsonDocument.Parse(ledger.Serialize()).RootElement.GetRawText());
    }
}
