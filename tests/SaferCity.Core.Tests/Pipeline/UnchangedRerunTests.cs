using System.Text;
using System.Text.Json.Nodes;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// An unchanged rerun skips the work whose result is already recorded (the screen, the digests the week's ledger has
/// settled, a second read of the reported states). Each case runs twice: once as an unchanged rerun, and once with the
/// published marker removed, which makes the same rerun do everything; both must find, send and record alike.
/// </summary>
public sealed class UnchangedRerunTests
{
    private const string Day = "2017-01-16";
    private const string Summary = "2017-W03/coordinator";

    /// <summary>The sample plus a comment the screen withholds, so the coordinator's summary has a value to list.</summary>
    private static Harness WithWithheldComment()
    {
        var harness = Harness.ForSample();
        harness.Edit("2.5", item => Harness.With(item, "Comments", "Call the caretaker on 07700 900123."));
        return harness;
    }

    private static async Task<(RunOutcome Outcome, Harness Harness)> RerunAsync(Action<Harness> beforeFirst, bool full,
        Action<Harness>? beforeRerun = null)
    {
        var harness = WithWithheldComment();
        beforeFirst(harness);
        await harness.RunAsync(Day);
        harness.Email.FailDigests.Clear();
        harness.Email.Sent.Clear();
        beforeRerun?.Invoke(harness);
        if (full) harness.State.Documents.Remove(TrackerPipeline.PublishedDocument);
        harness.Time.Advance(TimeSpan.FromHours(1)); // the next hourly refresh
        return (await harness.RunAsync(Day), harness);
    }

    public static TheoryData<string> Weeks() => ["settled", "digest failed", "summary failed", "digest unconfirmed"];

    private static void Prepare(Harness harness, string week)
    {
        switch (week)
        {
            case "digest failed": harness.Email.FailDigests.Add("2017-W03/housing"); break;
            case "summary failed": harness.Email.FailDigests.Add(Summary); break;
        }
    }

    /// <summary>As the mail service leaves a send it did not answer: perhaps delivered, never resent.</summary>
    private static void Unconfirmed(Harness harness, string digest)
    {
        var ledger = Ledger(harness);
        var (key, entry) = ledger.Entries.Single(e => e.Value.Digest == digest);
        harness.State.Documents[ReminderLedger.DocumentName(ledger.Week)] =
            ledger.With(key, entry with { State = DeliveryState.Unconfirmed, Error = "timeout" }).Serialize();
    }

    [Theory]
    [MemberData(nameof(Weeks))]
    public async Task RunAsync_UnchangedRerun_FindsSendsAndRecordsAsAFullRun(string week)
    {
        Action<Harness>? after = week == "digest unconfirmed" ? h => Unconfirmed(h, "housing") : null;
        var (rerun, skipped) = await RerunAsync(h => Prepare(h, week), full: false, after);
        var (full, fuller) = await RerunAsync(h => Prepare(h, week), full: true, after);

        Assert.True(rerun.Unchanged);
        Assert.False(full.Unchanged);
        Assert.Equal(full.Report!.CoordinatorFindings, rerun.Report!.CoordinatorFindings);
        Assert.Equal(full.Report.Withheld.Select(w => w.Describe()), rerun.Report.Withheld.Select(w => w.Describe()));
        Assert.Equal(full.Summary, rerun.Summary);
        Assert.Equal(full.Message, rerun.Message);
        Assert.Equal(full.Reminders!.Sent, rerun.Reminders!.Sent);
        Assert.Equal(full.Reminders.AlreadySent, rerun.Reminders.AlreadySent);
        Assert.Equal(full.Reminders.Unconfirmed, rerun.Reminders.Unconfirmed);
        Assert.Equal(fuller.Email.Sent.Select(m => (m.DigestId, m.Text)), skipped.Email.Sent.Select(m => (m.DigestId, m.Text)));
        // The private state ends the same (the published marker aside: the full twin had it removed and wrote it again).
        foreach (var (name, content) in fuller.State.Documents.Where(d => d.Key != TrackerPipeline.PublishedDocument))
            Assert.Equal(Encoding.UTF8.GetString(content), Encoding.UTF8.GetString(skipped.State.Documents[name]));
    }

    [Fact]
    public async Task RunAsync_UnchangedRerunAfterAFailedSummary_SendsItOnceListingTheWithheldValue()
    {
        var (rerun, harness) = await RerunAsync(h => h.Email.FailDigests.Add(Summary), full: false);

        Assert.True(rerun.Unchanged);
        var summary = Assert.Single(harness.Email.Sent);
        Assert.Equal(Summary, summary.DigestId);
        Assert.Contains("2.5 comments: withheld from the dashboard, it may hold a UK phone number (\"07700 900123\")", summary.Text);
        Assert.Equal(DeliveryState.Sent, Ledger(harness).ForDigest("coordinator")!.State);
    }

    [Fact]
    public async Task RunAsync_UnchangedRerunAfterAnUnconfirmedSend_NotResent()
    {
        var (rerun, harness) = await RerunAsync(_ => { }, full: false, beforeRerun: h => Unconfirmed(h, "housing"));

        Assert.True(rerun.Unchanged);
        Assert.Contains("housing", rerun.Reminders!.Unconfirmed);
        Assert.DoesNotContain(harness.Email.Sent, m => m.DigestId == "2017-W03/housing");
    }

    [Fact]
    public async Task RunAsync_UnchangedRerunInASettledWeek_ReadsNoScreenedTextsAndTheReportedStatesOnce()
    {
        var (rerun, harness) = await RerunAsync(_ => { }, full: false, beforeRerun: h => h.State.Read.Clear());

        Assert.True(rerun.Unchanged);
        Assert.DoesNotContain(ScreenedTexts.Document, harness.State.Read);
        Assert.Single(harness.State.Read, ReportedStates.DocumentName);
        Assert.Single(rerun.Report!.Withheld); // told from the marker, not screened again
    }

    [Fact]
    public async Task RunAsync_UnchangedRerunInASettledWeek_WritesNoStateDocument()
    {
        var (rerun, harness) = await RerunAsync(_ => { }, full: false, beforeRerun: h => h.State.Written.Clear());

        Assert.True(rerun.Unchanged);
        Assert.Empty(harness.State.Written);
    }

    [Fact]
    public async Task RunAsync_MarkerFromBeforeWithheldWasKept_ScreensAgainAndListsTheWithheldValue()
    {
        var (rerun, harness) = await RerunAsync(h => h.Email.FailDigests.Add(Summary), full: false, beforeRerun: h =>
        {
            var marker = JsonNode.Parse(h.State.Documents[TrackerPipeline.PublishedDocument])!.AsObject();
            Assert.True(marker.Remove("Withheld"));
            h.State.Documents[TrackerPipeline.PublishedDocument] = Encoding.UTF8.GetBytes(marker.ToJsonString());
            h.State.Read.Clear();
        });

        Assert.True(rerun.Unchanged);
        Assert.Contains(ScreenedTexts.Document, harness.State.Read);
        Assert.Single(rerun.Report!.Withheld);
        Assert.Contains("2.5 comments: withheld", Assert.Single(harness.Email.Sent).Text);
    }

    [Fact]
    public async Task RunAsync_RerunOnTheNextDay_DoesTheFullWork()
    {
        var harness = WithWithheldComment();
        await harness.RunAsync(Day);
        harness.State.Read.Clear();

        var next = await harness.RunAsync("2017-01-17");

        Assert.False(next.Unchanged);
        Assert.Contains(ScreenedTexts.Document, harness.State.Read);
        Assert.Equal(8, next.Reminders!.AlreadySent.Count);
        Assert.Single(next.Report!.Withheld);
    }

    private static ReminderLedger Ledger(Harness harness) =>
        ReminderLedger.Deserialize(harness.State.Documents[ReminderLedger.DocumentName("2017-W03")]);
}
