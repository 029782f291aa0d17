using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;

namespace SaferCity.Cli;

/// <summary>run: the pipeline once. The figures go to stdout; warnings and the one-line reason for a failure to stderr.</summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        var outcome = await context.Services.GetRequiredService<TrackerPipeline>()
            .RunAsync(new RunRequest(cli.AsOf, DryRun: cli.Has(CliCommands.DryRun)), context.Cancel);
        Console.WriteLine(RunSummary.Describe(outcome, context.Services));
        foreach (var warning in outcome.Warnings ?? []) Console.Error.WriteLine($"Warning: {warning}");
        if (context.Services.GetRequiredService<IOptions<LocalOptions>>().Value.OwnTrackerWithSampleLeads)
            Console.Error.WriteLine($"Warning: {FileTrackerSource.SampleLeadsWarning}");
        if (outcome.Status is RunStatus.CompletedWithFailures or RunStatus.Skipped)
        {
            Console.Error.WriteLine(outcome.Message);
            return 1;
        }
        return 0;
    }
}
