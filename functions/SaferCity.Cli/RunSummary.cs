using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Cli;

/// <summary>What a person wants to read after a local run: what kind of run it was, the figures, and where the files went.</summary>
internal static class RunSummary
{
    public const string DryRunLine = "DRY RUN: nothing sent, published or recorded";

    /// <param name="owedOnlyOn">The weekday of a run that sent only what the week still owes (not a Monday, no --all-digests).</param>
    public static string Describe(RunOutcome outcome, IServiceProvider services, DayOfWeek? owedOnlyOn = null)
    {
        if (outcome is not { Report: { } report, Summary: { } s }) return outcome.Message;
        var asOf = report.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var preview = outcome.Mode != RunMode.Live;
        var lines = new List<string>();
        if (preview) lines.Add(DryRunLine);
        if (outcome.Mode == RunMode.LookBack)
            lines.Add($"({asOf} is before the newest snapshot, {outcome.NewestSnapshot:yyyy-MM-dd}: a look back never replaces the live " +
                      "dashboard or sends an old week's digests, so it runs as a dry run.)");
        lines.Add($"As of {asOf}: {s.Total} actions, {s.Complete} complete, {s.Open} open " +
                  $"({s.Red} red, {s.Amber} amber, {s.Green} green); {s.Overdue} overdue, " +
                  $"{s.DueSoon} due soon, {s.RagMismatch} RAG mismatch; " +
                  $"{Plural(report.CoordinatorFindings.Count, "data-quality finding")}.");

        var previewFolder = services.GetService<IRunPreview>() is FolderRunPreview p ? p.Folder : null;
        if (preview && previewFolder is not null)
            lines.Add($"Dashboard previewed: {Path.Combine(previewFolder, "site", "index.html")}");
        else if (!preview && services.GetService<ISitePublisher>() is FolderSitePublisher site)
            lines.Add(outcome.Unchanged
                ? $"Dashboard: {Path.Combine(site.Folder, "index.html")} (unchanged since the last run: nothing rendered or written)"
                : $"Dashboard: {Path.Combine(site.Folder, "index.html")} ({outcome.Published?.Written ?? 0} files written, " +
                    $"{outcome.Published?.Unchanged ?? 0} unchanged)");

        if (outcome.Report is { Withheld.Count: > 0 } withheld)
        {
            lines.Add($"Withheld from the dashboard ({Plural(withheld.Withheld.Count, "value")}; also in the coordinator's summary " +
                $"under \"Check this run\"):");
            lines.AddRange(withheld.Withheld.Select(w => "  " + w.Describe()));
        }

        if (outcome.Reminders is { } r)
        {
            var owed = owedOnlyOn is { } day ? $" (a {day}: only what this week still owes; --all-digests sends the week's digests)" : "";
            if (preview)
            {
                var where = previewFolder is null ? "" : $", previewed in {Path.Combine(previewFolder, "outbox")}";
                lines.Add($"Digests for {r.Week}{owed}: would send {r.Sent.Count}{where}; {r.AlreadySent.Count} already sent this week, " +
                    $"{r.Unconfirmed.Count} unconfirmed.");
            }
            else
            {
                var where = services.GetService<IEmailSender>() is OutboxEmailSender outbox ? $" to {Path.GetFullPath(outbox.Folder)}" : "";
                lines.Add($"Digests for {r.Week}{owed}: {r.Sent.Count} sent{where}, {r.AlreadySent.Count} already sent this week, " +
                          $"{r.Failed.Count} failed, {r.Unconfirmed.Count} unconfirmed.");
            }
        }
        return string.Join(Environment.NewLine, lines);
    }

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";
}
