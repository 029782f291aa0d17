using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Model;
using SaferCity.Infrastructure.Blob;

namespace SaferCity.Infrastructure.Composition;

internal static class StorageRegistration
{
    /// <summary>
    /// State (history, ledger, run lock) and the published site. With Storage:ConnectionString or
    /// Storage:AccountUrl: Blob storage. A dry run still reads state from Blob storage; it writes its previews to
    /// OUT/preview and takes no lock (TrackerPipeline), and even the adapters it is given here are local ones,
    /// so a preview never writes to (or blocks) the real thing.
    /// Without storage settings: local folders.
    /// </summary>
    public static IServiceCollection AddStateAndSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<StorageOptions>(configuration, StorageOptions.Section);
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        var dryRun = configuration.GetValue<bool>($"{LocalOptions.Section}:{nameof(LocalOptions.DryRun)}");

        if (!storage.IsConfigured)
        {
            services.AddSingleton<IStateStore>(sp => new FolderStateStore(Local(sp).ResolvedStateDir));
            services.AddSingleton<IRunLock>(sp => new FolderRunLock(Local(sp).ResolvedStateDir));
            services.AddSingleton<ISitePublisher>(sp => new FolderSitePublisher(Path.Combine(Local(sp).OutDir, "site")));
            return services;
        }

        services.AddSingleton(sp => CreateServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<IStateStore>(sp => new BlobStateStore(StateContainer(sp)));
        if (dryRun)
        {
            services.AddSingleton<IRunLock>(sp => new FolderRunLock(Local(sp).ResolvedStateDir));
            services.AddSingleton<ISitePublisher>(sp => new FolderSitePublisher(Path.Combine(Local(sp).OutDir, "site")));
            return services;
        }
        services.AddSingleton<IRunLock>(sp => new BlobRunLock(StateContainer(sp), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<BlobRunLock>>()));
        services.AddSingleton<ISitePublisher>(sp =>
        {
            var options = Storage(sp);
            var service = sp.GetRequiredService<BlobServiceClient>();
            return new BlobSitePublisher(service, service.GetBlobContainerClient(options.SiteContainer), options.EnableStaticWebsite,
                sp.GetRequiredService<ILogger<BlobSitePublisher>>());
        });
        return services;
    }

    /// <summary>A connection string (Azurite, --storage) wins; else the account URL with the app's managed identity.</summary>
    internal static BlobServiceClient CreateServiceClient(StorageOptions options)
    {
        // The SDK's default gives up only after ~25 s of backing off per call; a run makes a few dozen calls and
        // the next run (or the function's retry) comes soon, so fail within seconds and say why.
        var client = new BlobClientOptions
        {
            Retry =
            {
                MaxRetries = 3, Delay = TimeSpan.FromSeconds(0.5), MaxDelay = TimeSpan.FromSeconds(4), NetworkTimeout = TimeSpan.FromSeconds(30),
            },
        };
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new BlobServiceClient(options.ConnectionString, client)
            : new BlobServiceClient(new Uri(options.AccountUrl!), new DefaultAzureCredential(), client);
    }

    private static BlobContainerClient StateContainer(IServiceProvider sp) =>
        sp.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(Storage(sp).StateContainer);

    private static StorageOptions Storage(IServiceProvider sp) => sp.GetRequiredService<IOptions<StorageOptions>>().Value;

    private static LocalOptions Local(IServiceProvider sp) => sp.GetRequiredService<IOptions<LocalOptions>>().Value;
}
