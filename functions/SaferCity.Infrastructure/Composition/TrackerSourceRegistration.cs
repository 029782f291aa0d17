using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Local;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Infrastructure.Composition;

internal static class TrackerSourceRegistration
{
    /// <summary>The key of the update form's Graph client.</summary>
    public const string FormClient = "form";

    private static GraphServiceClient CreateClient(IServiceProvider sp, bool form)
    {
        var options = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
        return GraphClients.Create(form ? options.ForForm() : options, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Title, Credential(sp, options, form));
    }

    // The form keeps the app's identity whatever the process chose; an emulator gets no token unless a sign-in was chosen.
    private static TokenCredential? Credential(IServiceProvider sp, GraphOptions options, bool form) =>
        (form ? null : sp.GetService<GraphSignIn>()?.Credential) ?? (options.IsEmulator ? null : sp.GetRequiredService<TokenCredential>());

    // SharePoint's own REST API (regional settings, permissions): the same throttling-aware pipeline, a token for SharePoint itself.
    private static SharePointRest CreateSharePointRest(IServiceProvider sp)
    {
        var graph = sp.GetRequiredService<IOptions<GraphOptions>>().Value;
        return new SharePointRest(sp.GetRequiredService<IOptions<TrackerOptions>>().Value, graph,
            GraphClients.CreateHttp(graph, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Title),
            Credential(sp, graph, form: false));
    }

    /// <summary>
    /// Files given on the command line win (a missing one falls back to the sample's); else the SharePoint
    /// site in Tracker__SiteUrl through Graph; else the bundled sample.
    /// </summary>
    public static IServiceCollection AddTrackerSource(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<GraphOptions>(configuration, GraphOptions.Section);
        services.AddValidatedOptions<TrackerOptions>(configuration, TrackerOptions.Section);

        // Built only when something asks for it, so runs from files never touch Graph or credentials.
        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.AddSingleton(CreateSharePointRest);
        services.AddSingleton(sp =>
            SiteTimeZone.For(sp.GetRequiredService<IOptions<TrackerOptions>>().Value, sp.GetRequiredService<SharePointRest>()));
        services.AddSingleton(sp => CreateClient(sp, form: false));
        // The update form has its own client: a lead at a browser gets the busy page, not a five-minute wait.
        services.AddKeyedSingleton(FormClient, (sp, _) => CreateClient(sp, form: true));
        services.AddSingleton(sp => new GraphTrackerSource(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<IOptions<TrackerOptions>>().Value,
            sp.GetRequiredService<IOptions<TrackerColumns>>().Value, sp.GetRequiredService<IOptions<LeadColumns>>().Value,
            sp.GetRequiredService<SiteTimeZone>()));
        services.AddSingleton(sp => new GraphChecker(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<IOptions<TrackerOptions>>().Value,
            sp.GetRequiredService<IOptions<TrackerColumns>>().Value, sp.GetRequiredService<IOptions<LeadColumns>>().Value,
            sp.GetRequiredService<SiteTimeZone>(), sp.GetRequiredService<SharePointRest>()));
        services.AddSingleton(sp => new GraphProvisioner(
            sp.GetRequiredService<GraphServiceClient>(), sp.GetRequiredService<IOptions<TrackerOptions>>().Value,
            sp.GetRequiredService<IOptions<TrackerColumns>>().Value, sp.GetRequiredService<IOptions<LeadColumns>>().Value,
            sp.GetRequiredService<IOptions<LocalOptions>>().Value, sp.GetRequiredService<SiteTimeZone>()));

        services.AddSingleton(sp =>
        {
            var client = sp.GetRequiredKeyedService<GraphServiceClient>(FormClient);
            var tracker = sp.GetRequiredService<IOptions<TrackerOptions>>().Value;
            var trackerColumns = sp.GetRequiredService<IOptions<TrackerColumns>>().Value;
            return new GraphUpdateTarget(client,
                new GraphTrackerSource(client, tracker, trackerColumns, sp.GetRequiredService<IOptions<LeadColumns>>().Value,
                    sp.GetRequiredService<SiteTimeZone>()),
                tracker, trackerColumns);
        });

        // Updates go where the run reads from: the same files, or the same SharePoint list.
        services.AddSingleton<IUpdateTarget>(sp => Lists.Of(sp) is { Graph: false } files
            ? new FileUpdateTarget(files.TrackerFile, files.LeadsFile, sp.GetRequiredService<TimeProvider>())
            : sp.GetRequiredService<GraphUpdateTarget>());
        services.AddSingleton<UpdateService>();

        // Which tracker the history is of, decided as the source is: the list, or the file.
        services.AddSingleton(sp =>
        {
            var tracker = sp.GetRequiredService<IOptions<TrackerOptions>>().Value;
            return Lists.Of(sp).Graph
                ? TrackerIdentity.OfList(tracker.SiteUrl!, tracker.ListName)
                : sp.GetRequiredService<IOptions<LocalOptions>>().Value.TrackerIdentity;
        });

        services.AddSingleton<ITrackerSource>(sp => Lists.Of(sp) is { Graph: false } files
            ? new FileTrackerSource(files.TrackerFile, files.LeadsFile, sp.GetRequiredService<IOptions<TrackerColumns>>().Value.HideFromDashboard)
            {
                SampleLeads = sp.GetRequiredService<IOptions<LocalOptions>>().Value.OwnTrackerWithSampleLeads,
            }
            : sp.GetRequiredService<GraphTrackerSource>());
        return services;
    }

    /// <summary>Where the two lists are, decided once for reading and updating: the SharePoint site, or two files.</summary>
    private sealed record Lists(bool Graph, string TrackerFile, string LeadsFile)
    {
        public static Lists Of(IServiceProvider sp)
        {
            var local = sp.GetRequiredService<IOptions<LocalOptions>>().Value;
            var siteUrl = sp.GetRequiredService<IOptions<TrackerOptions>>().Value.SiteUrl;
            return new Lists(local.TrackerFile is null && local.LeadsFile is null && !string.IsNullOrWhiteSpace(siteUrl),
                local.TrackerFile ?? Path.Combine(local.SampleDir, "tracker.json"), local.LeadsFile ?? Path.Combine(local.SampleDir, "leads.json"));
        }
    }
}
