using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.SendGrid;

namespace SaferCity.Functions;

/// <summary>What only the Functions host adds to <c>AddSaferCity</c>: telemetry, the cloud-only settings checks, no local outbox.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>ASP.NET Core's request log ("Request starting … ?link=…"): kept to warnings in the worker as in host.json.</summary>
    public const string HostingDiagnostics = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static IServiceCollection AddSaferCityFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        // No update link's token leaves in telemetry: the route and the link's id stay, the credential does not.
        services.AddApplicationInsightsTelemetryProcessor<UpdateTokenRedactor>();
        // The Application Insights logger keeps only warnings by default; the run's summary line is Information.
        services.Configure<LoggerFilterOptions>(options =>
        {
            var rule = options.Rules.FirstOrDefault(r =>
                r.ProviderName == "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider");
            if (rule is not null) options.Rules.Remove(rule);
        });
        // The worker's own server logs each proxied request with its query string, where an update link's token is: the
        // same filter host.json sets for the host (azure-functions-host#11602).
        services.AddLogging(logging => logging.AddFilter(HostingDiagnostics, LogLevel.Warning));

        services.AddOptions<CloudSettings>()
            .Configure(s =>
            {
                s.Storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
                s.TrackerSiteUrl = configuration["Tracker:SiteUrl"];
            })
            .Validate(s => s.Storage.IsConfigured,
                "Storage__AccountUrl (or Storage__ConnectionString) is required: the Functions app keeps its site and state in Blob storage.")
            .Validate(s => Uri.TryCreate(s.TrackerSiteUrl, UriKind.Absolute, out _),
                "Tracker__SiteUrl is required: the SharePoint site that holds the tracker list.")
            .ValidateOnStart();

        // In the cloud there is no outbox anyone reads: without a usable SendGrid key, every digest fails
        // with the reason and stays due in the ledger, so it goes out on the first run after the key is fixed.
        services.AddSingleton<IEmailSender>(sp =>
        {
            var sendGrid = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
            return sendGrid.HasApiKey
                ? sp.GetRequiredService<SendGridEmailSender>()
                : new UnavailableEmailSender(sendGrid.IsUnresolvedReference
                    ? "SendGrid__ApiKey is a Key Vault reference the app could not resolve (check the secret and the app's access to the vault)"
                    : "SendGrid__ApiKey is not set");
        });
        return services;
    }

    /// <summary>Fails every send with one reason; the ledger keeps the digests due.</summary>
    internal sealed class UnavailableEmailSender(string reason) : IEmailSender
    {
        public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(SendResult.Failed(reason));
    }

    /// <summary>Settings the CLI may leave out (it falls back to folders and the sample) but the cloud may not.</summary>
    internal sealed class CloudSettings
    {
        public StorageOptions Storage { get; set; } = new();

        public string? TrackerSiteUrl { get; set; }
    }
}
