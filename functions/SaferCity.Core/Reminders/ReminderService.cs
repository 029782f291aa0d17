using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
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
/// one process can promise: the week's plan is recorded first, each send is recorded as intended before it
/// happens and confirmed after. The one window left: if the process dies after the intent is written and before
/// the send returns, or the send went out and no answer came, nobody knows whether it went, so it is not
/// resent; it is reported as unconfirmed. See <see cref="ReminderLedger"/> for the states and keys.
/// </summary>
public sealed class ReminderService(
    IStateStore state,
    IEmailSender sender,
    IOptions<RemindersOptions> reminders,
    IOptions<DashboardOptions> dashboard,
    TimeProvider time,
    ILogger<ReminderService> logger,
    IRunPreview? preview = null,
    IOptions<UpdatesOptions>? updates = null)
{
    private readonly UpdatesOptions _updates = updates?.Value ?? new UpdatesOptions();

    /// <param name="owedOnly">
    /// A later reminder trigger in the week: send only what the week's ledger still owes (digests recorded Due or
    /// Failed), nothing new. A week with no ledger yet has had no reminder run at all, so its whole plan is owed.
    /// </param>
    public async Task<ReminderResult> SendAsync(RunReport report, DashboardSummary figures, bool dryRun, CancellationToken cancellationToken,
        bool owedOnly = false)
    {
        var week = Rules.UkClock.IsoWeek(report.AsOf);
        var name = ReminderLedger.DocumentName(week);
        var stored = await state.ReadAsync(name, cancellationToken);
        // Keys of earlier versions are moved as the ledger is read, and saved at once (below): a lead renamed later in
        // the week is then found by its item id, no longer by the old name's slug.
        var read = stored is null ? ReminderLedger.Empty(week) : ReminderLedger.Deserialize(stored.Content.Span);
        var ledger = read.Migrate(report.Directory.Leads);
        var migrated = !ReferenceEquals(ledger, read);
        var version = stored?.Version;
        var planned = stored is not null; // the week's plan was recorded by an earlier run

        var sent = new List<string>();
        var already = new List<string>();
        var failed = new List<(string, string)>();
        var unconfirmed = new List<(string Key, string? Error)>();
        var url = dashboard.Value.PublicUrl;
        var contact = CoordinatorContact.From(reminders.Value);
        var (reported, reportedVersion) = await ReportedStates.ReadAsync(state, cancellationToken);
        var changes = new ChangesSince(report, reported);

        // Key: what runs, messages and people call the digest (the lead's name slug); LedgerKey: its line in the ledger.
        // A digest is rendered only when it is to be sent: a rerun in a week whose digests went out renders none.
        var messages = new List<(string Key, string LedgerKey, Func<EmailMessage> Message, IReadOnlyList<string> Actions)>();
        var signer = _updates.Enabled ? new UpdateLinkSigner(_updates) : null;
        var keyWarnings = _updates.KeyWarnings().ToList();
        foreach (var warning in keyWarnings) logger.LogWarning("Update links: {Warning}", warning);
        foreach (var (digest, since) in changes.Digests())
        {
            if (digest.Lead.Emails.Count == 0) continue; // reported to the coordinator as unrouted
            var actions = digest.All.Select(a => a.Action.Number).ToList();
            var key = DigestName(digest.Lead);
            messages.Add((key, ReminderLedger.LeadKey(digest.Lead), () =>
            {
                var (text, html) = DigestRenderer.Render(digest, report.AsOf, since, url,
                    a => Links(a, digest.Lead.LinkKey, report.GeneratedAt, signer), contact, dashboard.Value.Privacy.EmailFooter(), dashboard.Value.Title);
                return Message(report, week, key, DigestKind, digest.Lead.Emails, DigestRenderer.Subject(digest, report.AsOf), text, html, actions);
            }, actions));
        }
        var coordinator = Addresses(reminders.Value.Coordinator);

        // Owed only, after the week's plan: a digest the plan did not hold (a lead who became due mid-week) waits for
        // Monday. Those it holds go through Deliver, which sends only the Due and Failed ones and reports the rest.
        bool InPlan(string ledgerKey) => !owedOnly || !planned || ledger.For(ledgerKey) is not null;
        messages.RemoveAll(m => !InPlan(m.LedgerKey));
        var summaryInPlan = coordinator.Count > 0 && InPlan(ReminderLedger.SummaryKey);

        if (!dryRun)
        {
            // The week's plan, in one write before anything is sent: what a later trigger this week still owes.
            var plan = messages.Select(m => (m.LedgerKey, m.Key)).Concat(summaryInPlan ? [(ReminderLedger.SummaryKey, CoordinatorSummary.Key)] : [])
                .Where(k => ledger.For(k.Item1) is null).ToList();
            var now = time.GetUtcNow();
            if (plan.Count > 0 || migrated)
            {
                foreach (var (ledgerKey, key) in plan) ledger = ledger.With(ledgerKey, new LedgerEntry(DeliveryState.Due, 0, now, [], Digest: key));
                (ledger, version) = await Save(name, ledger, version, cancellationToken);
            }
        }

        var delivered = new List<string>();
        async Task Deliver(string key, string ledgerKey, Func<EmailMessage> render, IReadOnlyList<string> actions)
        {
            switch (ledger.For(ledgerKey)?.State)
            {
                case DeliveryState.Sent:
                    already.Add(key);
                    return;
                case DeliveryState.Sending or DeliveryState.Unconfirmed:
                    unconfirmed.Add((key, ledger.For(ledgerKey)!.Error));
                    return;
            }
            var message = render();
            if (dryRun)
            {
                // A preview goes to the preview outbox, never through the real sender; without one it goes nowhere.
                if (preview is not null) await preview.Outbox.SendAsync(message, cancellationToken);
                sent.Add(key);
                return;
            }

            var attempts = (ledger.For(ledgerKey)?.Attempts ?? 0) + 1;
            var intent = new LedgerEntry(DeliveryState.Sending, attempts, time.GetUtcNow(), actions, Digest: key);
            (ledger, version) = await Save(name, ledger.With(ledgerKey, intent), version, cancellationToken);

            SendResult result;
            try
            {
                result = await sender.SendAsync(message, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                result = SendResult.Failed(e.Message);
            }

            var outcome = result switch
            {
                { Sent: true } => intent with { State = DeliveryState.Sent, SentAt = time.GetUtcNow(), MessageId = result.MessageId },
                { Unconfirmed: true } => intent with { State = DeliveryState.Unconfirmed, Error = result.Error },
                _ => intent with { State = DeliveryState.Failed, Error = result.Error },
            };
            (ledger, version) = await Save(name, ledger.With(ledgerKey, outcome), version, cancellationToken);
            if (result.Sent)
            {
                sent.Add(key);
                delivered.Add(ledgerKey);
            }
            else if (result.Unconfirmed)
            {
                unconfirmed.Add((key, result.Error));
                logger.LogWarning("Digest {DigestId} may have been sent; it will not be resent: {Error}", message.DigestId, result.Error);
            }
            else
            {
                failed.Add((key, result.Error ?? "unknown error"));
                logger.LogWarning("Digest {DigestId} was not sent: {Error}", message.DigestId, result.Error);
            }
        }

        foreach (var (key, ledgerKey, message, actions) in messages) await Deliver(key, ledgerKey, message, actions);

        // The coordinator goes last so the summary can say how delivery went.
        if (summaryInPlan)
        {
            var notes = DeliveryNotes(ledger, failed, unconfirmed, report);
            // What leads changed through their update links in the week before this run, from the private audit record.
            var now = time.GetUtcNow();
            var updated = (await UpdateAudit.ReadAsync(state, now.AddDays(-7), now, cancellationToken)).Select(u => u.Describe()).ToList();
            var checks = changes.For(ReminderLedger.SummaryKey) with { Warnings = [.. report.Warnings, .. keyWarnings] };
            await Deliver(CoordinatorSummary.Key, ReminderLedger.SummaryKey, () =>
            {
                var (text, html) = CoordinatorSummary.Render(checks, reminders.Value, figures, notes, url, updated,
                    dashboard.Value.Privacy.EmailFooter(), dashboard.Value.Title);
                return Message(report, week, CoordinatorSummary.Key, CoordinatorSummary.Key, coordinator, CoordinatorSummary.Subject(report), text, html, []);
            }, []);
        }
        // What these digests reported is what their recipients' next ones count changes from.
        if (!dryRun && delivered.Count > 0)
            await state.WriteAsync(ReportedStates.DocumentName, reported.Reported(delivered, report.Snapshot()).Serialize(), reportedVersion, cancellationToken);
        return new ReminderResult(week, sent, already, failed, [.. unconfirmed.Select(u => u.Key)]);
    }

    /// <summary>The lead's name slug, except that the summary's name is never a lead's (a lead called "Coordinator").</summary>
    private static string DigestName(Model.Lead lead) => lead.Key == CoordinatorSummary.Key ? $"lead-{lead.Key}" : lead.Key;

    /// <summary>
    /// The update link is signed when the digest is made and works for LinkDays from then, for this lead and this item only.
    /// The lead is named by <see cref="Model.Lead.LinkKey"/> (its leads-list item id), which the form matches against the leads list; a digest sent by a
    /// later run carries fresh links, and the older ones keep working until they expire.
    /// </summary>
    private ActionLinks Links(Assessment a, string leadKey, DateTimeOffset madeAt, UpdateLinkSigner? signer)
    {
        Uri? update = null;
        if (signer is not null)
        {
            var issued = DateTimeOffset.FromUnixTimeSeconds(madeAt.ToUnixTimeSeconds());
            var token = signer.Sign(new UpdateLink(leadKey, a.Action.ItemId, a.Action.Number, issued, issued.AddDays(_updates.LinkDays)));
            update = UpdateLink.UrlFor(_updates.BaseUrl!, token);
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
        }) { Date = report.GeneratedAt };

    private static List<string> DeliveryNotes(ReminderLedger ledger, List<(string Key, string Error)> failed, List<(string Key, string? Error)> unconfirmed,
        RunReport report)
    {
        var notes = new List<string>();
        notes.AddRange(failed.Select(f => $"Digest for {f.Key} could not be sent ({f.Error}); the next run will try again."));
        notes.AddRange(unconfirmed.Select(u =>
            $"Digest for {u.Key} may not have gone out: " + (u.Error is null ? "a run stopped while sending it" : $"the mail service did not confirm it ({u.Error})") +
            $". Check the mail service's activity for digest {ledger.Week}/{u.Key}; it will not be resent automatically."));
        notes.AddRange(report.Directory.Leads.Where(l => l.Emails.Count == 0).Select(l => $"{l.Name} has no email address in the leads list."));
        return notes;
    }

    private static List<string> Addresses(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
