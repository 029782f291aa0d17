using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SaferCity.Cli;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Composition;

// Exit codes: 0 done; 1 the run failed (or digests could not be sent, or an import could not write);
// 2 a usage or settings mistake (or a file that import refused).
// Whatever happens, a problem is one plain line on stderr: never a stack trace.
CliArguments cli;
try
{
    cli = CliArguments.Parse(args);
}
catch (UsageException e)
{
    return UsageMistake(e);
}
if (cli.Help)
{
    Console.WriteLine(CliCommands.Usage());
    return 0;
}
var command = cli.Command!;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    ContentRootPath = AppContext.BaseDirectory,
    EnvironmentName = Environments.Production,
});
builder.Configuration.AddInMemoryCollection(cli.Settings);
if (SampleDefaults.Applies(builder.Configuration)) builder.Configuration.AddInMemoryCollection(SampleDefaults.Settings);

// The person at the terminal reads the CLI's own lines; the log (each step, the run's structured line) is for --verbose, on stderr.
builder.Logging.ClearProviders();
if (cli.Verbose)
{
    builder.Logging.AddConsole();
    builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
}
// Update links are signed; on this machine, without a configured key, with one kept in the state folder.
builder.Configuration.AddInMemoryCollection(LocalSigningKey.Settings(builder.Configuration));
builder.Services.AddSaferCity(builder.Configuration);
builder.Services.AddLocalPreview();
// provision, import and check sign in as an admin when Graph__AdminClientId is set; everything else keeps the app's identity.
builder.Services.AddAdminSignIn(builder.Configuration, command.Name, Console.Error);
// --as-of another day sets the run's clock to 07:00 UK that day (emails, update links, the "Updated by leads" window).
if (command.Name == "run" && AsOfClock.For(cli.AsOf) is { } clock)
{
    builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SetupNotice>(sp, (TimeProvider)clock));
    builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ReminderService>(sp, (TimeProvider)clock));
    builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TrackerPipeline>(sp, (TimeProvider)clock));
}

if (SettingsCheck.FirstProblem(builder.Configuration, builder.Services) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var failed = command.Name == "provision" ? "Provisioning failed" : $"{char.ToUpperInvariant(command.Name[0])}{command.Name[1..]} failed";

try
{
    if (command.OwnHost is { } ownHost) return await ownHost(cli, cancel.Token);
    using var host = builder.Build();
    await host.StartAsync(cancel.Token); // validates every option before anything runs
    var code = await command.Handler!(cli, new CliContext(host.Services, cancel.Token));
    await host.StopAsync(CancellationToken.None);
    return code;
}
catch (UsageException e)
{
    // A mistake only the started command can see (import without anywhere to write).
    return UsageMistake(e);
}
catch (SettingsException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (OptionsValidationException e)
{
    Console.Error.WriteLine(OneLine(SettingsCheck.EnvNames(string.Join(" ", e.Failures))));
    return 2;
}
catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
{
    Console.Error.WriteLine(OneLine(SettingsCheck.EnvNames(e.Message)));
    return 2;
}
catch (PipelineException e)
{
    Console.Error.WriteLine($"{failed}: {OneLine(e.Message)}");
    return 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled; nothing was recorded.");
    return 130;
}
catch (Exception e)
{
    // Whatever went wrong, the person at the terminal gets one line, and the exit code says it failed.
    Console.Error.WriteLine($"{failed}: {e.GetType().Name}: {OneLine(e.Message)}");
    return 1;
}

static int UsageMistake(UsageException e)
{
    Console.Error.WriteLine($"{e.Message} {CliCommands.HelpHint}");
    return 2;
}

static string OneLine(string text) =>
    string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
