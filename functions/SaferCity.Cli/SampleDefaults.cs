using Microsoft.Extensions.Configuration;

namespace SaferCity.Cli;

/// <summary>
/// A run on the bundled sample (tracker.json, or tracker-week5.json five weeks on) should show everything the
/// product does, the coordinator's summary included, so it gets the sample partnership's coordinator. Real runs
/// (a file of one's own, even a copy of the sample, or a SharePoint site) never do: they are warned instead.
/// </summary>
internal static class SampleDefaults
{
    public const string Coordinator = "scp.coordinator@example.gov.uk";

    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Reminders:Coordinator"] = Coordinator,
    };

    public static bool Applies(IConfiguration configuration) =>
        IsBundled(configuration["Local:TrackerFile"]) && IsBundled(configuration["Local:LeadsFile"]) &&
        string.IsNullOrEmpty(configuration["Tracker:SiteUrl"]) &&
        string.IsNullOrEmpty(configuration["Reminders:Coordinator"]);

    /// <summary>No file (the sample is the fallback), or a file in the sample folder, in the repository or next to the CLI.</summary>
    private static bool IsBundled(string? file)
    {
        if (string.IsNullOrEmpty(file)) return true;
        var folder = new FileInfo(file).Directory;
        return folder is { Name: "sample", Parent.Name: "SaferCity.Cli" } ||
               string.Equals(folder?.FullName, Path.Combine(AppContext.BaseDirectory, "sample"), StringComparison.Ordinal);
    }
}
