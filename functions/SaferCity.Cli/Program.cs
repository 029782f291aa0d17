using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SaferCity.Cli;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Graph;

CliArguments cli;
try
{
    cli = CliArguments.Parse(args);
    if (cli.Command is not ("run" or "provision" or "serve")) throw new UsageException($"Unknown command '{cli.Command}'.");
}
catch (UsageException e)
{
    if (e.Problem is not null) Console.Error.WriteLine(e.Problem);
    Console.Error.WriteLine(CliArguments.Usage);
    return e.Problem is null ? 0 : 2;
}

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environments.Production,
});
builder.Configuration.AddInMemoryCollection(cli.Settings);
if (SampleDefaults.Applies(builder.Configuration)) builder.Configuration.AddInMemoryCollection(SampleDefaults.Settings);
builder.Configuration.AddInMemoryCollection(LocalSigningKey.Settings(builder.Configuration));
builder.Services.AddSaferCity(builder.Configuration);

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

try
{
    if (cli.Command == "serve") return await ServeCommand.RunAsync(cli, cancel.Token);
    using var host = builder.Build();
    await host.StartAsync(cancel.Token); // validates every option before anything runs
    if (cli.Command == "provision")
    {
        var lines = await host.Services.GetRequiredService<GraphProvisioner>().ProvisionAsync(cli.ImportSample, cancel.Token);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
        return 0;
    }
    var dryRun = host.Services.GetRequiredService<IOptions<LocalOptions>>().Value.DryRun;
    var outcome = await host.Services.GetRequiredService<TrackerPipeline>()
        .RunAsync(new RunRequest(cli.AsOf, DryRun: dryRun), cancel.Token);
    await host.StopAsync(CancellationToken.None);
    Console.WriteLine(RunSummary.Describe(outcome, host.Services));
    if (outcome.Status is RunStatus.CompletedWithFailures or RunStatus.Skipped)
    {
        Console.Error.WriteLine(outcome.Message);
        return 1;
    }
    return 0;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine($"Invalid setting: {string.Join(" ", e.Failures)}");
    return 2;
}
catch (PipelineException e)
{
    Console.Error.WriteLine($"{(cli.Command == "provision" ? "Provisioning" : "Run")} failed: {e.Message}");
    return 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Run cancelled; nothing was recorded.");
    return 130;
}
catch (Exception e)
{
    // Whatever went wrong, the person at the terminal gets one line, and the exit code says it failed.
    Console.Error.WriteLine($"{(cli.Command == "provision" ? "Provisioning" : "Run")} failed: {e.GetType().Name}: {e.Message}");
    return 1;
}
