using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Cli;

/// <summary>check: what a run would make of the SharePoint lists, on one screen; exit 0 when a run will work, 2 otherwise.</summary>
internal static class CheckCommand
{
    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        var tracker = context.Services.GetRequiredService<IOptions<TrackerOptions>>().Value;
        if (string.IsNullOrWhiteSpace(tracker.SiteUrl))
            throw new SettingsException("check needs the SharePoint site: set Tracker__SiteUrl, " +
                "e.g. Tracker__SiteUrl=https://contoso.sharepoint.com/sites/scp.");
        AdminSignIn.Announce("check", context.Services, context.Error);
        var checker = context.Services.GetRequiredService<GraphChecker>();
        var report = await checker.CheckAsync(context.Cancel);
        foreach (var line in report.Lines) context.Out.WriteLine(line);
        if (report.Blocker is null)
        {
            context.Out.WriteLine("A run will work.");
            return 0;
        }
        context.Out.WriteLine($"A run will not work: {report.Blocker}");
        return 2;
    }
}
