using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Infrastructure.Composition;

internal static class TrackerSourceRegistration
{
    /// <summary>
    /// Files given on the command line win (a missing one falls back to the sample's); else the SharePoint
    /// site in Tracker__SiteUrl through Graph; else the bundled sample.
    /// </summary>
    public static IServiceCollection AddTrackerSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GraphOptions>(configuration, GraphOptions.Section);
        services.AddValidatedOptions<TrackerOptions>(configuration, TrackerOptions.Section);

        // Built only when something asks for it, so runs from files never touch Graph or credentials.
        services.AddSingleton(sp => GraphClients.Create(sp.GetRequiredService<IOptions<GraphOptions>>().Value));
        services.AddSingleton(sp => new GraphTrackerSource(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<IOptions<TrackerOptions>>().Value,
            sp.GetRequiredService<IOptions<TrackerColumns>>().Value, sp.GetRequiredService<IOptions<LeadColumns>>().Value));
        services.AddSingleton(sp => new GraphProvisioner(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<IOptions<TrackerOptions>>().Value,
            sp.GetRequiredService<IOptions<TrackerColumns>>().Value, sp.GetRequiredService<IOptions<LeadColumns>>().Value,
            sp.GetRequiredService<IOptions<LocalOptions>>().Value));

        services.AddSingleton(sp => new GraphUpdateTarget(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<GraphTrackerSource>(),
            sp.GetRequiredService<IOptions<TrackerOptions>>().Value, sp.GetRequiredService<IOptions<TrackerColumns>>().Value));

        // Updates go where the run reads from: the same files, or the same SharePoint list.
        services.AddSingleton<IUpdateTarget>(sp =>
        {
            var local = sp.GetRequiredService<IOptions<LocalOptions>>().Value;
            var tracker = sp.GetRequiredService<IOptions<TrackerOptions>>().Value;
            if (local.TrackerFile is null && local.LeadsFile is null && !string.IsNullOrWhiteSpace(tracker.SiteUrl))
                return sp.GetRequiredService<GraphUpdateTarget>();
            return new FileUpdateTarget(
                local.TrackerFile ?? Path.Combine(local.SampleDir, "tracker.json"),
                local.LeadsFile ?? Path.Combine(local.SampleDir, "leads.json"),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<UpdateService>();

        services.AddSingleton<ITrackerSource>(sp =>
        {
            var local = sp.GetRequiredService<IOptions<LocalOptions>>().Value;
            var tracker = sp.GetRequiredService<IOptions<TrackerOptions>>().Value;
            if (local.TrackerFile is null && local.LeadsFile is null && !string.IsNullOrWhiteSpace(tracker.SiteUrl))
                return sp.GetRequiredService<GraphTrackerSource>();
            return new FileTrackerSource(
                local.TrackerFile ?? Path.Combine(local.SampleDir, "tracker.json"),
                local.LeadsFile ?? Path.Combine(local.SampleDir, "leads.json"),
                sp.GetRequiredService<IOptions<TrackerColumns>>().Value.HideFromDashboard);
        });
        return services;
    }
}
