using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SaferCity.Core.Import;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Graph;
using SaferCity.Infrastructure.Import;

namespace SaferCity.Cli;

/// <summary>
/// <c>import FILE [--dry-run] [--tracker OUT.json]</c>: the partnership's tracker from Word, Excel or CSV into the
/// SharePoint list (Tracker__SiteUrl), or into a Graph list-items file that <c>run --tracker</c> reads.
/// Exit codes as for <c>run</c>: 0 done, 2 usage, settings or a refused file, 1 a failed write.
/// </summary>
internal static class ImportCommand
{
    public const string Usage = """
          safercity import FILE [--dry-run] [--tracker OUT.json]

          Reads the tracker table from a Word (.docx), Excel (.xlsx) or CSV file and brings the list in
          Tracker__SiteUrl up to date by action number: new actions created, changed fields updated,
          nothing deleted (actions missing from the file are listed). --tracker writes a Graph list-items
          file instead. --dry-run prints the plan and writes nothing.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        string? file = null, output = null;
        var dryRun = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "-h" or "--help":
                    Console.WriteLine(Usage);
                    return 0;
                case "--dry-run": dryRun = true; break;
                case "--tracker" when i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal): output = args[++i]; break;
                case "--tracker": return UsageError("--tracker needs a value.");
                case var option when option.StartsWith("--", StringComparison.Ordinal): return UsageError($"Unknown option '{option}'.");
                case var path when file is null: file = path; break;
                default: return UsageError($"One file at a time: '{args[i]}' is a second one.");
            }
        }
        if (file is null) return UsageError("import needs the tracker file to read.");

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Services.AddSaferCity(builder.Configuration);
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        try
        {
            using var host = builder.Build();
            await host.StartAsync(cancel.Token); // validates every option before anything is read
            var services = host.Services;
            var columns = services.GetRequiredService<IOptions<TrackerColumns>>().Value;
            var tracker = services.GetRequiredService<IOptions<TrackerOptions>>().Value;
            if (output is null && string.IsNullOrWhiteSpace(tracker.SiteUrl))
                return UsageError("import needs somewhere to write: --tracker OUT.json, or the SharePoint site in Tracker__SiteUrl.");

            var table = TrackerFile.Read(file);
            IImportTarget target = output is not null
                ? new FileImportTarget(output, services.GetRequiredService<TimeProvider>())
                : new GraphImportTarget(services.GetRequiredService<Microsoft.Graph.GraphServiceClient>(), tracker, columns,
                    services.GetRequiredService<IOptions<GraphOptions>>().Value, services.GetRequiredService<TimeProvider>());
            await new TrackerImporter(columns).ImportAsync(table, target, dryRun, Console.WriteLine, cancel.Token);
            await host.StopAsync(CancellationToken.None);
            return 0;
        }
        catch (ImportRefusedException e)
        {
            Console.Error.WriteLine($"Import refused, nothing written: {e.Message}");
            return 2;
        }
        catch (OptionsValidationException e)
        {
            // Named as the user sets them (Tracker__SiteUrl), on one line, as every other command does.
            Console.Error.WriteLine(SettingsCheck.EnvNames(string.Join(" ", e.Failures)).ReplaceLineEndings(" "));
            return 2;
        }
        catch (PipelineException e)
        {
            Console.Error.WriteLine($"Import failed: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            Console.Error.WriteLine("Import cancelled.");
            return 130;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"Import failed: {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static int UsageError(string problem)
    {
        Console.Error.WriteLine(problem);
        Console.Error.WriteLine(Usage);
        return 2;
    }
}
