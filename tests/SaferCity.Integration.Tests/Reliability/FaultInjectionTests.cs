using System.Net;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// Faults injected into the full production stack (Graph emulator, fake SendGrid, Azurite), each checked against
/// the promise: the last good dashboard and state stay as they were, no email goes out twice, none is lost
/// (the next run sends it), and the run says in one line what failed.
/// </summary>
[Collection(StoppableAzuriteCollection.Name)]
public sealed class FaultInjectionTests(StoppableAzuriteFixture fixture)
{
    private const string Tracker = GraphEmulator.TrackerList;

    // The good run acts in week 2 of 2017; the faulty run a week later (so every published file would change), in week 3.
    private static readonly DateOnly GoodDay = new(2017, 1, 9);
    private static readonly DateOnly FaultDay = new(2017, 1, 16);
    private const string FaultWeek = "2017-W03";

    /// <summary>The sample as of 16 January 2017 with no digests before: seven leads with something to act on, and the coordinator.</summary>
    private const int DigestsDue = 8;

    /// <summary>
    /// The same week after the good run's digests: the leads with something new or at a reminder milestone that week
    /// (the others wait for theirs), and the coordinator.
    /// </summary>
    private const int DigestsDueAfterGoodRun = 4;

    public enum GraphFault { ThrottleStorm429, UnavailableStorm503, PageFailsAfterGoodPages, MalformedJson, Timeout }

    [Theory]
    [InlineData(GraphFault.ThrottleStorm429, "failed on page 1: 429")]
    [InlineData(GraphFault.UnavailableStorm503, "failed on page 1: 503 Service Unavailable after 3 retries")]
    [InlineData(GraphFault.PageFailsAfterGoodPages, "failed on page 3: 503 Service Unavailable after 3 retries")]
    [InlineData(GraphFault.MalformedJson, "failed on page 4: the response was not valid JSON")]
    [InlineData(GraphFault.Timeout, "failed on page 2: no answer in time (timed out)")]
    public async Task Run_GraphFault_ChangesNothingSendsNothingAndTheNextRunCatchesUp(GraphFault fault, string expected)
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        await stack.RunAsync(GoodDay);
        RerateActionRed(stack);
        var (site, state, accepted) = (await stack.SiteAsync(), await stack.StateAsync(), stack.SendGrid.AcceptedRequests.Count);

        switch (fault)
        {
            // Graph:MaxRetries is 3, so four answers in a row exhaust one run's patience.
            case GraphFault.ThrottleStorm429: stack.Graph.FailPage(Tracker, 1, HttpStatusCode.TooManyRequests, times: 4, retryAfterSeconds: 0); break;
            case GraphFault.UnavailableStorm503: stack.Graph.FailPage(Tracker, 1, HttpStatusCode.ServiceUnavailable, times: 4,
                retryAfterSeconds: 0); break;
            case GraphFault.PageFailsAfterGoodPages: stack.Graph.FailPage(Tracker, 3, HttpStatusCode.ServiceUnavailable, times: 4); break;
            case GraphFault.MalformedJson: stack.Graph.MalformPage(Tracker, 4); break;
            case GraphFault.Timeout:
                stack.Graph.DelayPage(Tracker, 2, TimeSpan.FromSeconds(30));
                stack.Settings["Graph:TimeoutSeconds"] = "1";
                break;
        }

        var failure = await stack.FailingRunAsync(FaultDay);

        Assert.Contains($"Graph: reading items of list '{Tracker}' {expected}", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
        await AssertUntouchedAsync(stack, site, state);
        Assert.Equal(accepted, stack.SendGrid.AcceptedRequests.Count);

        stack.Graph.ClearFaults();
        stack.Settings["Graph:TimeoutSeconds"] = "60";
        await AssertCatchesUpAsync(stack, site);
    }

    /// <summary>
    /// A throttling storm longer than one run's retries (25 consecutive 429s with Retry-After: 0, standing in for five
    /// minutes of throttling; Graph:MaxRetries 10 gives 11 tries a run). Decided behaviour: a run that cannot get
    /// through fails cleanly and changes nothing; the storm may outlast several runs; the first run that gets through
    /// (here the third, which still meets three 429s and rides them out) publishes and sends everything due, once.
    /// </summary>
    [Fact]
    public async Task Run_ThrottlingStormLongerThanTwoRuns_EachFailsCleanlyAndTheThirdCatchesUp()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        stack.Settings["Graph:MaxRetries"] = "10";
        await stack.RunAsync(GoodDay);
        RerateActionRed(stack);
        var (site, state) = (await stack.SiteAsync(), await stack.StateAsync());
        stack.Graph.FailPage(Tracker, 1, HttpStatusCode.TooManyRequests, times: 25, retryAfterSeconds: 0);

        var first = await stack.FailingRunAsync(FaultDay);
        var second = await stack.FailingRunAsync(FaultDay);
        await AssertUntouchedAsync(stack, site, state);
        var third = await stack.RunAsync(FaultDay);

        Assert.All([first, second], f => Assert.Contains("failed on page 1: 429", f.Message));
        Assert.All([first, second], f => Assert.Contains("after 10 retries", f.Message));
        Assert.Equal(RunStatus.Completed, third.Status);
        var firstPages = stack.Graph.Requests.Count(r => r.Contains("/lists/list-1/items", StringComparison.Ordinal)
            && !r.Contains("$skiptoken", StringComparison.Ordinal));
        Assert.Equal(1 + 25 + 1, firstPages); // the good run, the storm, the page that finally got through
        AssertEachDueDigestOnce(stack, DigestsDueAfterGoodRun);
    }

    public enum SendGridFault { RateLimited429, ServerError500, BadRequest400 }

    [Theory]
    [InlineData(SendGridFault.RateLimited429, "SendGrid answered 429")]
    [InlineData(SendGridFault.ServerError500, "SendGrid answered 500 Internal Server Error")]
    [InlineData(SendGridFault.BadRequest400, "SendGrid answered 400 Bad Request")]
    public async Task Run_SendGridFaultOnThirdOfEightDigests_OthersSentOnceAndTheNextRunSendsOnlyIt(SendGridFault fault, string expected)
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        stack.Settings["SendGrid:Timeout"] = "00:00:01";
        var reply = fault switch
        {
            SendGridFault.RateLimited429 => FakeSendGrid.RateLimited(retryAfterSeconds: 1),
            SendGridFault.ServerError500 => FakeSendGrid.ServerError(),
            _ => FakeSendGrid.BadRequest("Does not contain a valid address.", "personalizations.0.to"),
        };
        var victim = FailThirdDigest(stack, reply);

        var first = await stack.RunAsync(FaultDay);

        var key = victim()!.Split('/')[1];
        Assert.Equal(RunStatus.CompletedWithFailures, first.Status);
        Assert.StartsWith("1 digest could not be sent (", first.Message);
        Assert.EndsWith("); it stays due and goes out on the next run.", first.Message);
        Assert.Contains($"{key}: {expected}", first.Message);
        Assert.Equal(DigestsDue - 1, first.Reminders!.Sent.Count);
        Assert.Equal(DeliveryState.Failed, (await stack.LedgerAsync(FaultWeek)).ForDigest(key)!.State);
        Assert.Contains($"Digest for {key} could not be sent",
            stack.SendGrid.AcceptedRequests.Single(r => r.DigestId == $"{FaultWeek}/coordinator").Text);

        stack.SendGrid.Script = _ => null;
        var second = await stack.RunAsync(FaultDay);

        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Equal([key], second.Reminders!.Sent);
        AssertEachDueDigestOnce(stack);
    }

    [Fact]
    public async Task Run_AzuriteStoppedMidPublish_LastGoodSiteAndStateIntactAndTheNextRunCatchesUp()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        await stack.RunAsync(GoodDay);
        RerateActionRed(stack);
        var (site, state) = (await stack.SiteAsync(), await stack.StateAsync());

        // Storage goes away while the publisher is uploading: once it has listed the container and reaches dashboard.json.
        var failure = await stack.FailingRunAsync(FaultDay, replace: s => s.Decorate<ISitePublisher>((inner, _) =>
            new StoppingPublisher(inner, "dashboard.json", () => fixture.Azurite.StopAsync().GetAwaiter().GetResult())));

        await fixture.Azurite.StartAsync();
        Assert.StartsWith("Blob storage: publishing 'dashboard.json'", failure.Message);
        Assert.DoesNotContain('\n', failure.Message);
        await AssertUntouchedAsync(stack, site, state);
        Assert.DoesNotContain(stack.SendGrid.Requests, r => r.DigestId.StartsWith(FaultWeek, StringComparison.Ordinal)); // publishing comes first
        await AssertCatchesUpAsync(stack, site);
    }

    [Fact]
    public async Task Run_HistoryChangedByAnotherWriterDuringTheRun_NotOverwrittenAndTheNextRunRecordsIt()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        await stack.RunAsync(GoodDay);
        RerateActionRed(stack);
        var history = stack.State.GetBlobClient(TrackerPipeline.HistoryDocument);
        var goodHistory = (await history.DownloadContentAsync()).Value.Content.ToArray();
        var otherWriter = 0;
        // While the run is sending, someone else rewrites history.json (same bytes, new ETag): the run's write must lose.
        stack.SendGrid.Script = _ =>
        {
            if (Interlocked.Exchange(ref otherWriter, 1) == 0) history.Upload(BinaryData.FromBytes(goodHistory), overwrite: true);
            return null;
        };

        var failure = await stack.FailingRunAsync(FaultDay);

        Assert.Equal("State 'history.json' was changed by another run; nothing was overwritten.", failure.Message);
        Assert.Equal(goodHistory, (await history.DownloadContentAsync()).Value.Content.ToArray());
        Assert.Single(HistoryJson.Deserialize(goodHistory).Days);
        AssertEachDueDigestOnce(stack, DigestsDueAfterGoodRun); // the ledger is its own document: every digest of the week went out and is recorded
        Assert.All((await stack.LedgerAsync(FaultWeek)).Entries.Values, e => Assert.Equal(DeliveryState.Sent, e.State));

        stack.SendGrid.Script = _ => null;
        var next = await stack.RunAsync(FaultDay);

        Assert.True(next.HistoryWritten);
        Assert.Empty(next.Reminders!.Sent);
        Assert.Equal([GoodDay, FaultDay],
            HistoryJson.Deserialize((await history.DownloadContentAsync()).Value.Content.ToArray()).Days.Select(d => d.AsOf));
        AssertEachDueDigestOnce(stack, DigestsDueAfterGoodRun);
    }

    /// <summary>
    /// The lease is broken from outside while SendGrid holds the third digest. The renewal that follows fails, the
    /// run stops writing and sending at once: the held digest's confirmation is refused, so its ledger entry stays
    /// "sending" (unconfirmed: never resent automatically) and nothing after it goes out. The next run sends the rest.
    /// </summary>
    [Fact]
    public async Task Run_LeaseBrokenWhileSendGridHangs_StopsSendingAndTheNextRunSendsTheRestNotTheHeldOne()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        stack.Settings["SendGrid:MaxAttempts"] = "1";
        await stack.RunAsync(GoodDay);
        RerateActionRed(stack);
        var goodHistory = (await stack.StateAsync())[TrackerPipeline.HistoryDocument];
        var release = new TaskCompletionSource();
        var victim = FailThirdDigest(stack, FakeSendGrid.HangUntil(release.Task));
        var clock = new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero));

        var run = stack.RunAsync(FaultDay, clock);
        await WaitUntilAsync(() => victim() is not null, "the third digest reaches SendGrid");
        await stack.State.GetBlobClient("run.lock").GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        clock.Advance(TimeSpan.FromSeconds(20)); // the lock's next renewal
        await WaitUntilAsync(() => stack.Logs.Lines.Any(l => l.Contains("Run lock lost", StringComparison.Ordinal)), "the renewal fails");
        release.SetResult(); // SendGrid accepts the held digest after all
        var failure = await Assert.ThrowsAnyAsync<PipelineException>(() => run.WaitAsync(TimeSpan.FromMinutes(2)));

        var key = victim()!.Split('/')[1];
        Assert.StartsWith("The run lock was lost (renewal refused", failure.Message);
        Assert.Equal(3, stack.SendGrid.Requests.Count(r => r.DigestId.StartsWith(FaultWeek, StringComparison.Ordinal))); // nothing after it
        Assert.Equal(DeliveryState.Sending, (await stack.LedgerAsync(FaultWeek)).ForDigest(key)!.State);
        Assert.Equal(goodHistory, (await stack.StateAsync())[TrackerPipeline.HistoryDocument]);

        var next = await stack.RunAsync(FaultDay);

        Assert.Equal([key], next.Reminders!.Unconfirmed);
        Assert.Equal([CoordinatorSummary.Key], next.Reminders.Sent); // the rest of the week's four: the summary
        Assert.Contains($"Digest for {key} may not have gone out",
            stack.SendGrid.AcceptedRequests.Single(r => r.DigestId == $"{FaultWeek}/coordinator").Text);
        AssertEachDueDigestOnce(stack, DigestsDueAfterGoodRun);
    }

    /// <summary>
    /// SendGrid accepts every message but answers after the client's timeout (2.5 s against 1 s, 2 attempts allowed).
    /// The outcome of each send is unknown, so it is recorded unconfirmed, reported, and never sent again: two runs
    /// put each digest into SendGrid once (before, the client retried and the next run resent: 4 copies each).
    /// </summary>
    [Fact]
    public async Task Run_SendGridAnswersAfterTheTimeout_EachDigestAcceptedOnceOverTwoRuns()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        stack.Settings["SendGrid:Timeout"] = "00:00:01";
        stack.SendGrid.Script = _ => FakeSendGrid.AcceptLate(TimeSpan.FromSeconds(2.5));

        var first = await stack.RunAsync(FaultDay);
        var second = await stack.RunAsync(FaultDay);

        Assert.Equal(DigestsDue, first.Reminders!.Unconfirmed.Count);
        Assert.Contains("8 digest(s) unconfirmed, not resent", first.Message);
        Assert.All((await stack.LedgerAsync(FaultWeek)).Entries.Values, e => Assert.Equal(DeliveryState.Unconfirmed, e.State));
        Assert.Equal(DigestsDue, second.Reminders!.Unconfirmed.Count);
        Assert.Equal(DigestsDue, stack.SendGrid.Requests.Count);
        AssertEachDueDigestOnce(stack);
    }

    /// <summary>
    /// Monday 07:00 UK: Graph is down all through the reminder trigger and its retries. Tuesday's 07:00 trigger finds no
    /// plan for the week, so the whole week is owed: each digest goes once. Wednesday's trigger owes nothing.
    /// </summary>
    [Fact]
    public async Task Trigger_MondayOutageThenTuesday_SendsEachDigestOnce()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        stack.Graph.FailPage(Tracker, 1, HttpStatusCode.ServiceUnavailable, times: 12, retryAfterSeconds: 0);
        var monday = new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero); // winter: 07:00 UTC is 07:00 UK

        for (var attempt = 0; attempt < 3; attempt++) // the trigger and its two retries
            await Assert.ThrowsAnyAsync<PipelineException>(() => stack.TriggerRemindersAsync(monday.AddMinutes(5 * attempt)));
        Assert.Empty(stack.SendGrid.Requests);

        stack.Graph.ClearFaults();
        await stack.TriggerRemindersAsync(monday.AddDays(1));
        var tuesday = stack.SendGrid.Requests.Count;
        await stack.TriggerRemindersAsync(monday.AddDays(2));

        Assert.Equal(DigestsDue, tuesday);
        Assert.Equal(DigestsDue, stack.SendGrid.Requests.Count);
        AssertEachDueDigestOnce(stack);
    }

    /// <summary>
    /// A normal week: Monday's trigger sends the week. Mid-week an action of a lead with nothing due on Monday falls due;
    /// Tuesday's trigger sends nothing (the lead hears on Monday), and a digest that failed on Monday goes on Tuesday.
    /// </summary>
    [Fact]
    public async Task Trigger_TuesdayAfterANormalMonday_SendsOnlyWhatMondayFailed()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        var monday = new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);
        var victim = FailThirdDigest(stack, FakeSendGrid.BadRequest("Does not contain a valid address."));
        await Assert.ThrowsAnyAsync<PipelineException>(() => stack.TriggerRemindersAsync(monday)); // incomplete: the host retries
        stack.SendGrid.Script = _ => null;
        foreach (var item in stack.Graph.FindList(Tracker)!.Items) item["fields"]!["DeliveryDeadline"] = "December 2015"; // all overdue now

        await stack.TriggerRemindersAsync(monday.AddDays(1));

        var tuesday = stack.SendGrid.Requests.Skip(DigestsDue).Select(r => r.DigestId).ToList();
        Assert.Equal([victim()!], tuesday);
        AssertEachDueDigestOnce(stack);
    }

    /// <summary>
    /// The week's ledger as an earlier version wrote it (keys are leads' name slugs and "coordinator"): the next run
    /// migrates it and resends nothing. Then a lead is renamed in the leads list: keyed by its item id, it is not resent.
    /// </summary>
    [Fact]
    public async Task Run_OldFormatLedgerThenALeadRenamed_NothingSentTwice()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        await stack.RunAsync(FaultDay);
        var ledgerBlob = stack.State.GetBlobClient(ReminderLedger.DocumentName(FaultWeek));
        var current = await stack.LedgerAsync(FaultWeek);
        var old = new ReminderLedger(FaultWeek, current.Entries.Values.ToDictionary(e => e.Digest!, e => e with { Digest = null }));
        await ledgerBlob.UploadAsync(BinaryData.FromBytes(old.Serialize()), overwrite: true);

        var tuesday = await stack.RunAsync(FaultDay.AddDays(1));
        var lead = stack.Graph.FindList(GraphEmulator.LeadsList)!.Items.First();
        var oldName = lead["fields"]!["Title"]!.GetValue<string>();
        lead["fields"]!["Title"] = oldName + " and Partners";
        var wednesday = await stack.RunAsync(FaultDay.AddDays(2));

        Assert.Empty(tuesday.Reminders!.Sent);
        Assert.Equal(DigestsDue, tuesday.Reminders.AlreadySent.Count);
        Assert.All((await stack.LedgerAsync(FaultWeek)).Entries.Keys,
            k => Assert.True(k == ReminderLedger.SummaryKey || k.StartsWith("lead/", StringComparison.Ordinal), k));
        Assert.Empty(wednesday.Reminders!.Sent);
        Assert.Equal(DigestsDue, stack.SendGrid.Requests.Count);
        AssertEachDueDigestOnce(stack);
    }

    /// <summary>
    /// Two runs in one worker process (one provider: one run lock, one publisher). Run A loses its lease while it is about
    /// to publish; run B then takes the lock and publishes the list's newer content. When A goes on, it must write
    /// nothing: its refusal belongs to its own lease, which B's acquisition does not reset.
    /// </summary>
    [Fact]
    public async Task Run_LeaseLostThenAnotherRunInTheSameProcessTakesTheLock_TheFirstRunWritesNothingMore()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        await stack.RunAsync(GoodDay);
        var clock = new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero));
        var atGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var worker = stack.Services(clock, s => s.Decorate<ISitePublisher>((inner, _) => new GatedPublisher(inner, atGate, gate.Task)));
        var pipeline = worker.GetRequiredService<TrackerPipeline>();

        var runA = pipeline.RunAsync(new RunRequest(FaultDay), CancellationToken.None);
        await atGate.Task.WaitAsync(TimeSpan.FromMinutes(1)); // hang guard only
        await stack.State.GetBlobClient("run.lock").GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        clock.Advance(TimeSpan.FromSeconds(20)); // A's next renewal finds the lease gone
        await WaitUntilAsync(() => stack.Logs.Lines.Any(l => l.Contains("Run lock lost", StringComparison.Ordinal)), "run A's renewal fails");
        RerateActionRed(stack); // the list changes: B publishes content A never saw
        var runB = await pipeline.RunAsync(new RunRequest(FaultDay), CancellationToken.None);
        var (site, state) = (await stack.SiteAsync(), await stack.StateAsync());

        gate.SetResult();
        var failure = await Assert.ThrowsAnyAsync<PipelineException>(() => runA.WaitAsync(TimeSpan.FromMinutes(2)));

        Assert.Equal(RunStatus.Completed, runB.Status);
        Assert.StartsWith("The run lock was lost (renewal refused", failure.Message);
        var siteAfter = await stack.SiteAsync();
        Assert.All(site, f => Assert.True(f.Value.AsSpan().SequenceEqual(siteAfter[f.Key]), $"{f.Key} overwritten by the run that lost its lease"));
        var stateAfter = await stack.StateAsync();
        Assert.All(state, f => Assert.True(f.Value.AsSpan().SequenceEqual(stateAfter[f.Key]), $"{f.Key} overwritten by the run that lost its lease"));
        AssertEachDueDigestOnce(stack, DigestsDueAfterGoodRun);
    }

    /// <summary>Holds the first publish (run A) at the gate; later publishes go straight through.</summary>
    private sealed class GatedPublisher(ISitePublisher inner, TaskCompletionSource reached, Task gate) : ISitePublisher
    {
        private int calls;

        public async Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                reached.SetResult();
                await gate;
            }
            return await inner.PublishAsync(files, cancellationToken);
        }
    }

    /// <summary>
    /// An admin edits the list between runs: action 2.5 (overdue, rated amber) is re-rated red. The day's snapshot then
    /// differs from the last one, so the next run has history to write; the digests due stay the same eight.
    /// </summary>
    private static void RerateActionRed(TestStack stack)
    {
        var item = stack.Graph.FindList(Tracker)!.Items.Single(i => i["fields"]?["Title"]?.GetValue<string>() == "2.5");
        item["fields"]!["RAG"] = "Red";
    }

    /// <summary>Answers the third distinct digest with <paramref name="fault"/> every time; returns who that was (once known).</summary>
    internal static Func<string?> FailThirdDigest(TestStack stack, Reply fault)
    {
        var seen = new List<string>();
        string? victim = null;
        stack.SendGrid.Script = r =>
        {
            lock (seen)
            {
                if (!seen.Contains(r.DigestId)) seen.Add(r.DigestId);
                if (seen.Count == 3) victim ??= r.DigestId;
                return r.DigestId == victim ? fault : null;
            }
        };
        return () => { lock (seen) return victim; };
    }

    /// <summary>Every published file and every state document byte for byte as before; state still parses.</summary>
    private static async Task AssertUntouchedAsync(TestStack stack, Dictionary<string, byte[]> site, Dictionary<string, byte[]> state)
    {
        var siteNow = await stack.SiteAsync();
        var stateNow = await stack.StateAsync();
        Assert.Equal(site.Keys.Order(), siteNow.Keys.Order());
        Assert.All(site, f => Assert.True(f.Value.AsSpan().SequenceEqual(siteNow[f.Key]), $"{f.Key} changed"));
        Assert.Equal(state.Keys.Order(), stateNow.Keys.Order());
        Assert.All(state, f => Assert.True(f.Value.AsSpan().SequenceEqual(stateNow[f.Key]), $"{f.Key} changed"));
        Assert.Single(HistoryJson.Deserialize(stateNow[TrackerPipeline.HistoryDocument]).Days);
        Assert.All(stateNow.Where(d => d.Key.StartsWith("ledger/", StringComparison.Ordinal)), d => ReminderLedger.Deserialize(d.Value));
    }

    /// <summary>With the fault gone, the next run publishes the new day, records it and sends the week's digests once each.</summary>
    private static async Task AssertCatchesUpAsync(TestStack stack, Dictionary<string, byte[]> oldSite)
    {
        var outcome = await stack.RunAsync(FaultDay);

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.True(outcome.HistoryWritten);
        var site = await stack.SiteAsync();
        Assert.Equal("2017-01-16", DashboardJson.Deserialize(site["dashboard.json"])!.AsOf);
        Assert.False(oldSite["index.html"].AsSpan().SequenceEqual(site["index.html"]));
        Assert.Equal(DigestsDueAfterGoodRun, outcome.Reminders!.Sent.Count);
        AssertEachDueDigestOnce(stack, DigestsDueAfterGoodRun);
    }

    /// <summary>Across every run so far: each of the week's digests accepted by SendGrid exactly once.</summary>
    private static void AssertEachDueDigestOnce(TestStack stack, int due = DigestsDue)
    {
        var week = stack.AcceptedPerDigest().Where(d => d.Key.StartsWith(FaultWeek, StringComparison.Ordinal)).ToList();
        Assert.Equal(due, week.Count);
        Assert.All(week, d => Assert.True(d.Value == 1, $"{d.Key} accepted {d.Value} times"));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(1)); // a hang guard, not a timing assertion
        while (!condition())
        {
            if (guard.IsCancellationRequested) throw new TimeoutException($"Gave up waiting until {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>Calls <paramref name="stop"/> when the publisher's upload pass reaches <paramref name="path"/> (its second pass over the files; the
    /// first checks their paths).</summary>
    private sealed class StoppingPublisher(ISitePublisher inner, string path, Action stop) : ISitePublisher
    {
        public Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken) =>
            inner.PublishAsync(new Storage.OnUploadPass(files, path, stop), cancellationToken);
    }
}
