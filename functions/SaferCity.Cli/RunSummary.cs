using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Cli;

/// <summary>What a person wants to read after a local run: the figures and where the files went.</summary>
internal static class RunSummary
{
    public static string Describe(RunOutcome outcome, IServiceProvider services)
    {
        if (outcome.Dashboard is not { } d) return outcome.Message;
        var lines = new List<string>
        {
            $"As of {d.AsOf}: {d.Summary.Total} actions, {d.Summary.Complete} complete, {d.Summary.Open} open " +
            $"({d.Summary.Red} red, {d.Summary.Amber} amber, {d.Summary.Green} green); {d.Summary.Overdue} overdue, " +
            $"{d.Summary.DueSoon} due soon, {d.Summary.RagMismatch} RAG mismatch; {d.DataQuality.Count} data-quality findings.",
        };
        if (services.GetService<ISitePublisher>() is FolderSitePublisher site)
            lines.Add($"Dashboard: {Path.Combine(site.Folder, "index.html")} ({outcome.Published?.Written ?? 0} files written, {outcome.Published?.Unchanged ?? 0} unchanged)");
        if (outcome.Reminders is { } r)
        {
            var where = services.GetService<IEmailSender>() is OutboxEmailSender outbox ? $" to {Path.GetFullPath(outbox.Folder)}" : "";
            lines.Add($"Digests for {r.Week}: {r.Sent.Count} sent{where}, {r.AlreadySent.Count} already sent this week, " +
                      $"{r.Failed.Count} failed, {r.Unconfirmed.Count} unconfirmed.");
        }
        return string.Join(Environment.NewLine, lines);
    }
}
