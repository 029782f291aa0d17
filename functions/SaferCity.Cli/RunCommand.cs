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
        // Like the host: Monday sends the week's digests; another day only what the week still owes (a digest that failed),
        // unless --all-digests asks for the week's plan.
        var asOf = cli.AsOf ?? Core.Rules.UkClock.Today(TimeProvider.System);
        var owedOnly = asOf.DayOfWeek != DayOfWeek.Monday && !cli.Has(CliCommands.AllDigests);
        var outcome = await context.Services.GetRequiredService<TrackerPipeline>()
            .RunAsync(new RunRequest(asOf, DryRun: cli.Has(CliCommands.DryRun), OwedOnly: owedOnly), context.Cancel);
        context.Out.WriteLine(RunSummary.Describe(outcome, context.Services, owedOnly ? asOf.DayOfWeek : null));
        PruneOutbox(outcome, context.Services, context.Out);
        foreach (var warning in outcome.Warnings ?? []) context.Error.WriteLine($"Warning: {warning}");
        if (outcome.Status is RunStatus.CompletedWithFailures or RunStatus.Skipped)
        {
            context.Error.WriteLine(outcome.Message);
            return 1;
        }
        return 0;
    }

    /// <summary>The local outbox holds whole digests (comments included): it is kept no longer than the state (State__RetentionDays).</summary>
    private static void PruneOutbox(RunOutcome outcome, IServiceProvider services, TextWriter stdout)
    {
        if (outcome is not { Mode: RunMode.Live, Report: { } report } || services.GetService<IEmailSender>() is not OutboxEmailSender outbox) return;
        var retention = services.GetRequiredService<IOptions<StateOptions>>().Value;
        var deleted = outbox.Prune(StateRetention.Cutoff(report.AsOf, retention));
        if (deleted > 0) stdout.WriteLine($"Retention: {deleted} email(s) older than {retention.RetentionDays} days deleted from " +
            $"{Path.GetFullPath(outbox.Folder)}.");
    }
}
