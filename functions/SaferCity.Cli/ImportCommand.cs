using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Import;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;
using SaferCity.Infrastructure.Import;

namespace SaferCity.Cli;

/// <summary>
/// import: the partnership's tracker from Word, Excel or CSV into the SharePoint list (Tracker__SiteUrl), or with
/// --tracker into a Graph list-items file that <c>run --tracker</c> reads. The plan is printed before anything is written.
/// </summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        var services = context.Services;
        var output = cli.Values.GetValueOrDefault(CliCommands.ImportInto.Name);
        var tracker = services.GetRequiredService<IOptions<TrackerOptions>>().Value;
        var dryRun = cli.Has(CliCommands.ImportDryRun);
        if (output is not null && cli.Has(CliCommands.ImportLeads))
            throw new UsageException("import reads a tracker (--tracker OUT.json) or a table of leads (--leads OUT.json), one at a time.");
        var nowhere = output is null && !cli.Has(CliCommands.ImportLeads) && string.IsNullOrWhiteSpace(tracker.SiteUrl);
        if (nowhere && !dryRun)
            throw new UsageException("import needs somewhere to write: --tracker OUT.json, or the SharePoint site in Tracker__SiteUrl " +
                "(or --dry-run to see the plan only).");

        var columns = services.GetRequiredService<IOptions<TrackerColumns>>().Value;
        var time = services.GetRequiredService<TimeProvider>();
        try
        {
            if (cli.Values.GetValueOrDefault(CliCommands.ImportLeads.Name) is { } leadsFile)
                return ImportLeads(cli.Argument!, leadsFile, dryRun, services.GetRequiredService<IOptions<LeadColumns>>().Value, time,
                    context.Out);
            var choices = ColumnChoices.Parse(cli.All(CliCommands.ImportColumn));
            var document = TrackerFile.ReadDocument(cli.Argument!);
            var toList = !nowhere && output is null;
            if (toList) AdminSignIn.Announce("import", services, context.Error);
            // Into SharePoint, a table of leads in the file goes to the leads list: read and planned before anything is written.
            var leads = toList && LeadsTable.Find(document) is { } found
                ? await LeadsImport.PlanAsync(found, services, cli.Has(CliCommands.ImportOverwrite), context.Out, context.Cancel)
                : null;
            if (leads is null || TrackerTableReader.HasTrackerHeadings(document, choices))
            {
                var table = TrackerTableReader.Read(Path.GetFileName(cli.Argument!), document, choices);
                IImportTarget target = nowhere ? new NoImportTarget()
                    : output is not null ? new FileImportTarget(output, time)
                    : new GraphImportTarget(services.GetRequiredService<Microsoft.Graph.GraphServiceClient>(), tracker, columns,
                        services.GetRequiredService<IOptions<GraphOptions>>().Value, time, services.GetRequiredService<SiteTimeZone>());
                await new TrackerImporter(columns).ImportAsync(table, target, dryRun, context.Out.WriteLine, context.Cancel,
                    MemoryPath(output, tracker, services), cli.Has(CliCommands.ImportOverwrite));
            }
            if (leads is not null) await leads.ApplyAsync(dryRun, context.Cancel);
            return 0;
        }
        catch (ImportRefusedException e)
        {
            // The file (or the list-items file to update) cannot be imported: refused whole before the list is written.
            context.Error.WriteLine($"Import refused, nothing written: {e.Message}");
            return 2;
        }
        catch (OperationCanceledException) when (context.Cancel.IsCancellationRequested)
        {
            // Not the run's "nothing was recorded": batches sent before Ctrl+C stay in the list, and importing again finishes.
            context.Error.WriteLine("Import cancelled.");
            return 130;
        }
    }

    /// <summary>A table of leads into the Graph list-items file run --leads reads; the plan names leads with no usable address.</summary>
    private static int ImportLeads(string file, string output, bool dryRun, LeadColumns columns, TimeProvider time, TextWriter stdout)
    {
        var leads = LeadsTable.Read(Path.GetFileName(file), TrackerFile.ReadDocument(file));
        foreach (var line in LeadsTable.Describe(leads)) stdout.WriteLine(line);
        if (dryRun)
        {
            stdout.WriteLine($"Dry run: nothing was written to {Path.GetFileName(output)}.");
            return 0;
        }
        LeadsTable.Write(output, leads, columns, time.GetUtcNow());
        stdout.WriteLine($"Imported {leads.Count} leads into {Path.GetFileName(output)}: use it with run --leads {output}.");
        return 0;
    }

    /// <summary>
    /// Where the import remembers what it wrote: beside a tracker file, or in the state folder for the SharePoint list
    /// (one file per site and list, so two lists never share a memory).
    /// </summary>
    private static string? MemoryPath(string? output, TrackerOptions tracker, IServiceProvider services)
    {
        if (output is not null) return output + ".import-memory.json";
        if (string.IsNullOrWhiteSpace(tracker.SiteUrl)) return null;
        var configuration = services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>();
        var state = configuration["Local:StateDir"] ?? Path.Combine(configuration["Local:OutDir"] ?? "out", "state");
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes($"{tracker.SiteUrl}|{tracker.ListName}")))[..12];
        return Path.Combine(state, $"import-memory-{key}.json");
    }
}
