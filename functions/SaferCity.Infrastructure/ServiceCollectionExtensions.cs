using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure.Composition;

namespace SaferCity.Infrastructure;

/// <summary>
/// The one composition root shared by the Functions app and the CLI. Which adapter serves each edge
/// follows from configuration: a SharePoint site means Graph, a storage account means Blob storage,
/// a SendGrid key means SendGrid; without them, local files and folders.
/// </summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddSaferCity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<RemindersOptions>(configuration, RemindersOptions.Section);
        services.AddValidatedOptions<DriftOptions>(configuration, DriftOptions.Section);
        services.AddValidatedOptions<DashboardOptions>(configuration, DashboardOptions.Section);
        services.AddValidatedOptions<TrackerColumns>(configuration, "Tracker:Columns");
        services.AddValidatedOptions<LeadColumns>(configuration, "Tracker:LeadColumns");
        services.AddValidatedOptions<LocalOptions>(configuration, LocalOptions.Section);
        services.AddValidatedOptions<UpdatesOptions>(configuration, UpdatesOptions.Section);
        services.AddValidatedOptions<StateOptions>(configuration, StateOptions.Section);
        services.AddValidatedOptions<PrivacyOptions>(configuration, PrivacyOptions.Section);
        services.PostConfigure<DashboardOptions>(d => configuration.GetSection(PrivacyOptions.Section).Bind(d.Privacy));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new TrackerParser(
            sp.GetRequiredService<IOptions<TrackerColumns>>().Value, sp.GetRequiredService<IOptions<LeadColumns>>().Value));
        // Signing, limits and the set-up notice are made here once, never inside the services that use them.
        services.AddSingleton(sp => LinkSigning.From(sp.GetRequiredService<IOptions<UpdatesOptions>>().Value));
        services.AddSingleton(sp => UpdateLimits.From(sp.GetRequiredService<IStateStore>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<UpdatesOptions>>().Value));
        services.AddSingleton<SetupNotice>();
        services.AddSingleton<ReminderService>();
        services.AddSingleton<TrackerPipeline>();

        // One registration per edge; each picks its adapter from configuration.
        services.AddTrackerSource(configuration);
        services.AddStateAndSite(configuration);
        services.AddEmail(configuration);
        if (configuration.GetValue<bool>($"{LocalOptions.Section}:{nameof(LocalOptions.DryRun)}")) services.AddLocalPreview();
        // Without a local preview, a dry or look-back run keeps nothing (the Functions app); the CLI adds its own after this.
        services.TryAddSingleton<IRunPreview>(NoRunPreview.Instance);
        return services;
    }

    /// <summary>
    /// Binds a section and validates it with DataAnnotations when the host starts, so a bad setting stops it with a message naming the setting.
    /// </summary>
    public static IServiceCollection AddValidatedOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(new SettingsSection(typeof(T), section));
        return services;
    }
}

/// <summary>
/// A settings section and the options type bound to it, one per <see cref="ServiceCollectionExtensions.AddValidatedOptions{T}"/>:
/// lets the CLI check every setting before the host starts and name a bad one as the user typed it (Reminders__DueSoonDays).
/// </summary>
public sealed record SettingsSection(Type OptionsType, string Section);
