using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Infrastructure.Composition;

internal static class StorageRegistration
{
    /// <summary>State (history, ledger, run lock) and the published site: local folders.</summary>
    public static IServiceCollection AddStateAndSite(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IStateStore>(sp => new FolderStateStore(Local(sp).ResolvedStateDir));
        services.AddSingleton<IRunLock>(sp => new FolderRunLock(Local(sp).ResolvedStateDir));
        services.AddSingleton<ISitePublisher>(sp => new FolderSitePublisher(Path.Combine(Local(sp).OutDir, "site")));
        return services;
    }

    private static LocalOptions Local(IServiceProvider sp) => sp.GetRequiredService<IOptions<LocalOptions>>().Value;
}
