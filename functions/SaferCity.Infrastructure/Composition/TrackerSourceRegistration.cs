using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Infrastructure.Composition;

internal static class TrackerSourceRegistration
{
    /// <summary>Files given on the command line win; else the bundled sample (a missing file falls back to the sample's).</summary>
    public static IServiceCollection AddTrackerSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<ITrackerSource>(sp =>
        {
            var local = sp.GetRequiredService<IOptions<LocalOptions>>().Value;
            return new FileTrackerSource(
                local.TrackerFile ?? Path.Combine(local.SampleDir, "tracker.json"),
                local.LeadsFile ?? Path.Combine(local.SampleDir, "leads.json"));
        });
        return services;
    }
}
