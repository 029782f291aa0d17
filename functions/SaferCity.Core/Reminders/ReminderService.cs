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
/// Sends one digest per lead per ISO week, to the leads with something new or a milestone (<see cref="LeadWeek"/>), and
/// the coordinator's summary. It decides what to send and renders it; <see cref="DigestDelivery"/> plans the week and
/// sends each message exactly once as far as one process can promise.
/// </summary>
public sealed class ReminderService(
    IStateStore state,
    IEmailSender sender,
    IOptions<RemindersOptions> reminders,
    IOptions<DashboardOptions> dashboard,
    TimeProvider time,
    ILogger<ReminderService> logger,
    IOptions<UpdatesOptions> updates,
    LinkSigning signing,
    SetupNotice setupNotice)
{
    private readonly UpdatesOptions _updates = updates.Value;

    /// <summary>
    /// Tells the coordinator once that runs stop on a set-up problem (<see cref="SetupNotice"/>); false when it was not sent
    /// (told already, no coordinator, or the send failed). Never throws but for cancellation.
    /// </summary>
    public Task<bool> TellSetupProblemAsync(string problem, CancellationToken cancellationToken) =>
        setupNotice.TellAsync(problem, cancellationToken);

    /// <param name="dryRun">Send and record nothing: each message is rendered to <paramref name="preview"/>'s outbox, if there is one.</param>
    /// <param name="preview">Where a dry run's messages go; null where the host keeps no previews (the Functions app).</param>
    /// <param name="owedOnly">
    /// A later reminder trigger in the week: send only what the week's ledger still owes (digests recorded Due or
    /// Failed), nothing new. A week with no ledger yet has had no reminder run at all, so its whole plan is owed.
    /// </param>
    /// <param name="read">The reported states as the run read them, with their version; read here when null.</param>
    public async Task<ReminderResult> SendAsync(RunReport report, DashboardSummary figures, bool dryRun, IRunPreview? preview,
        CancellationToken cancellationToken, bool owedOnly = false, (ReportedStates States, string? Version)? read = null)
    {
        var delivery = await DigestDelivery.OpenAsync(state, sender, time, logger, Rules.UkClock.IsoWeek(report.AsOf), report.Directory.Leads,
            cancellationToken);
        var (reported, reportedVersion) = read ?? await ReportedStates.ReadAsync(state, cancellationToken);
        var changes = new ChangesSince(report, reported);
        var keyWarnings = _updates.KeyWarnings().ToList();
        foreach (var warning in keyWarnings) logger.LogWarning("Update links: {Warning}", warning);
        var (own, auditProblems) = await OwnUpdatesAsync(report, changes, cancellationToken);

        var messages = LeadMessages(report, changes, own, delivery).Where(m => delivery.InPlan(m.LedgerKey, owedOnly)).ToList();
        var coordinator = Addresses(reminders.Value.Coordinator);
        var summaryInPlan = coordinator.Count > 0 && delivery.InPlan(ReminderLedger.SummaryKey, owedOnly);
        if (!dryRun)
            await delivery.PlanAsync(messages.Select(m => (m.LedgerKey, m.Key))
                .Concat(summaryInPlan ? [(ReminderLedger.SummaryKey, CoordinatorSummary.Key)] : []), cancellationToken);

        foreach (var message in messages) await delivery.DeliverAsync(message, dryRun, preview, cancellationToken);

        // The coordinator goes last so the summary can say how delivery went.
        List<string>? summaryProblems = null;
        if (summaryInPlan && delivery.Settled(ReminderLedger.SummaryKey))
            await delivery.DeliverAsync(DigestDelivery.SettledMessage(CoordinatorSummary.Key, ReminderLedger.SummaryKey), dryRun, preview,
                cancellationToken);
        else if (summaryInPlan)
        {
            var checks = changes.For(ReminderLedger.SummaryKey) with { Warnings = [.. report.Warnings, .. keyWarnings, .. auditProblems] };
            var problems = CoordinatorSummary.ProblemsOf(checks);
            summaryProblems = problems.All;
            var summary = await SummaryMessageAsync(report, (checks, problems), figures, delivery, reported, coordinator, cancellationToken);
            await delivery.DeliverAsync(summary, dryRun, preview, cancellationToken);
        }
        // What these digests reported is what their recipients' next ones count changes from.
        if (!dryRun && delivery.Delivered.Count > 0)
        {
            var next = reported.Reported(delivery.Delivered, report.Snapshot());
            if (delivery.Delivered.Contains(ReminderLedger.SummaryKey)
                && summaryProblems is not null) next = next with { SummaryProblems = summaryProblems };
            await state.WriteAsync(ReportedStates.DocumentName, next.Serialize(), reportedVersion, cancellationToken);
        }
        return delivery.Result();
    }

    /// <summary>
    /// The leads' own changes through their update links since the earliest previous digest, from the private audit
    /// record: they are acknowledged in the digests, not asked for review. A stored value that cannot be read is a
    /// problem for the coordinator's summary, and the digest leaves it out.
    /// </summary>
    private async Task<(IReadOnlyList<OwnUpdate> Updates, IReadOnlyList<string> Problems)> OwnUpdatesAsync(RunReport report,
        ChangesSince changes, CancellationToken cancellationToken)
    {
        var from = changes.Earliest is { } earliest ? Rules.UkClock.At(earliest, TimeOnly.MinValue) : report.GeneratedAt.AddDays(-7);
        var read = OwnUpdate.Read(await UpdateAudit.ReadAsync(state, from, time.GetUtcNow(), cancellationToken));
        foreach (var problem in read.Problems) logger.LogWarning("Update audit: {Problem}", problem);
        return read;
    }

    /// <summary>
    /// A message for each lead with something new or a milestone this week (or already in the week's ledger), with its
    /// update links signed when it is rendered. Leads without an address are reported to the coordinator as unrouted.
    /// A lead whose digest the ledger has settled (<see cref="DigestDelivery.Settled"/>) is not planned: with an open
    /// action, it would be planned for being in the ledger whatever its changes, so its message is known without them.
    /// </summary>
    private List<PlannedMessage> LeadMessages(RunReport report, ChangesSince changes, IReadOnlyList<OwnUpdate> audit, DigestDelivery delivery)
    {
        var ledger = delivery.Ledger;
        // Which leads have an open action is asked only of the leads the ledger settled: none, in a week's first run.
        HashSet<string>? withOpen = null;
        var settled = report.Directory.Leads
            .Where(l => l.Emails.Count > 0 && delivery.Settled(ReminderLedger.LeadKey(l)) && (withOpen ??= LeadsWithOpen(report)).Contains(l.Name))
            .ToHashSet(ReferenceEqualityComparer.Instance);
        var planned = changes.Digests(reminders.Value, audit, l => ledger.For(ReminderLedger.LeadKey(l)) is not null, l => !settled.Contains(l))
            .Where(d => d.Digest.Lead.Emails.Count > 0)
            .ToDictionary(d => (object)d.Digest.Lead, d => LeadMessage(report, ledger.Week, d.Digest, d.Since), ReferenceEqualityComparer.Instance);
        return
        [
            .. report.Directory.Leads.Select(l => settled.Contains(l)
                ? DigestDelivery.SettledMessage(DigestName(l), ReminderLedger.LeadKey(l))
                : planned.GetValueOrDefault(l)).OfType<PlannedMessage>(),
        ];
    }

    private static HashSet<string> LeadsWithOpen(RunReport report)
    {
        var leads = new HashSet<string>(StringComparer.Ordinal);
        foreach (var a in report.Assessments)
        {
            if (!a.Action.Open) continue;
            foreach (var lead in a.Action.Leads) leads.Add(lead);
        }
        return leads;
    }

    private PlannedMessage LeadMessage(RunReport report, string week, LeadDigest digest, DateOnly? since)
    {
        var signer = signing.Signer;
        var contact = CoordinatorContact.From(reminders.Value);
        var actions = digest.All.Select(a => a.Action.Number).ToList();
        var key = DigestName(digest.Lead);
        return new PlannedMessage(key, ReminderLedger.LeadKey(digest.Lead), () =>
            {
                var (text, html) = DigestRenderer.Render(digest, report.AsOf, since, dashboard.Value.PublicUrl,
                    a => Links(a, digest.Lead.LinkKey, report.GeneratedAt, signer), contact, dashboard.Value.Privacy.EmailFooter(),
                        dashboard.Value.Title);
                return Message(report, week, key, DigestKind, digest.Lead.Emails, DigestRenderer.Subject(digest, report.AsOf), text, html, actions);
            }, actions);
    }

    /// <summary>The coordinator's summary, with this week's delivery so far and the updates leads made through their links.</summary>
    private async Task<PlannedMessage> SummaryMessageAsync(RunReport report, (RunReport Report, CoordinatorSummary.Problems Problems) checks,
        DashboardSummary figures, DigestDelivery delivery, ReportedStates reported, List<string> coordinator, CancellationToken cancellationToken)
    {
        var notes = delivery.Notes(report.Directory.Leads);
        // What leads changed through their update links in the week before this run, from the private audit record.
        var now = time.GetUtcNow();
        var updated = (await UpdateAudit.ReadAsync(state, now.AddDays(-7), now, cancellationToken)).Select(u => u.Describe()).ToList();
        var previous = reported.Last.TryGetValue(ReminderLedger.SummaryKey, out var last)
            ? new PreviousSummary(last.Sent, reported.SummaryProblems) : null;
        return new PlannedMessage(CoordinatorSummary.Key, ReminderLedger.SummaryKey, () =>
        {
            var (text, html) = CoordinatorSummary.Render(checks.Report, reminders.Value, figures, notes, dashboard.Value.PublicUrl, updated,
                dashboard.Value.Privacy.EmailFooter(), dashboard.Value.Title, previous, checks.Problems);
            return Message(report, delivery.Ledger.Week, CoordinatorSummary.Key, CoordinatorSummary.Key, coordinator,
                CoordinatorSummary.Subject(report),
                text, html, []);
        }, []);
    }

    /// <summary>The lead's name slug, except that the summary's name is never a lead's (a lead called "Coordinator").</summary>
    private static string DigestName(Model.Lead lead) => lead.Key == CoordinatorSummary.Key ? $"lead-{lead.Key}" : lead.Key;

    /// <summary>
    /// The update link is signed when the digest is made and works for LinkDays from then, for this lead and this item only.
    /// The lead is named by <see cref="Model.Lead.LinkKey"/> (its leads-list item id), which the form matches against the leads list; a
    /// digest sent by a later run carries fresh links, and the older ones keep working until they expire.
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

    private static List<string> Addresses(string? list) =>
        (list ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
