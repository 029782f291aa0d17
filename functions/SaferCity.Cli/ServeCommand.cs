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

    public static async Task<int> RunAsync(CliArguments cli, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        var port = cli.Port ?? DefaultPort;
        builder.Configuration.AddInMemoryCollection(cli.Settings);
        if (SampleDefaults.Applies(builder.Configuration)) builder.Configuration.AddInMemoryCollection(SampleDefaults.Settings);
        // serve means updates are on: without a base URL, links point here.
        if (string.IsNullOrEmpty(builder.Configuration["Updates:BaseUrl"]))
            builder.Configuration.AddInMemoryCollection([new("Updates:BaseUrl", $"http://127.0.0.1:{port}")]);
        builder.Configuration.AddInMemoryCollection(LocalSigningKey.Settings(builder.Configuration));

        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, port); // loopback only: nothing on the network can reach it
        });
        builder.Services.AddSaferCity(builder.Configuration);
        if (AsOfClock.For(cli.AsOf) is { } clock)
            builder.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<UpdateService>(sp, (TimeProvider)clock));

        await using var app = builder.Build();
        app.MapMethods("/{token}", ["GET", "HEAD", "POST"], (HttpContext context, string token, UpdateService service) =>
            UpdateEndpoint.HandleAsync(context, token, service, behindProxy: false));
        await app.StartAsync(cancellationToken);

        var local = app.Services.GetRequiredService<IOptions<LocalOptions>>().Value;
        var updates = app.Services.GetRequiredService<IOptions<UpdatesOptions>>().Value;
        var target = app.Services.GetRequiredService<IUpdateTarget>() switch
        {
            SaferCity.Core.Local.FileUpdateTarget => Path.GetFullPath(local.TrackerFile ?? Path.Combine(local.SampleDir, "tracker.json")),
            _ => "the SharePoint list",
        };
        Console.WriteLine($"Serving update links on {app.Urls.FirstOrDefault()} (links start {updates.BaseUrl}/).");
        Console.WriteLine($"Updates are written to {target}. Press Ctrl+C to stop.");
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
}
