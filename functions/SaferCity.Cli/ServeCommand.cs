using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Updates;

namespace SaferCity.Cli;

/// <summary>
/// <c>serve</c>: the update form on 127.0.0.1, the same endpoint code as the Functions app's <c>UpdateAction</c>.
/// Updates go to the tracker file (--tracker, else the bundled sample the CLI reads) or, with Tracker__SiteUrl, to SharePoint.
/// </summary>
internal static class ServeCommand
{
    public const int DefaultPort = 7071;

    public static async Task<int> RunAsync(CliArguments cli, CliSession session, CancellationToken cancellationToken)
    {
        var port = cli.Port ?? DefaultPort;
        var (builder, keyFile) = Builder(cli, session.Settings, port);
        await using var app = builder.Build();
        app.MapMethods("/{rest?}", ["GET", "HEAD", "POST"], (HttpContext context, string? rest, UpdateService service) =>
            UpdateEndpoint.HandleAsync(context, rest, service, behindProxy: false));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            await session.Error.WriteLineAsync($"Serve failed: {StartFailure(e, port)}");
            return 1;
        }

        Describe(app, keyFile, session.Out);
        try
        {
            await app.WaitForShutdownAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        await app.StopAsync(CancellationToken.None);
        return 0;
    }

    /// <summary>The serve host: the settings (links point here, a local key), one-line logs, loopback only, the composition.</summary>
    private static (WebApplicationBuilder Builder, string? KeyFile) Builder(CliArguments cli,
        IReadOnlyDictionary<string, string?> settings, int port)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.Configuration.AddInMemoryCollection(settings).AddInMemoryCollection(cli.Settings);
        if (SampleDefaults.Applies(builder.Configuration)) builder.Configuration.AddInMemoryCollection(SampleDefaults.Settings);
        // serve means updates are on: without a base URL, links point here.
        if (string.IsNullOrEmpty(builder.Configuration["Updates:BaseUrl"]))
            builder.Configuration.AddInMemoryCollection([new("Updates:BaseUrl", $"http://127.0.0.1:{port}")]);
        var keyFile = LocalSigningKey.PathFor(builder.Configuration);
        builder.Configuration.AddInMemoryCollection(LocalSigningKey.Settings(builder.Configuration));

        // One line per event (a refused link: its id and the reason); the framework's own start-up errors are
        // reported by RunAsync as one plain line instead of Kestrel's stack trace.
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            .AddFilter("Microsoft.AspNetCore", LogLevel.None).AddFilter("Microsoft.Hosting", LogLevel.None);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port); // loopback only: nothing on the network can reach it
        });
        builder.Services.AddSaferCity(builder.Configuration);
        if (AsOfClock.For(cli.AsOf) is { } clock)
        {
            builder.Services.AddSingleton(sp => UpdateLimits.From(sp.GetRequiredService<SaferCity.Core.Model.IStateStore>(), clock,
                sp.GetRequiredService<IOptions<UpdatesOptions>>().Value));
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<UpdateService>(sp, (TimeProvider)clock));
        }
        return (builder, keyFile);
    }

    /// <summary>Where links point, where updates are written, and the state and key that decide which links are valid.</summary>
    private static void Describe(WebApplication app, string? keyFile, TextWriter stdout)
    {
        var local = app.Services.GetRequiredService<IOptions<LocalOptions>>().Value;
        var updates = app.Services.GetRequiredService<IOptions<UpdatesOptions>>().Value;
        var target = app.Services.GetRequiredService<IUpdateTarget>() switch
        {
            SaferCity.Core.Local.FileUpdateTarget => Path.GetFullPath(local.TrackerFile ?? Path.Combine(local.SampleDir, "tracker.json")),
            _ => "the SharePoint list",
        };
        stdout.WriteLine(
            $"Serving update links on {app.Urls.FirstOrDefault()} (links start {updates.BaseUrl?.TrimEnd('/')}/?{UpdateLink.Field}=).");
        stdout.WriteLine($"Updates are written to {target}. Press Ctrl+C to stop.");
        var state = app.Services.GetRequiredService<SaferCity.Core.Model.IStateStore>() is SaferCity.Core.Local.FolderStateStore folder
            ? folder.Root : "Blob storage (Storage__ConnectionString or Storage__AccountUrl)";
        // A link from a run with another state folder or key is refused as not valid: say which ones this serve uses.
        stdout.WriteLine(
            $"State (audit, limits, revocations): {state}. Signing key: {(keyFile is null ? "Updates__SigningKey" : keyFile)}.");
    }

    /// <summary>Why Kestrel could not listen, in words, naming the port.</summary>
    internal static string StartFailure(Exception e, int port)
    {
        var socket = e as System.Net.Sockets.SocketException ?? e.InnerException as System.Net.Sockets.SocketException;
        return socket?.SocketErrorCode switch
        {
            System.Net.Sockets.SocketError.AddressAlreadyInUse =>
                $"port {port} on 127.0.0.1 is already in use (another serve, or another program): stop it, or choose another port with --port.",
            System.Net.Sockets.SocketError.AccessDenied =>
                $"no permission to listen on port {port} (ports below 1024 need administrator rights): choose another with --port.",
            System.Net.Sockets.SocketError.AddressNotAvailable => $"cannot listen on 127.0.0.1 port {port}: this machine has no such address.",
            _ when e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) =>
                $"port {port} on 127.0.0.1 is already in use (another serve, or another program): stop it, or choose another port with --port.",
            _ => $"cannot listen on 127.0.0.1 port {port}: {e.Message.Split('\n')[0].Trim()}",
        };
    }
}
