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

        // A new week sends its summary; the leads, told everything the week before, hear again only at a milestone.
        Assert.True(firstCount > 1);
        Assert.Equal(newCycle ? 1 : 0, harness.Email.Sent.Count(m => m.Tags["kind"] == "coordinator"));
        if (!newCycle) Assert.Empty(harness.Email.Sent);
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
        Assert.Equal(DeliveryState.Failed, Ledger(harness, "2017-W03").ForDigest("housing")!.State);
        var coordinator = harness.Email.Sent.Single(m => m.DigestId.EndsWith("/coordinator", StringComparison.Ordinal));
        Assert.Contains("Digest for housing could not be sent (550 simulated rejection); the next run will try again.", coordinator.Text);

        harness.Email.FailDigests.Clear();
        harness.Email.Sent.Clear();
        var second = await harness.RunAsync("2017-01-17");

        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Equal(["2017-W03/community-safety-team", "2017-W03/housing"], harness.Email.Sent.Select(m => m.DigestId).Order());
        Assert.Equal(2, Ledger(harness, "2017-W03").ForDigest("housing")!.Attempts);
        Assert.Equal(DeliveryState.Sent, Ledger(harness, "2017-W03").ForDigest("housing")!.State);
    }

    [Fact]
    public async Task RunAsync_ProcessDiesBetweenSendingAndRecording_NotSentTwiceAndReported()
    {
        var harness = Harness.ForSample();
        harness.Email.CrashAfterSending = "2017-W03/community-safety-team";

        await Assert.ThrowsAsync<ProcessKilledException>(() => harness.RunAsync("2017-01-16"));
        var sentBeforeCrash = harness.Email.Sent.Select(m => m.DigestId).ToList();
        Assert.Equal(DeliveryState.Sending, Ledger(harness, "2017-W03").ForDigest("community-safety-team")!.State);

        harness.Email.CrashAfterSending = null;
        harness.Email.Sent.Clear();
        var next = await harness.RunAsync("2017-01-16");

        var resent = harness.Email.Sent.Select(m => m.DigestId).ToList();
        Assert.Empty(resent.Intersect(sentBeforeCrash)); // nothing twice
        Assert.Equal(8, sentBeforeCrash.Count + resent.Count); // nothing lost
        Assert.Equal(["community-safety-team"], next.Reminders!.Unconfirmed);
        Assert.Contains("Digest for community-safety-team may not have gone out",
            harness.Email.Sent.Single(m => m.DigestId.EndsWith("/coordinator", StringComparison.Ordinal)).Text);
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
        Assert.Equal(["4.2", "2.7"], ledger.ForDigest("licensing")!.Actions);
        Assert.Equal(DeliveryState.Sent, ledger.ForDigest("licensing")!.State);
        Assert.Empty(ledger.ForDigest("coordinator")!.Actions);
    }

    // Keys (issue: a lead named "Coordinator" took the summary's place; a renamed lead got its digest again).

    [Fact]
    public async Task RunAsync_LeadNamedCoordinator_LeadAndSummaryEachSentOnce()
    {
        var harness = Harness.ForSample();
        // was Community Safety Team, still reached by its aliases
        harness.Source.Leads[0] = Harness.With(harness.Source.Leads[0], "Title", "Coordinator");

        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Equal(8, outcome.Reminders!.Sent.Count);
        Assert.Single(harness.Email.Sent, m => m.DigestId == "2017-W03/lead-coordinator"); // never the summary's id
        Assert.StartsWith("Action plan summary", harness.Email.Sent.Single(m => m.DigestId == "2017-W03/coordinator").Subject);
        var ledger = Ledger(harness, "2017-W03");
        Assert.Equal(DeliveryState.Sent, ledger.For(ReminderLedger.SummaryKey)!.State);
        Assert.Equal(DeliveryState.Sent, ledger.For("lead/1")!.State);
    }

    [Fact]
    public async Task RunAsync_LeadRenamedMidWeek_NotSentAgain()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16");
        harness.Email.Sent.Clear();
        harness.Source.Leads[0] = Harness.With(harness.Source.Leads[0], "Title", "Community Safety Partnership Team");

        var outcome = await harness.RunAsync("2017-01-18");

        Assert.Empty(harness.Email.Sent);
        Assert.Equal(8, outcome.Reminders!.AlreadySent.Count);
    }

    [Fact]
    public async Task RunAsync_LedgerWithEarlierKeys_MigratedAndNothingSentAgain()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16");
        harness.Email.Sent.Clear();
        var name = ReminderLedger.DocumentName("2017-W03");
        // The same week as an earlier version wrote it: keyed by name slug and "coordinator", no digest names.
        var current = Ledger(harness, "2017-W03");
        var old = new ReminderLedger("2017-W03", current.Entries.Values.ToDictionary(e => e.Digest!, e => e with { Digest = null }));
        harness.State.Documents[name] = old.Serialize();

        var outcome = await harness.RunAsync("2017-01-18");

        Assert.Empty(harness.Email.Sent);
        Assert.Equal(8, outcome.Reminders!.AlreadySent.Count);
        Assert.Contains("community-safety-team", old.Entries.Keys);
        Assert.Contains("coordinator", old.Entries.Keys);
    }

    [Fact]
    public void Migrate_LegacyCoordinatorKeyWithALeadOfThatName_BothCountAsSent()
    {
        var sent = new LedgerEntry(DeliveryState.Sent, 1, DateTimeOffset.UnixEpoch, ["1.1"]);
        var old = ReminderLedger.Empty("2017-W03").With("coordinator", sent).With("housing", sent).With("gone", sent);
        var leads = new[] { new Model.Lead("Coordinator", [], ["c@example.org"], "7"), new Model.Lead("Housing", [], ["h@example.org"]) };

        var migrated = old.Migrate(leads);

        Assert.Equal(["gone", "lead/7", "lead/housing", "summary"], migrated.Entries.Keys.Order(StringComparer.Ordinal));
    }

    // A later trigger in the week sends only what the week's ledger owes.

    [Fact]
    public async Task RunAsync_OwedOnlyAfterANormalMonday_SendsNothingEvenToANewlyDueLead()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16");
        harness.Email.Sent.Clear();
        // Mid-week every action falls overdue: a full run would now send more digests than Monday's plan.
        for (var i = 0; i < harness.Source.Tracker.Count; i++)
            harness.Source.Tracker[i] = Harness.With(harness.Source.Tracker[i], "DeliveryDeadline", "December 2015");

        var outcome = await harness.RunAsync("2017-01-17", owedOnly: true);

        Assert.Empty(harness.Email.Sent);
        Assert.Equal(8, outcome.Reminders!.AlreadySent.Count);
    }

    [Fact]
    public async Task RunAsync_OwedOnlyAfterAFailedMonday_SendsTheWholeWeekOnce()
    {
        var harness = Harness.ForSample();
        harness.Source.FailWith = new PipelineException("Graph: reading items failed: 503");
        await Assert.ThrowsAsync<PipelineException>(() => harness.RunAsync("2017-01-16"));
        harness.Source.FailWith = null;

        var tuesday = await harness.RunAsync("2017-01-17", owedOnly: true);
        var wednesday = await harness.RunAsync("2017-01-18", owedOnly: true);

        Assert.Equal(8, tuesday.Reminders!.Sent.Count);
        Assert.Empty(wednesday.Reminders!.Sent);
        Assert.Equal(8, harness.Email.Sent.Select(m => m.DigestId).Distinct().Count());
        Assert.Equal(8, harness.Email.Sent.Count);
    }

    [Fact]
    public async Task RunAsync_OwedOnlyAfterAPartlyFailedMonday_SendsOnlyTheFailedOnes()
    {
        var harness = Harness.ForSample();
        harness.Email.FailDigests.Add("2017-W03/housing");
        await harness.RunAsync("2017-01-16");
        harness.Email.FailDigests.Clear();
        harness.Email.Sent.Clear();

        var outcome = await harness.RunAsync("2017-01-17", owedOnly: true);

        Assert.Equal(["2017-W03/housing"], harness.Email.Sent.Select(m => m.DigestId));
        Assert.Equal(DeliveryState.Sent, Ledger(harness, "2017-W03").ForDigest("housing")!.State);
        Assert.Equal(7, outcome.Reminders!.AlreadySent.Count);
    }

    [Fact]
    public async Task RunAsync_MondayCrashedBeforeAnySend_PlanRecordedAsDueAndTheNextTriggerSendsIt()
    {
        var harness = Harness.ForSample();
        harness.State.BeforeWrite = document =>
        {
            if (document.StartsWith("ledger/", StringComparison.Ordinal) && harness.State.Documents.ContainsKey(document))
                throw new ProcessKilledException(); // dies right after the plan is written
        };
        await Assert.ThrowsAsync<ProcessKilledException>(() => harness.RunAsync("2017-01-16"));
        harness.State.BeforeWrite = null;
        Assert.All(Ledger(harness, "2017-W03").Entries.Values, e => Assert.Equal(DeliveryState.Due, e.State));
        Assert.Equal(8, Ledger(harness, "2017-W03").Entries.Count);

        var outcome = await harness.RunAsync("2017-01-17", owedOnly: true);

        Assert.Equal(8, outcome.Reminders!.Sent.Count);
        Assert.Empty(outcome.Reminders.Unconfirmed);
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

    [Fact]
    public void Serialize_Ledger_OneFieldPerLineForTheCoordinatorToRead()
    {
        // The summary names an unconfirmed digest's id for the coordinator to look up in this file by eye.
        var ledger = ReminderLedger.Empty("2017-W03")
            .With("lead/7", new LedgerEntry(DeliveryState.Unconfirmed, 1, DateTimeOffset.UnixEpoch, ["1.1"], Digest: "lead-7"));

        var lines = System.Text.Encoding.UTF8.GetString(ledger.Serialize()).Split('\n').Select(l => l.Trim()).ToList();

        Assert.Contains("\"state\": \"unconfirmed\",", lines);
        Assert.Contains("\"digest\": \"lead-7\"", lines);
    }

    [Theory]
    [InlineData(" 7 ", "lead/7")]          // the leads list's item id, trimmed
    [InlineData(null, "lead/housing-team")] // no id: the name's slug
    [InlineData("  ", "lead/housing-team")]
    public void LeadKey_ItemIdOrNot_KeyedByIdElseByName(string? itemId, string expected)
    {
        var lead = new Model.Lead("Housing Team", [], ["h@example.org"], itemId);

        Assert.Equal(expected, ReminderLedger.LeadKey(lead));
    }

    [Fact]
    public void Migrate_OnlyTodaysKeys_ReturnsTheSameLedger()
    {
        var sent = new LedgerEntry(DeliveryState.Sent, 1, DateTimeOffset.UnixEpoch, ["1.1"]);
        var ledger = ReminderLedger.Empty("2017-W03").With("lead/7", sent).With(ReminderLedger.SummaryKey, sent);

        // The same instance, so nothing is rewritten for a ledger that needed no change.
        Assert.Same(ledger, ledger.Migrate([new Model.Lead("Housing", [], ["h@example.org"], "7")]));
    }

    [Fact]
    public void Migrate_OldAndNewKeyForTheSameLead_TodaysEntryKeptAndTheOldDropped()
    {
        var sent = new LedgerEntry(DeliveryState.Sent, 1, DateTimeOffset.UnixEpoch, ["1.1"]);
        var failed = new LedgerEntry(DeliveryState.Failed, 1, DateTimeOffset.UnixEpoch, ["1.1"], Error: "550");
        var ledger = ReminderLedger.Empty("2017-W03").With("housing", failed).With("lead/7", sent).With("coordinator", failed);

        var migrated = ledger.Migrate([new Model.Lead("Housing", [], ["h@example.org"], "7")]);

        Assert.Equal(["lead/7", "summary"], migrated.Entries.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(DeliveryState.Sent, migrated.For("lead/7")!.State);
        Assert.Equal(DeliveryState.Failed, migrated.For(ReminderLedger.SummaryKey)!.State);
        Assert.Null(migrated.For("housing"));
    }

    [Fact]
    public void Migrate_ALeadNamedSummary_DoesNotTakeTheSummarysEntry()
    {
        var sent = new LedgerEntry(DeliveryState.Sent, 1, DateTimeOffset.UnixEpoch, ["1.1"]);
        var ledger = ReminderLedger.Empty("2017-W03").With(ReminderLedger.SummaryKey, sent).With("housing", sent);
        var leads = new[] { new Model.Lead("Summary", [], ["s@example.org"], "9"), new Model.Lead("Housing", [], ["h@example.org"], "7") };

        var migrated = ledger.Migrate(leads);

        // Only "housing" was an earlier key: the lead called Summary has had no digest this week.
        Assert.Equal(["lead/7", "summary"], migrated.Entries.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Deserialize_JsonNull_ThrowsEmptyLedger()
    {
        var error = Assert.Throws<JsonException>(() => ReminderLedger.Deserialize("null"u8));

        Assert.Equal("Empty ledger", error.Message);
    }
}
