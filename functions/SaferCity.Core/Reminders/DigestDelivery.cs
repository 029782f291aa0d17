using Microsoft.Extensions.Logging;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Reminders;

/// <summary>One message a week's delivery may send: its name, its ledger key, how to render it, and the actions it names.</summary>
/// <param name="Key">What runs, messages and people call it (the lead's name slug, or "coordinator").</param>
/// <param name="LedgerKey">Its line in the week's ledger (<see cref="ReminderLedger.LeadKey"/> or <see cref="ReminderLedger.SummaryKey"/>).</param>
/// <param name="Render">Rendered only when it is to be sent: a rerun in a week whose digests went out renders none.</param>
public sealed record PlannedMessage(string Key, string LedgerKey, Func<EmailMessage> Render, IReadOnlyList<string> Actions);

/// <summary>
/// The week's plan and the exactly-once state machine of its sends, as far as one process can promise. The week's first
/// reminder run records every message it plans as Due, in one write, before sending any (<see cref="PlanAsync"/>): that
/// is what the week owes. Each send (<see cref="DeliverAsync"/>) is recorded as intended (Sending) before it happens and
/// then as Sent, Failed (a definite rejection: the next run tries again) or Unconfirmed (no answer: perhaps delivered,
/// never resent). The one window left: a process that dies between the intent and the answer leaves Sending, which is
/// reported, not resent. See <see cref="ReminderLedger"/> for the states and keys.
/// </summary>
public sealed class DigestDelivery
{
    private readonly IStateStore _state;
    private readonly IEmailSender _sender;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly string _name;
    private readonly bool _migrated;
    private readonly bool _planned;
    private string? _version;

    private DigestDelivery(IStateStore state, IEmailSender sender, TimeProvider time, ILogger logger, string name, ReminderLedger ledger,
        string? version, bool migrated)
    {
        (_state, _sender, _time, _logger, _name, Ledger, _version, _migrated) = (state, sender, time, logger, name, ledger, version, migrated);
        _planned = version is not null;
    }

    public ReminderLedger Ledger { get; private set; }

    public List<string> Sent { get; } = [];

    public List<string> AlreadySent { get; } = [];

    public List<(string Key, string Error)> Failed { get; } = [];

    public List<(string Key, string? Error)> Unconfirmed { get; } = [];

    /// <summary>Ledger keys of the messages this run confirmed sent: what their recipients' next ones count changes from.</summary>
    public List<string> Delivered { get; } = [];

    /// <summary>
    /// Reads the week's ledger. Keys of earlier versions are moved as it is read, and saved by <see cref="PlanAsync"/>: a
    /// lead renamed later in the week is then found by its item id, no longer by the old name's slug.
    /// </summary>
    public static async Task<DigestDelivery> OpenAsync(IStateStore state, IEmailSender sender, TimeProvider time, ILogger logger, string week,
        IEnumerable<Lead> leads, CancellationToken cancellationToken)
    {
        var name = ReminderLedger.DocumentName(week);
        var stored = await state.ReadAsync(name, cancellationToken);
        var read = stored is null ? ReminderLedger.Empty(week) : ReminderLedger.Deserialize(stored.Content.Span);
        var ledger = read.Migrate(leads);
        return new DigestDelivery(state, sender, time, logger, name, ledger, stored?.Version, !ReferenceEquals(ledger, read));
    }

    /// <summary>
    /// Whether a message belongs to this run. A later trigger in the week (<paramref name="owedOnly"/>) after the week's plan
    /// sends only what the plan holds: a lead who became due mid-week waits for Monday.
    /// </summary>
    public bool InPlan(string ledgerKey, bool owedOnly) => !owedOnly || !_planned || Ledger.For(ledgerKey) is not null;

    /// <summary>
    /// Whether the week's ledger already decides a message: it went (Sent) or may have gone (Sending, Unconfirmed), so
    /// <see cref="DeliverAsync"/> only reports it. Such a message need not be planned or rendered, which is what spares a
    /// rerun in a week whose digests went out from planning every lead's digest again.
    /// </summary>
    public bool Settled(string ledgerKey) => Ledger.For(ledgerKey)?.State is DeliveryState.Sent or DeliveryState.Sending or DeliveryState.Unconfirmed;

    /// <summary>A settled message (<see cref="Settled"/>), which is reported and never rendered.</summary>
    public static PlannedMessage SettledMessage(string key, string ledgerKey) =>
        new(key, ledgerKey, () => throw new InvalidOperationException($"The week's ledger has settled {key}: it is never rendered."), []);

    /// <summary>The week's plan, in one write before anything is sent: every message not in the ledger yet, as Due.</summary>
    public async Task PlanAsync(IEnumerable<(string LedgerKey, string Key)> messages, CancellationToken cancellationToken)
    {
        var plan = messages.Where(m => Ledger.For(m.LedgerKey) is null).ToList();
        if (plan.Count == 0 && !_migrated) return;
        var now = _time.GetUtcNow();
        foreach (var (ledgerKey, key) in plan) Ledger = Ledger.With(ledgerKey, new LedgerEntry(DeliveryState.Due, 0, now, [], Digest: key));
        await SaveAsync(Ledger, cancellationToken);
    }

    /// <summary>
    /// Sends one message unless the ledger says it went (already sent) or may have gone (unconfirmed). A dry run renders
    /// it to <paramref name="preview"/>, never through the real sender, and records nothing.
    /// </summary>
    public async Task DeliverAsync(PlannedMessage m, bool dryRun, IRunPreview? preview, CancellationToken cancellationToken)
    {
        switch (Ledger.For(m.LedgerKey)?.State)
        {
            case DeliveryState.Sent:
                AlreadySent.Add(m.Key);
                return;
            case DeliveryState.Sending or DeliveryState.Unconfirmed:
                Unconfirmed.Add((m.Key, Ledger.For(m.LedgerKey)!.Error));
                return;
        }
        var message = m.Render();
        if (dryRun)
        {
            if (preview is not null) await preview.Outbox.SendAsync(message, cancellationToken);
            Sent.Add(m.Key);
            return;
        }

        var intent = new LedgerEntry(DeliveryState.Sending, (Ledger.For(m.LedgerKey)?.Attempts ?? 0) + 1, _time.GetUtcNow(), m.Actions,
            Digest: m.Key);
        await SaveAsync(Ledger.With(m.LedgerKey, intent), cancellationToken);
        var result = await SendAsync(message, cancellationToken);
        await SaveAsync(Ledger.With(m.LedgerKey, Outcome(intent, result)), cancellationToken);
        Record(m, message, result);
    }

    private async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await _sender.SendAsync(message, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return SendResult.Failed(e.Message);
        }
    }

    private LedgerEntry Outcome(LedgerEntry intent, SendResult result) => result switch
    {
        { Sent: true } => intent with { State = DeliveryState.Sent, SentAt = _time.GetUtcNow(), MessageId = result.MessageId },
        { Unconfirmed: true } => intent with { State = DeliveryState.Unconfirmed, Error = result.Error },
        _ => intent with { State = DeliveryState.Failed, Error = result.Error },
    };

    private void Record(PlannedMessage m, EmailMessage message, SendResult result)
    {
        if (result.Sent)
        {
            Sent.Add(m.Key);
            Delivered.Add(m.LedgerKey);
        }
        else if (result.Unconfirmed)
        {
            Unconfirmed.Add((m.Key, result.Error));
            _logger.LogWarning("Digest {DigestId} may have been sent; it will not be resent: {Error}", message.DigestId, result.Error);
        }
        else
        {
            Failed.Add((m.Key, result.Error ?? "unknown error"));
            _logger.LogWarning("Digest {DigestId} was not sent: {Error}", message.DigestId, result.Error);
        }
    }

    /// <summary>What the coordinator's summary says about this week's delivery so far.</summary>
    public List<string> Notes(IEnumerable<Lead> leads)
    {
        var notes = new List<string>();
        notes.AddRange(Failed.Select(f => $"Digest for {f.Key} could not be sent ({f.Error}); the next run will try again."));
        notes.AddRange(Unconfirmed.Select(u =>
            $"Digest for {u.Key} may not have gone out: " + (u.Error is null ? "a run stopped while sending it"
                : $"the mail service did not confirm it ({u.Error})") +
            $". Check the mail service's activity for digest {Ledger.Week}/{u.Key}; it will not be resent automatically."));
        notes.AddRange(leads.Where(l => l.Emails.Count == 0).Select(l => $"{l.Name} has no email address in the leads list."));
        return notes;
    }

    public ReminderResult Result() => new(Ledger.Week, Sent, AlreadySent, Failed, [.. Unconfirmed.Select(u => u.Key)]);

    private async Task SaveAsync(ReminderLedger ledger, CancellationToken cancellationToken)
    {
        _version = await _state.WriteAsync(_name, ledger.Serialize(), _version, cancellationToken);
        Ledger = ledger;
    }
}
