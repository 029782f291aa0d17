using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Pipeline;

/// <param name="AsOf">The UK day the run acts as; today in Europe/London when null.</param>
/// <param name="Publish">Write the dashboard.</param>
/// <param name="Remind">Send this week's digests.</param>
/// <param name="DryRun">Compute everything and preview it; publish, send and record nothing.</param>
/// <param name="OwedOnly">
/// With <paramref name="Remind"/>: send only the digests this week's ledger still owes (a later reminder trigger in the
/// week), not the week's full plan; see <see cref="ReminderService.SendAsync"/>.
/// </param>
public sealed record RunRequest(DateOnly? AsOf = null, bool Publish = true, bool Remind = true, bool DryRun = false, bool OwedOnly = false);

public enum RunStatus
{
    Completed,
    CompletedWithFailures,
    Skipped,
}

public sealed record RunOutcome(
    RunStatus Status,
    string Message,
    RunReport? Report = null,
    DashboardDocument? Dashboard = null,
    PublishResult? Published = null,
    ReminderResult? Reminders = null,
    bool HistoryWritten = false,
    RunMode Mode = RunMode.Live,
    IReadOnlyList<string>? Warnings = null)
{
    /// <summary>For a look-back: the newest snapshot, which the run was dated before.</summary>
    public DateOnly? NewestSnapshot { get; init; }

    /// <summary>The public figures; set whenever the lists were read, rendered or not.</summary>
    public DashboardSummary? Summary { get; init; }

    /// <summary>
    /// Everything that decides the published files was as the last published run had it, so nothing was rendered or
    /// written (<see cref="Dashboard"/> is null; <see cref="Summary"/> is set). See <see cref="RunFingerprint"/>.
    /// </summary>
    public bool Unchanged { get; init; }
}

/// <summary>
/// One run: read, understand, compare, publish, remind, record. The same code runs in the
/// Functions app and the CLI. Nothing is recorded until publishing has succeeded, so a failed
/// run leaves the last good dashboard and state as they were.
/// </summary>
public sealed class TrackerPipeline(
    ITrackerSource source,
    IStateStore state,
    ISitePublisher publisher,
    IRunLock runLock,
    ReminderService reminders,
    TrackerParser parser,
    IOptions<RemindersOptions> reminderOptions,
    IOptions<DriftOptions> driftOptions,
    IOptions<DashboardOptions> dashboardOptions,
    TimeProvider time,
    ILogger<TrackerPipeline> logger,
    IRunPreview preview,
    IOptions<Updates.UpdatesOptions> updatesOptions,
    IOptions<StateOptions> stateOptions,
    TrackerIdentity identity)
{
    public const string HistoryDocument = "history.json";
    public const string PublishedDocument = "published.json";

    public async Task<RunOutcome> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var asOf = request.AsOf ?? UkClock.Today(time);

        // A dry run writes nothing real, so it neither takes nor waits for the lock.
        await using var held = request.DryRun ? new NoLock() : await runLock.TryAcquireAsync(cancellationToken);
        if (held is null)
        {
            logger.LogWarning("Run skipped: another run holds the lock");
            return new RunOutcome(RunStatus.Skipped, "Skipped: another run is in progress.");
        }

        // Everything this run writes or sends is done under its own lease: once that lease is lost, the token is
        // cancelled and every write and send after it is refused (another run may hold the lock by then).
        var lease = held as IRunLease;
        using var leased = lease is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        try
        {
            return await RunHeldAsync(request, asOf, started, leased?.Token ?? cancellationToken);
        }
        catch (SetupException e) when (!request.DryRun)
        {
            // Nothing was published or sent; the coordinator hears of it once, and the run still fails with the problem.
            await reminders.TellSetupProblemAsync(e.Message, leased?.Token ?? cancellationToken);
            throw;
        }
        catch (Exception e) when (lease is { Lost.IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            throw new PipelineException($"The run lock was lost ({lease.LostReason}); nothing more is written or sent by this run.", e);
        }
    }

    private async Task<RunOutcome> RunHeldAsync(RunRequest request, DateOnly asOf, long started, CancellationToken cancellationToken)
    {
        var stages = new StageTimes();
        // The raw items are not kept in a local: in an async method a local lives as long as the run,
        // and on a large tracker the raw items are the biggest thing in memory.
        var (tracker, read, listsHash) = await ReadAndUnderstandAsync(stages, cancellationToken);
        // The rest of the run would otherwise go on inside the frames that read the lists (the source's I/O completed,
        // and every await after it continued in place), and those frames still hold the raw items until the next real
        // I/O unwinds them: at 200,000 actions about 300 MB kept through the compare stage. Continue on a fresh stack.
        await Task.Yield();

        var (history, historyVersion, foreign, report, mode, updated, warnings, cutoff, reported) =
            await CompareAsync(request, asOf, tracker, read, stages, cancellationToken);

        var stored = await ReadMarkerAsync(cancellationToken);
        var input = RunFingerprint.Of(listsHash, asOf, updated, OutputSettings(), [typeof(TrackerPipeline).Assembly, publisher.GetType().Assembly]);
        // A list that cannot say which items are confidential publishes nothing new (TrackerLists.HoldPublishing).
        var publish = request.Publish && !tracker.HoldPublishing;
        // Nothing that decides the outputs changed since they were published: render and write nothing.
        var unchanged = mode == RunMode.Live && publish && stored.Marker?.Input == input;
        // A run that renders lets the reported states go before the publish stage's peak; the remind stage reads them again.
        if (!unchanged) reported = default;
        var (screened, texts) = await ScreenAsync(report, unchanged ? stored.Marker : null, request.Remind, cancellationToken);
        report = report with { Withheld = screened?.Withheld ?? stored.Marker?.Withheld ?? report.Withheld };
        var (site, published) = unchanged
            ? (null, null)
            : await RenderAndPublishAsync(publish, mode, screened!.Model, report, stored, cancellationToken);
        var dashboard = site is null ? null : DashboardDocument.From(site.Model);
        var summary = dashboard?.Summary ?? DashboardBuilder.Summarise(report);
        stages.Mark(unchanged ? "publish (unchanged: skipped)" : "publish");
        // The public model and its screened copy (an unchanged run under an older marker screens for the coordinator).
        if (screened is not null) RunMemory.StageEnded(tracker.Actions.Count);

        ReminderResult? sent = null;
        if (request.Remind && foreign is null)
        {
            // An unchanged run wrote nothing since the compare stage read the reported states: they are used as read.
            sent = await reminders.SendAsync(report, summary, mode != RunMode.Live, Kept, cancellationToken, request.OwedOnly,
                unchanged ? reported : null);
        }
        stages.Mark("remind");
        if (sent is { Sent.Count: > 0 } or { Failed.Count: > 0 }) RunMemory.StageEnded(tracker.Actions.Count); // the rendered digests

        var record = mode == RunMode.Live && foreign is null;
        var historyWritten = record && await RecordAsync(
            new Recording(publish ? site : null, stored, input, history, updated, historyVersion, texts, cutoff, report.Withheld),
            cancellationToken);
        stages.Mark("record");

        var status = sent?.Failed.Count > 0 ? RunStatus.CompletedWithFailures : RunStatus.Completed;
        var message = RunMessage(sent);
        LogRun(tracker, status, asOf, summary, report, published, sent, historyWritten, mode, started, stages);

        return new RunOutcome(status, message, report, dashboard, published, sent, historyWritten, mode, warnings)
        {
            NewestSnapshot = mode == RunMode.LookBack ? history.Days[^1].AsOf : null,
            Summary = summary,
            Unchanged = unchanged,
        };
    }

    /// <summary>
    /// The compare stage: this tracker's history and the reported states, today's report built against them, and the
    /// history as it will be recorded. Its own method so that the reported states it reads go with its frame.
    /// </summary>
    private async Task<Compared> CompareAsync(RunRequest request, DateOnly asOf, ParsedTracker tracker, RunWarnings.ReadFacts read,
        StageTimes stages, CancellationToken cancellationToken)
    {
        var (recorded, historyVersion) = await LoadHistoryAsync(cancellationToken);
        // Another tracker's state (the sample's, a list renamed in the settings): nothing is compared with it, sent from
        // it or written to it; this tracker's dashboard is published with no drift, and the warning says what to do.
        var foreign = identity.Foreign(recorded);
        var history = foreign is null ? recorded : TrackerHistory.Empty;
        var reported = foreign is null ? await ReportedStates.ReadAsync(state, cancellationToken) : (ReportedStates.Empty, null);
        RunMemory.StageEnded(tracker.Actions.Count); // the raw items and the files they were read from
        var report = RunReport.Build(asOf, time.GetUtcNow(), tracker, history, reminderOptions.Value, driftOptions.Value,
            reported.States.ReportedOn);

        // A run for a day before the newest snapshot (a look back) must not rewrite later history, nor put an old
        // week's dashboard over the current one or send an old week's digests: it runs as a dry run.
        var recordable = history.Days.Count == 0 || asOf >= history.Days[^1].AsOf;
        var mode = request.DryRun ? RunMode.DryRun : recordable ? RunMode.Live : RunMode.LookBack;
        // Retention (State__RetentionDays): history older than the cut-off is dropped as today's snapshot is recorded.
        var cutoff = StateRetention.Cutoff(asOf, stateOptions.Value);
        var updated = recordable
            ? Stamped(StateRetention.Prune(
                history.Record(report.Snapshot(await AuditedAsync(history, asOf, cancellationToken)), report.PublicCounts()), cutoff))
            : history;
        var warnings = RunWarnings.For(read, tracker, reminderOptions.Value, request.Remind);
        if (foreign is not null) warnings = [foreign, .. warnings];
        report = report.Recorded(updated) with { Warnings = warnings };
        foreach (var warning in warnings) logger.LogWarning("Run warning: {Warning}", warning);
        stages.Mark("compare");
        // The stored history as read and what recording today's snapshot copied: on a rerun, as large as the actions.
        // A rerun that recorded nothing new copied nothing, and the history as read lives on as the one recorded.
        if (history.Days.Count > 0 && !ReferenceEquals(updated, history)) RunMemory.StageEnded(tracker.Actions.Count);
        return new Compared(history, historyVersion, foreign, report, mode, updated, warnings, cutoff, reported);
    }

    /// <summary>
    /// The record stage of a live run: the published marker (when the site was published and it moved), the history,
    /// the screened texts, then retention. Returns whether the history was written.
    /// </summary>
    private async Task<bool> RecordAsync(Recording r, CancellationToken cancellationToken)
    {
        if (r.Site is { } site && (site.Changed || r.Stored.Marker?.Input != r.Input))
        {
            var marker = JsonSerializer.SerializeToUtf8Bytes(
                new PublishedMarker(site.Fingerprint!, site.Model.GeneratedAt, r.Input) { Withheld = r.Withheld });
            await state.WriteAsync(PublishedDocument, marker, r.Stored.Version, cancellationToken);
        }
        var historyWritten = false;
        if (!ReferenceEquals(r.Updated, r.History))
        {
            await state.WriteAsync(HistoryDocument, HistoryJson.Serialize(r.Updated), r.HistoryVersion, cancellationToken);
            historyWritten = true;
        }
        if (r.Texts is { Known.Changed: true }) await WriteScreenedTextsAsync(r.Texts, cancellationToken);
        var pruned = await StateRetention.PruneLedgersAsync(state, r.Cutoff, cancellationToken);
        if (pruned.Count > 0)
            logger.LogInformation("Retention: {Count} reminder ledger(s) older than {Cutoff} deleted", pruned.Count,
                DriftCalculator.Iso(r.Cutoff));
        await MaintainAuditAsync(cancellationToken);
        return historyWritten;
    }

    /// <summary>The run's one line for whoever started it.</summary>
    private static string RunMessage(ReminderResult? sent)
    {
        var failures = sent?.Failed.Count ?? 0;
        // One line however many failed: when the mail service is down every digest fails for the same reason.
        var message = failures > 0
            ? $"{(failures == 1 ? "1 digest" : $"{failures} digests")} could not be sent ({sent!.Failed[0].Key}: {sent.Failed[0].Error}); " +
              $"{(failures == 1 ? "it stays" : "they stay")} due and go{(failures == 1 ? "es" : "")} out on the next run."
            : "Completed.";
        if (sent is { Unconfirmed.Count: > 0 })
            message += $" {sent.Unconfirmed.Count} digest(s) unconfirmed, not resent (see the coordinator's summary): " +
                       $"{string.Join(", ", sent.Unconfirmed)}.";
        return message;
    }

    /// <summary>
    /// One structured line per run: the thing to look for in the logs. A problem with the lists themselves (the hide
    /// column missing) makes it a warning, and leads it.
    /// </summary>
    private void LogRun(ParsedTracker tracker, RunStatus status, DateOnly asOf, DashboardSummary summary, RunReport report,
        PublishResult? published, ReminderResult? sent, bool historyWritten, RunMode mode, long started, StageTimes stages)
    {
        var setup = tracker.SetupProblems;
        logger.Log(setup.Count > 0 ? LogLevel.Warning : LogLevel.Information,
            "{SetupProblems}Run {Status} as of {AsOf}: {Total} actions, {Open} open, {Overdue} overdue, {DueSoon} due soon, " +
            "{Findings} findings; site {Written} written/{Unchanged} unchanged; " +
            "digests {Sent} sent, {AlreadySent} already sent, {Failed} failed, {Unconfirmed} unconfirmed; " +
            "history {HistoryWritten}; {Mode}; {ElapsedMs} ms ({Stages})",
            setup.Count > 0 ? $"SET-UP PROBLEM: {string.Join(" ", setup)} " : "", status, DriftCalculator.Iso(asOf),
            summary.Total, summary.Open, summary.Overdue,
            summary.DueSoon, report.CoordinatorFindings.Count, published?.Written ?? 0, published?.Unchanged ?? 0,
            sent?.Sent.Count ?? 0, sent?.AlreadySent.Count ?? 0, sent?.Failed.Count ?? 0, sent?.Unconfirmed.Count ?? 0,
            historyWritten ? "written" : "unchanged", mode, (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds, stages);
    }

    /// <param name="Reported">The reported states as read, with their version.</param>
    private sealed record Compared(TrackerHistory History, string? HistoryVersion, string? Foreign, RunReport Report, RunMode Mode,
        TrackerHistory Updated, IReadOnlyList<string> Warnings, DateOnly Cutoff, (ReportedStates States, string? Version) Reported);

    /// <summary>What the record stage writes: <see cref="Site"/> is null when nothing was published.</summary>
    private sealed record Recording(StableDashboard? Site, StoredMarker Stored, string Input, TrackerHistory History,
        TrackerHistory Updated, string? HistoryVersion, StoredTexts? Texts, DateOnly Cutoff, IReadOnlyList<WithheldValue> Withheld);

    /// <summary>
    /// The public model and what its screen withheld, with the screened texts it used; none of it on an unchanged run
    /// (<paramref name="unchanged"/> is then the marker of the published run) whose marker says what was withheld: the
    /// same inputs, settings and build screen alike, so the coordinator's summary and the run's report list those values.
    /// An unchanged run under a marker from before it kept them screens for the summary, as before.
    /// Texts the last run passed are not screened again (the same text, the same screen: the same findings).
    /// </summary>
    private async Task<(ScreenedDashboard?, StoredTexts?)> ScreenAsync(RunReport report, PublishedMarker? unchanged, bool remind,
        CancellationToken cancellationToken)
    {
        if (unchanged is not null && (unchanged.Withheld is not null || !remind)) return (null, null);
        var texts = await ReadScreenedTextsAsync(cancellationToken);
        return (DashboardBuilder.Screened(report, dashboardOptions.Value.Comments, texts.Known), texts);
    }

    /// <summary>The host's preview; null where it keeps none, so nothing is rendered for it.</summary>
    private IRunPreview? Kept => preview is NoRunPreview ? null : preview;

    /// <summary>The history as it is written: marked as this tracker's (a new instance when the mark is new, so it is written).</summary>
    private TrackerHistory Stamped(TrackerHistory history) =>
        identity == TrackerIdentity.Unstated || history.Tracker == identity.Name ? history : history with { Tracker = identity.Name };

    /// <summary>The update audit keeps its text for Updates__AuditTextDays and its records for State__RetentionDays.</summary>
    private async Task MaintainAuditAsync(CancellationToken cancellationToken)
    {
        var updates = updatesOptions.Value;
        var retention = stateOptions.Value;
        var (stripped, deleted) = await Updates.UpdateAudit.MaintainAsync(state, time.GetUtcNow(), updates.AuditTextDays,
            retention.RetentionDays, cancellationToken);
        await Updates.LinkAllowance.PruneAsync(state, time.GetUtcNow(), cancellationToken);
        deleted += await Updates.NewLink.PruneAsync(state, time.GetUtcNow(), retention.RetentionDays, cancellationToken);
        if (stripped + deleted > 0)
            logger.LogInformation(
                "Update audit: text removed from {Stripped} records older than {TextDays} days, " +
                "{Deleted} records older than {RetentionDays} days deleted",
                stripped, updates.AuditTextDays, deleted, retention.RetentionDays);
    }

    private async Task<(ParsedTracker, RunWarnings.ReadFacts, byte[])> ReadAndUnderstandAsync(StageTimes stages, CancellationToken cancellationToken)
    {
        var lists = await source.ReadAsync(cancellationToken);
        stages.Mark("read");
        var tracker = parser.Parse(lists);
        var hash = RunFingerprint.OfLists(lists);
        stages.Mark("understand");
        return (tracker, RunWarnings.Observe(lists, tracker), hash);
    }

    /// <summary>The settings whose values change a published file; a new one that does is one more entry here.</summary>
    private IEnumerable<object> OutputSettings() =>
        [dashboardOptions.Value, reminderOptions.Value, driftOptions.Value, .. parser.Settings];

    /// <summary>Builds the public model, fixes its generatedAt, and publishes it (or previews it) as streamed files.</summary>
    private async Task<(StableDashboard, PublishResult?)> RenderAndPublishAsync(bool publish, RunMode mode, PublicDashboard model,
        RunReport report, StoredMarker stored, CancellationToken cancellationToken)
    {
        var site = StableDashboard.Of(model, stored.Marker);
        if (mode != RunMode.Live) Kept?.Clear();
        if (!publish || (mode != RunMode.Live && Kept is null)) return (site, null);
        var target = mode == RunMode.Live ? publisher : Kept!.Site;
        string? written = null;
        var files = SiteBuilder.Build(site.Model, dashboardOptions.Value, history: report.History, jsonHashed: hash => written = hash);
        var published = await target.PublishAsync(files, cancellationToken);
        // A changed document's hash comes from writing it; a publisher that did not write it leaves one pass to do here.
        return (site with { Fingerprint = site.Fingerprint ?? written ?? DashboardJson.Hash(DashboardDocument.From(site.Model)) }, published);
    }

    /// <summary>
    /// The latest update through a link to each item since the previous day's snapshot, from the private audit: such an
    /// update counts on the day it was made, whatever the list's own modified date says by the time of the run.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, DateTimeOffset>?> AuditedAsync(TrackerHistory history, DateOnly asOf,
        CancellationToken cancellationToken)
    {
        var previous = history.Days.LastOrDefault(d => d.AsOf < asOf);
        if (previous is null) return null;
        var updates = await Updates.UpdateAudit.ReadAsync(state, previous.TakenAt, time.GetUtcNow(), cancellationToken);
        var latest = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var u in updates) latest[u.ItemId] = u.At; // oldest first, so the last one wins
        return latest;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private async Task<(TrackerHistory, string?)> LoadHistoryAsync(CancellationToken cancellationToken)
    {
        var stored = await state.ReadAsync(HistoryDocument, cancellationToken);
        if (stored is null) return (TrackerHistory.Empty, null);
        try
        {
            return (HistoryJson.Deserialize(stored.Content.Span), stored.Version);
        }
        catch (JsonException e)
        {
            throw new PipelineException($"The stored history ({HistoryDocument}) is unreadable: {e.Message}", e);
        }
    }

    private async Task<StoredMarker> ReadMarkerAsync(CancellationToken cancellationToken)
    {
        var stored = await state.ReadAsync(PublishedDocument, cancellationToken);
        try
        {
            return new StoredMarker(stored is null ? null : JsonSerializer.Deserialize<PublishedMarker>(stored.Content.Span), stored?.Version);
        }
        catch (JsonException)
        {
            // An unreadable marker only costs one rewrite of the site.
            return new StoredMarker(null, stored!.Version);
        }
    }

    /// <summary>The texts the last run's screen passed (none when the document is missing, unreadable or another screen's).</summary>
    private async Task<StoredTexts> ReadScreenedTextsAsync(CancellationToken cancellationToken)
    {
        var stored = await state.ReadAsync(ScreenedTexts.Document, cancellationToken);
        return new StoredTexts(stored is null ? ScreenedTexts.None() : ScreenedTexts.Read(stored.Content.Span), stored?.Version);
    }

    /// <summary>
    /// Written after the history, and only a cache: another writer in between (the lock lost) costs the next run a full
    /// screen, not this run its record.
    /// </summary>
    private async Task WriteScreenedTextsAsync(StoredTexts texts, CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteAsync(ScreenedTexts.Document, texts.Known.Serialize(), texts.Version, cancellationToken);
        }
        catch (StateConflictException)
        {
            logger.LogWarning("The screened texts ({Document}) changed during the run; this run's were not kept",
                ScreenedTexts.Document);
        }
    }

    private sealed record StoredTexts(ScreenedTexts Known, string? Version);

    /// <param name="Version">The version of published.json read at the start, for the conditional write.</param>
    private sealed record StoredMarker(PublishedMarker? Marker, string? Version);

    /// <summary>
    /// generatedAt is the moment the content last changed, so a run that finds nothing new produces byte-identical
    /// files and the publisher writes nothing. The document is hashed as serialised with the last published
    /// generatedAt (a pass that keeps nothing): if that hashes the same, nothing changed. A changed document's
    /// <paramref name="Fingerprint"/> is null until it is written.
    /// </summary>
    private sealed record StableDashboard(PublicDashboard Model, string? Fingerprint, bool Changed)
    {
        public static StableDashboard Of(PublicDashboard dashboard, PublishedMarker? marker)
        {
            if (marker is not null)
            {
                var same = dashboard with { GeneratedAt = marker.GeneratedAt };
                if (DashboardJson.Hash(DashboardDocument.From(same)) == marker.Fingerprint)
                    return new StableDashboard(same, marker.Fingerprint, false);
            }
            return new StableDashboard(dashboard, null, true);
        }
    }

    /// <summary>
    /// How long each stage took, for the run's log line: where to look when a run gets slow. Besides the wall clock, the
    /// CPU time of the whole process (every thread, the collector's too), which other work on the machine disturbs less.
    /// </summary>
    private sealed class StageTimes
    {
        private readonly List<(string Stage, long Ms, long CpuMs)> _stages = [];
        private long _last = Stopwatch.GetTimestamp();
        private TimeSpan _lastCpu = Environment.CpuUsage.TotalTime;

        public void Mark(string stage)
        {
            var now = Stopwatch.GetTimestamp();
            var cpu = Environment.CpuUsage.TotalTime;
            _stages.Add((stage, (long)Stopwatch.GetElapsedTime(_last, now).TotalMilliseconds, (long)(cpu - _lastCpu).TotalMilliseconds));
            (_last, _lastCpu) = (now, cpu);
        }

        public override string ToString() => string.Join(", ", _stages.Select(s => $"{s.Stage} {s.Ms} ms (CPU {s.CpuMs} ms)"));
    }

    /// <param name="Fingerprint">The SHA-256 of the published dashboard.json.</param>
    /// <param name="Input">The <see cref="RunFingerprint"/> of the run that published it; null in markers written before it existed.</param>
    private sealed record PublishedMarker(string Fingerprint, DateTimeOffset GeneratedAt, string? Input = null)
    {
        /// <summary>
        /// What the screen withheld from the run that published: private, for the summary of an unchanged rerun. Null in
        /// markers written before it was kept.
        /// </summary>
        public IReadOnlyList<WithheldValue>? Withheld { get; init; }
    }
}
