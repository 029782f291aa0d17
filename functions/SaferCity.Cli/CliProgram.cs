using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Composition;

namespace SaferCity.Cli;

/// <summary>
/// One invocation of the CLI, from its arguments to its exit code. Program.cs runs it on the process's console; tests
/// run it in process on writers of their own (<see cref="CliSession"/>), which is the same code without the cost of
/// starting a process.
/// Exit codes: 0 done; 1 the run failed (or digests could not be sent, or an import could not write);
/// 2 a usage or settings mistake (or a file that import refused); 130 cancelled.
/// Whatever happens, a problem is one plain line on stderr: never a stack trace.
/// </summary>
public static class CliProgram
{
    public static async Task<int> RunAsync(string[] args, CliSession session, CancellationToken cancel)
    {
        CliArguments cli;
        try
        {
            cli = CliArguments.Parse(args);
        }
        catch (UsageException e)
        {
            return UsageMistake(e, session.Error);
        }
        if (cli.Help)
        {
            await session.Out.WriteLineAsync(CliCommands.Usage());
            return 0;
        }
        var builder = Builder(cli, session);
        if (SettingsCheck.FirstProblem(builder.Configuration, builder.Services) is { } problem)
        {
            await session.Error.WriteLineAsync(problem);
            return 2;
        }
        return await RunCommandAsync(cli, builder, session, cancel);
    }

    /// <summary>The command's host: the settings (environment, then the session's, then the command line's) and the composition.</summary>
    private static HostApplicationBuilder Builder(CliArguments cli, CliSession session)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(session.Settings).AddInMemoryCollection(cli.Settings);
        if (SampleDefaults.Applies(builder.Configuration)) builder.Configuration.AddInMemoryCollection(SampleDefaults.Settings);

        // The person at the terminal reads the CLI's own lines; the log (each step, the run's structured line) is for
        // --verbose, on stderr.
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
        // provision, import and check sign in as an admin when Graph__AdminClientId is set; everything else keeps the
        // app's identity.
        var command = cli.Command!;
        builder.Services.AddAdminSignIn(builder.Configuration, command.Name, session.Error);
        // --as-of another day sets the run's clock to 07:00 UK that day (emails, update links, the "Updated by leads" window).
        if (command.Name == "run" && AsOfClock.For(cli.AsOf) is { } clock)
        {
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<SetupNotice>(sp, (TimeProvider)clock));
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<ReminderService>(sp, (TimeProvider)clock));
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<TrackerPipeline>(sp, (TimeProvider)clock));
        }
        return builder;
    }

    private static async Task<int> RunCommandAsync(CliArguments cli, HostApplicationBuilder builder, CliSession session,
        CancellationToken cancel)
    {
        var command = cli.Command!;
        var failed = command.Name == "provision" ? "Provisioning failed"
            : $"{char.ToUpperInvariant(command.Name[0])}{command.Name[1..]} failed";
        var stderr = session.Error;
        try
        {
            if (command.OwnHost is { } ownHost) return await ownHost(cli, session, cancel);
            using var host = builder.Build();
            await host.StartAsync(cancel); // validates every option before anything runs
            var code = await command.Handler!(cli, new CliContext(host.Services, session.Out, stderr, cancel));
            await host.StopAsync(CancellationToken.None);
            return code;
        }
        catch (UsageException e)
        {
            // A mistake only the started command can see (import without anywhere to write).
            return UsageMistake(e, stderr);
        }
        catch (SettingsException e)
        {
            return Problem(stderr, e.Message, 2);
        }
        catch (OptionsValidationException e)
        {
            return Problem(stderr, OneLine(SettingsCheck.EnvNames(string.Join(" ", e.Failures))), 2);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal))
        {
            return Problem(stderr, OneLine(SettingsCheck.EnvNames(e.Message)), 2);
        }
        catch (PipelineException e)
        {
            return Problem(stderr, $"{failed}: {OneLine(e.Message)}", 1);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return Problem(stderr, "Cancelled; nothing was recorded.", 130);
        }
        catch (Exception e)
        {
            // Whatever went wrong, the person at the terminal gets one line, and the exit code says it failed.
            return Problem(stderr, $"{failed}: {e.GetType().Name}: {OneLine(e.Message)}", 1);
        }
    }

    private static int UsageMistake(UsageException e, TextWriter stderr) => Problem(stderr, $"{e.Message} {CliCommands.HelpHint}", 2);

    private static int Problem(TextWriter stderr, string line, int exitCode)
    {
        stderr.WriteLine(line);
        return exitCode;
    }

    private static string OneLine(string text) =>
        string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
