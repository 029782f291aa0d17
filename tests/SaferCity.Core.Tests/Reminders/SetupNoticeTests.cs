using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>
/// The coordinator's notice of a set-up problem: one plain email per distinct problem, however many hourly runs fail on it,
/// again after a week; never in the way of the failure itself.
/// </summary>
public sealed class SetupNoticeTests
{
    private const string Problem = "The tracker list 'SCP Progress Monitoring' has no column for the deadline ('DeliveryDeadline'), so nothing " +
        "new was published or sent. Its columns: Title, KeyAction, LeadService. Name the column in Tracker__Columns__Deadline, or run 'check'.";

    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Due_TheSameProblemToldWithinAWeek_NotDue()
    {
        Assert.True(SetupNotice.Due(null, Problem, Monday));
        Assert.False(SetupNotice.Due(new SetupNoticeRecord(Problem, DeliveryState.Sent, Monday), Problem, Monday.AddDays(6.9)));
        Assert.True(SetupNotice.Due(new SetupNoticeRecord(Problem, DeliveryState.Sent, Monday), Problem, Monday.AddDays(7)));
        Assert.True(SetupNotice.Due(new SetupNoticeRecord(Problem, DeliveryState.Sent, Monday), Problem + " Another.", Monday.AddHours(1)));
    }

    [Fact]
    public void Due_LastSendFailedOrUnknown_FailedIsTriedAgainUnknownIsNot()
    {
        Assert.True(SetupNotice.Due(new SetupNoticeRecord(Problem, DeliveryState.Failed, Monday), Problem, Monday.AddHours(1)));
        Assert.False(SetupNotice.Due(new SetupNoticeRecord(Problem, DeliveryState.Unconfirmed, Monday), Problem, Monday.AddHours(1)));
        Assert.False(SetupNotice.Due(new SetupNoticeRecord(Problem, DeliveryState.Sending, Monday), Problem, Monday.AddHours(1)));
    }

    [Fact]
    public async Task RunAsync_SetupProblemEveryHour_RunFailsEachTimeCoordinatorToldOnce()
    {
        var harness = Harness.ForSample();
        harness.Source.FailWith = new SetupException(Problem);

        for (var hour = 7; hour < 10; hour++)
        {
            harness.Time.SetUtcNow(Monday.Date.AddHours(hour));
            var failure = await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(new DateOnly(2026, 12, 7)), default));
            Assert.Equal(Problem, failure.Message);
        }

        var notice = Assert.Single(harness.Email.Sent);
        Assert.Equal(["coordinator@example.gov.uk"], notice.To);
        Assert.StartsWith("Set-up problem: the tracker could not be read", notice.Subject, StringComparison.Ordinal);
        Assert.Contains(Problem, notice.Text, StringComparison.Ordinal);
        Assert.Contains("Nothing new was published and no digests were sent", notice.Text, StringComparison.Ordinal);
        Assert.Contains("run 'check'", notice.Text, StringComparison.Ordinal);
        Assert.Empty(harness.Site.Files);
    }

    [Fact]
    public async Task RunAsync_ProblemChangesThenStaysAWeek_ToldOnEachChangeAndAfterTheWeek()
    {
        var harness = Harness.ForSample();
        var day = new DateOnly(2026, 12, 7);
        harness.Time.SetUtcNow(Monday);
        harness.Source.FailWith = new SetupException(Problem);
        await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(day), default));
        harness.Source.FailWith = new SetupException("Graph: the site https://contoso.sharepoint.com/sites/scp has no list named 'SCP Leads'.");
        harness.Time.Advance(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(day), default));
        harness.Time.Advance(TimeSpan.FromDays(6));
        await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(day.AddDays(6)), default));
        harness.Time.Advance(TimeSpan.FromDays(1));
        await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(day.AddDays(7)), default));

        Assert.Collection(harness.Email.Sent,
            m => Assert.Contains("DeliveryDeadline", m.Text, StringComparison.Ordinal),
            m => Assert.Contains("no list named 'SCP Leads'", m.Text, StringComparison.Ordinal),
            m => Assert.Contains("no list named 'SCP Leads'", m.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_NoticeRejectedByTheMailService_RunStillFailsOnTheProblemAndTheNextRunTriesAgain()
    {
        var harness = Harness.ForSample();
        harness.Time.SetUtcNow(Monday);
        harness.Source.FailWith = new SetupException(Problem);
        harness.Email.FailDigests.Add(SetupNotice.Id(Monday));

        var failure = await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(new DateOnly(2026, 12, 7)), default));
        Assert.Equal(Problem, failure.Message);
        Assert.Empty(harness.Email.Sent);

        harness.Email.FailDigests.Clear();
        harness.Time.Advance(TimeSpan.FromHours(1));
        await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(new DateOnly(2026, 12, 7)), default));
        Assert.Single(harness.Email.Sent);
    }

    [Fact]
    public async Task RunAsync_StateStoreFailsWhileTelling_TheSetupFailureIsWhatTheRunReports()
    {
        var harness = Harness.ForSample();
        harness.Time.SetUtcNow(Monday);
        harness.Source.FailWith = new SetupException(Problem);
        harness.State.FailNextWriteOf = SetupNotice.DocumentName;

        var failure = await Assert.ThrowsAsync<SetupException>(() => harness.Pipeline().RunAsync(new(new DateOnly(2026, 12, 7)), default));

        Assert.Equal(Problem, failure.Message);
        Assert.Empty(harness.Email.Sent); // the intent could not be recorded, so nothing was sent that could be sent twice
    }

    [Fact]
    public async Task RunAsync_NoCoordinatorOrDryRun_NothingSent()
    {
        var noCoordinator = new Harness(Sample.Lists().Tracker, Sample.Lists().Leads, coordinator: null);
        noCoordinator.Source.FailWith = new SetupException(Problem);
        await Assert.ThrowsAsync<SetupException>(() => noCoordinator.RunAsync("2026-12-07"));
        Assert.Empty(noCoordinator.Email.Sent);

        var dryRun = Harness.ForSample();
        dryRun.Source.FailWith = new SetupException(Problem);
        await Assert.ThrowsAsync<SetupException>(() => dryRun.RunAsync("2026-12-07", dryRun: true));
        Assert.Empty(dryRun.Email.Sent);
        Assert.Empty(dryRun.State.Documents);
    }

    [Fact]
    public async Task RunAsync_AnOrdinaryReadFailure_TellsNobody()
    {
        var harness = Harness.ForSample();
        harness.Source.FailWith = new PipelineException("Graph: no answer in time.");

        await Assert.ThrowsAsync<PipelineException>(() => harness.RunAsync("2026-12-07"));

        Assert.Empty(harness.Email.Sent);
    }
}
