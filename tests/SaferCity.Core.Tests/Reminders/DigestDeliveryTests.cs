using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>The week's plan and the exactly-once state machine, on their own: Due → Sending → Sent | Failed | Unconfirmed.</summary>
public sealed class DigestDeliveryTests
{
    private const string Week = "2017-W03";
    private static readonly Lead Housing = new("Housing", [], ["housing@example.gov.uk"], ItemId: "7");

    private readonly InMemoryStateStore _state = new();
    private readonly RecordingEmailSender _email = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero));

    private Task<DigestDelivery> OpenAsync() =>
        DigestDelivery.OpenAsync(_state, _email, _time, NullLogger.Instance, Week, [Housing], CancellationToken.None);

    private static PlannedMessage Message(Func<EmailMessage>? render = null) =>
        new("housing", ReminderLedger.LeadKey(Housing), render ?? (() => new EmailMessage($"{Week}/housing", Housing.Emails,
            "Housing: 4.4 completed, thank you", "text", "<p>html</p>", new Dictionary<string, string>())), ["4.4"]);

    private ReminderLedger Stored() => ReminderLedger.Deserialize(_state.Documents[ReminderLedger.DocumentName(Week)]);

    [Fact]
    public async Task PlanAsync_BeforeAnySend_RecordsEveryMessageAsDue()
    {
        var delivery = await OpenAsync();

        await delivery.PlanAsync([(ReminderLedger.LeadKey(Housing), "housing"), (ReminderLedger.SummaryKey, "coordinator")], CancellationToken.None);

        Assert.Empty(_email.Sent);
        Assert.Equal([DeliveryState.Due, DeliveryState.Due], Stored().Entries.Values.Select(e => e.State));
    }

    [Fact]
    public async Task DeliverAsync_Sent_ConfirmedAndNeverSentAgain()
    {
        var first = await OpenAsync();
        await first.DeliverAsync(Message(), dryRun: false, preview: null, CancellationToken.None);

        var again = await OpenAsync();
        await again.DeliverAsync(Message(() => throw new InvalidOperationException("rendered again")), dryRun: false, preview: null,
            CancellationToken.None);

        Assert.Single(_email.Sent);
        Assert.Equal(["housing"], first.Sent);
        Assert.Equal([ReminderLedger.LeadKey(Housing)], first.Delivered);
        Assert.Equal(["housing"], again.AlreadySent);
        var entry = Stored().For(ReminderLedger.LeadKey(Housing))!;
        Assert.Equal((DeliveryState.Sent, 1, "msg-1"), (entry.State, entry.Attempts, entry.MessageId));
    }

    [Fact]
    public async Task DeliverAsync_Rejected_FailedThenRetriedByTheNextRun()
    {
        _email.FailDigests.Add($"{Week}/housing");
        var first = await OpenAsync();
        await first.DeliverAsync(Message(), dryRun: false, preview: null, CancellationToken.None);
        Assert.Equal(DeliveryState.Failed, Stored().For(ReminderLedger.LeadKey(Housing))!.State);
        Assert.Contains("Digest for housing could not be sent (550 simulated rejection); the next run will try again.", first.Notes([Housing]));

        _email.FailDigests.Clear();
        var retry = await OpenAsync();
        await retry.DeliverAsync(Message(), dryRun: false, preview: null, CancellationToken.None);

        Assert.Equal(["housing"], retry.Sent);
        Assert.Equal((DeliveryState.Sent, 2),
            (Stored().For(ReminderLedger.LeadKey(Housing))!.State, Stored().For(ReminderLedger.LeadKey(Housing))!.Attempts));
    }

    [Fact]
    public async Task DeliverAsync_ProcessDiedWhileSending_LeftSendingReportedAndNotResent()
    {
        _email.CrashAfterSending = $"{Week}/housing";
        var first = await OpenAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            first.DeliverAsync(Message(), dryRun: false, preview: null, CancellationToken.None));
        Assert.Equal(DeliveryState.Sending, Stored().For(ReminderLedger.LeadKey(Housing))!.State);

        _email.CrashAfterSending = null;
        var next = await OpenAsync();
        await next.DeliverAsync(Message(), dryRun: false, preview: null, CancellationToken.None);

        Assert.Single(_email.Sent); // the one that may have left before the crash
        Assert.Equal(["housing"], next.Result().Unconfirmed);
        Assert.Contains(next.Notes([Housing]), n =>
            n.StartsWith("Digest for housing may not have gone out: a run stopped while sending it", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InPlan_OwedOnlyAfterThePlan_OnlyWhatThePlanHolds()
    {
        var first = await OpenAsync();
        Assert.True(first.InPlan("lead/99", owedOnly: true)); // no plan yet this week: the whole plan is owed
        await first.PlanAsync([(ReminderLedger.LeadKey(Housing), "housing")], CancellationToken.None);

        var later = await OpenAsync();

        Assert.True(later.InPlan(ReminderLedger.LeadKey(Housing), owedOnly: true));
        Assert.False(later.InPlan("lead/99", owedOnly: true)); // became due mid-week: waits for Monday
        Assert.True(later.InPlan("lead/99", owedOnly: false));
    }

    [Fact]
    public async Task DeliverAsync_DryRun_PreviewedAndNothingRecorded()
    {
        var preview = new InMemoryPreview();
        var delivery = await OpenAsync();

        await delivery.DeliverAsync(Message(), dryRun: true, preview, CancellationToken.None);

        Assert.Empty(_email.Sent);
        Assert.Single(preview.Emails.Sent);
        Assert.Empty(_state.Documents);
        Assert.Equal(["housing"], delivery.Sent);
        Assert.Empty(delivery.Delivered);
    }
}
