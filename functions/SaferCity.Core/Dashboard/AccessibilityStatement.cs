using System.Globalization;
using System.Reflection;
using SaferCity.Core.Html;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// accessibility.html: the statement UK public-sector websites publish, in the sections of GOV.UK's model statement.
/// It covers the dashboard, the committee paper, the feed and the update service. What it says readers can do, and
/// how that was tested, comes from <see cref="AccessibilityChecks"/>, each of which a Chromium test checks. It depends
/// only on the settings and the build, never on the data, so it is rewritten only when they change. The markup is
/// StatementPage.razor.
/// </summary>
public static class AccessibilityStatement
{
    public const string Path = "accessibility.html";

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The day this version was built and its checks run (the assembly's BuildDate), yyyy-MM-dd.</summary>
    public static string BuildDate { get; } =
        typeof(AccessibilityStatement).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildDate")?.Value
        ?? throw new InvalidOperationException("The assembly has no BuildDate.");

    public static string Render(DashboardOptions options, IReadOnlyDictionary<string, string> assetVersions) =>
        PageRenderer.Render<StatementPage>(12 * 1024, new Dictionary<string, object?>
        {
            [nameof(StatementPage.Options)] = options,
            [nameof(StatementPage.AssetVersions)] = assetVersions,
        });

    internal static string Long(string iso) =>
        DateOnly.TryParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMMM yyyy", Uk) : iso;
}
