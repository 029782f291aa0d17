using Microsoft.Extensions.Configuration;

namespace SaferCity.Cli;

/// <summary>
/// A run on the bundled sample should show everything the product does, the coordinator's summary included,
/// so it gets the sample partnership's coordinator. Real runs (own files or a SharePoint site) never do.
/// </summary>
internal static class SampleDefaults
{
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Reminders:Coordinator"] = "scp.coordinator@example.gov.uk",
    };

    public static bool Applies(IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration["Local:TrackerFile"]) &&
        string.IsNullOrEmpty(configuration["Tracker:SiteUrl"]) &&
        string.IsNullOrEmpty(configuration["Reminders:Coordinator"]);
}
