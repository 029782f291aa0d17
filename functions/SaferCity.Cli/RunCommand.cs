using Microsoft.Extensions.DependencyInjection;
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
        Console.WriteLine(RunSummary.Describe(outcome, context.Services, owedOnly ? asOf.DayOfWeek : null));
        foreach (var warning in outcome.Warnings ?? []) Console.Error.WriteLine($"Warning: {warning}");
        if (outcome.Status is RunStatus.CompletedWithFailures or RunStatus.Skipped)
        {
            Console.Error.WriteLine(outcome.Message);
            return 1;
        }
        return 0;
    }
}
