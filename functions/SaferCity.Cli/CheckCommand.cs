using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Cli;

/// <summary>check: what a run would make of the SharePoint lists, on one screen; exit 0 when a run will work, 2 otherwise.</summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        var tracker = context.Services.GetRequiredService<IOptions<TrackerOptions>>().Value;
        if (string.IsNullOrWhiteSpace(tracker.SiteUrl))
            throw new SettingsException("check needs the SharePoint site: set Tracker__SiteUrl, e.g. " +
                "Tracker__SiteUrl=https://contoso.sharepoint.com/sites/scp.");
        var checker = new GraphChecker(context.Services.GetRequiredService<Microsoft.Graph.GraphServiceClient>(), tracker,
            context.Services.GetRequiredService<IOptions<TrackerColumns>>().Value, context.Services.GetRequiredService<IOptions<LeadColumns>>().Value,
            context.Services.GetRequiredService<SiteTimeZone>(), context.Services.GetRequiredService<SharePointRest>());
        var report = await checker.CheckAsync(context.Cancel);
        foreach (var line in report.Lines) Console.WriteLine(line);
        if (report.Blocker is null)
        {
            Console.WriteLine("A run will work.");
            return 0;
        }
        Console.WriteLine($"A run will not work: {report.Blocker}");
        return 2;
    }
}
