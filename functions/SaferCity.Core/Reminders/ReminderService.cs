using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Reminders;

/// <summary>What the reminder step did.</summary>
public sealed record ReminderResult(
    string Week,
    IReadOnlyList<string> Sent,
    IReadOnlyList<string> AlreadySent,
    IReadOnlyList<(string Key, string Error)> Failed,
    IReadOnlyList<string> Unconfirmed);

/// <summary>
/// Sends one digest per lead per ISO week, and the coordinator's summary, exactly once as far as
/// one process can promise: each send is recorded as intended before it happens and confirmed after.
/// The one window left: if the process dies after the intent is written and before the send returns,
/// the next run does not know whether it went, so it does not resend; it reports it as unconfirmed.
/// </summary>
public sealed class ReminderService(
    IStateStore state,
    IEmailSender sender,
    IOptions<RemindersOptions> reminders,
    IOptions<DashboardOptions> dashboard,
    TimeProvider time,
    ILogger<ReminderService> logger,
    IOptions<UpdatesOptions>? updates = null)
{
    private readonly UpdatesOptions _updates = updates?.Value ?? new UpdatesOptions();

    public async Task<ReminderResult> SendAsync(RunReport report, DashboardSummary figures, bool dryRun, CancellationToken cancellationToken)
    {
        var week = Rules.UkClock.IsoWeek(report.AsOf);
        var name = ReminderLedger.DocumentName(week);
        var stored = await state.ReadAsync(name, cancellationToken);
        var ledger = stored is null ? ReminderLedger.Empty(week) : ReminderLedger.Deserialize(stored.Content.Span);
        var version = stored?.Version;

        var sent = new List<string>();
        var already = new List<string>();
        var failed = new List<(string, string)>();
        var unconfirmed = new List<string>();
        var url = dashboard.Value.PublicUrl;
        var since = report.Drift.Baseline is { } b ? History.DriftCalculator.Iso(b.AsOf) : null;

        var messages = new List<(string Key, EmailMessage Message, IReadOnlyList<string> Actions)>();
        var signer = _updates.Enabled ? new UpdateLinkSigner(_updates) : null;
        foreach (var digest in DigestPlanner.ForLeads(report))
        {
            if (digest.Lead.Emails.Count == 0) continue; // reported to the coordinator as unrouted
            var (text, html) = DigestRenderer.Render(digest, report.AsOf, since, url, a => Links(a, digest.Lead.Key, report.GeneratedAt, signer));
            var actions = digest.All.Select(a => a.Action.Number).ToList();
            messages.Add((digest.Lead.Key, Message(report, week, digest.Lead.Key, DigestKind, digest.Lead.Emails, DigestRenderer.Subject(digest, report.AsOf),
                text, html, actions), actions));
        }

        async Task Deliver(string key, EmailMessage message, IReadOnlyList<string> actions)
        {
            switch (ledger.For(key)?.State)
            {
                case DeliveryState.Sent:
                    already.Add(key);
                    return;
                case DeliveryState.Sending:
                    unconfirmed.Add(key);
                    return;
            }
            if (dryRun)
            {
                await sender.SendAsync(message, cancellationToken);
                sent.Add(key);
                return;
            }

            var attempts = (ledger.For(key)?.Attempts ?? 0) + 1;
            var intent = new LedgerEntry(DeliveryState.Sending, attempts, time.GetUtcNow(), actions);
            (ledger, version) = await Save(name, ledger.With(key, intent), version, cancellationToken);

            SendResult result;
            try
            {
                result = await sender.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = SendResult.Failed(e.Message);
            }

            var outcome = result.Sent
                ? intent with { State = DeliveryState.Sent, SentAt = time.GetUtcNow(), MessageId = result.MessageId }
                : intent with { State = DeliveryState.Failed, Error = result.Error };
            (ledger, version) = await Save(name, ledger.With(key, outcome), version, cancellationToken);
            if (result.Sent) sent.Add(key);
            else
            {
                failed.Add((key, result.Error ?? "unknown error"));
                logger.LogWarning("Digest {DigestId} was not sent: {Error}", message.DigestId, result.Error);
            }
        }

        foreach (var (key, message, actions) in messages) await Deliver(key, message, actions);

        // The coordinator goes last so the summary can say how delivery went.
        var coordinator = Addresses(reminders.Value.Coordinator);
        if (coordinator.Count > 0)
        {
            var notes = DeliveryNotes(ledger, failed, unconfirmed, report);
            // What leads changed through their update links in the week before this run, from the private audit record.
            var now = time.GetUtcNow();
            var updated = (await UpdateAudit.ReadAsync(state, now.AddDays(-7), now, cancellationToken)).Select(u => u.Describe()).ToList();
            var (text, html) = CoordinatorSummary.Render(report, reminders.Value, figures, notes, url, updated);
            await Deliver(CoordinatorSummary.Key, Message(report, week, CoordinatorSummary.Key, CoordinatorSummary.Key, coordinator, CoordinatorSummary.Subject(report), text, html, []), []);
        }
        return new ReminderResult(week, sent, already, failed, unconfirmed);
    }

    /// <summary>
    /// The update link is signed when the digest is made and works for LinkDays from then, for this lead and this item only.
    /// The lead is named by <see cref="Model.Lead.Key"/>, which the form matches against the leads list; a digest sent by a
    /// later run carries fresh links, and the older ones keep working until they expire.
    /// </summary>
    private ActionLinks Links(Assessment a, string leadKey, DateTimeOffset madeAt, UpdateLinkSigner? signer)
    {
        Uri? update = null;
        if (signer is not null)
        {
            var issued = DateTimeOffset.FromUnixTimeSeconds(madeAt.ToUnixTimeSeconds());
            var token = signer.Sign(new UpdateLink(leadKey, a.Action.ItemId, a.Action.Number, issued, issued.AddDays(_updates.LinkDays)));
            update = new Uri($"{_updates.BaseUrl!.TrimEnd('/')}/{token}");
        }
        var item = Uri.TryCreate(a.Action.WebUrl, UriKind.Absolute, out var web) && web.Scheme == Uri.UriSchemeHttps ? web : null;
        return update is null && item is null ? ActionLinks.None : new ActionLinks(update, item);
    }

    private async Task<(ReminderLedger, string)> Save(string name, ReminderLedger ledger, string? version, CancellationToken cancellationToken) =>
        (ledger, await state.WriteAsync(name, ledger.Serialize(), version, cancellationToken));

    /// <summary>The kind tag of a lead's digest; the coordinator's summary has kind "coordinator".</summary>
    public const string DigestKind = "digest";

    // Tags travel with the message (SendGrid categories and custom args, .eml headers), so a message
    // found in the mail service's activity can be traced to its run, week and ledger entry.
    private static EmailMessage Message(RunReport report, string week, string key, string kind, IReadOnlyList<string> to, string subject,
        string text, string html, IReadOnlyList<string> actions) =>
        new($"{week}/{key}", to, subject, text, html, new Dictionary<string, string>
        {
            ["week"] = week,
            ["digest"] = key,
            ["kind"] = kind,
            ["run"] = report.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["actions"] = string.Join(' ', actions),
        });

    private static List<string> DeliveryNotes(ReminderLedger ledger, List<(string Key, string Error)> failed, List<string> unconfirmed, RunReport report)
    {
        var notes = new List<string>();
        notes.AddRange(failed.Select(f => $"Digest for {f.Key} could not be sent ({f.Error}); the next run will try again."));
        notes.AddRange(unconfirmed.Select(k =>
            $"Digest for {k} may not have gone out: a run stopped while sending it. Check the mail service's activity for digest {ledger.Week}/{k}; it will not be resent automatically."));
        notes.AddRange(report.Directory.Leads.Where(l => l.Emails.Count == 0).Select(l => $"{l.Name} has no email address in the leads list."));
        return notes;
    }

    private static List<string> Addresses(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
