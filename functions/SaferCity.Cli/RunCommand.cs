using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Cli;

/// <summary>run: the pipeline once. The figures go to stdout; warnings and the one-line reason for a failure to stderr.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        var outcome = await context.Services.GetRequiredService<TrackerPipeline>()
            .RunAsync(new RunRequest(cli.AsOf, DryRun: cli.Has(CliCommands.DryRun)), context.Cancel);
        Console.WriteLine(RunSummary.Describe(outcome, context.Services));
        PruneOutbox(outcome, context.Services);
        foreach (var warning in outcome.Warnings ?? []) Console.Error.WriteLine($"Warning: {warning}");
        if (outcome.Status is RunStatus.CompletedWithFailures or RunStatus.Skipped)
        {
            Console.Error.WriteLine(outcome.Message);
            return 1;
        }
        return 0;
    }

    /// <summary>The local outbox holds whole digests (comments included): it is kept no longer than the state (State__RetentionDays).</summary>
    private static void PruneOutbox(RunOutcome outcome, IServiceProvider services)
    {
        if (outcome is not { Mode: RunMode.Live, Report: { } report } || services.GetService<IEmailSender>() is not OutboxEmailSender outbox) return;
        var retention = services.GetRequiredService<IOptions<StateOptions>>().Value;
        var deleted = outbox.Prune(StateRetention.Cutoff(report.AsOf, retention));
        if (deleted > 0) Console.WriteLine($"Retention: {deleted} email(s) older than {retention.RetentionDays} days deleted from {Path.GetFullPath(outbox.Folder)}.");
    }
}
