using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Cli;

/// <summary>provision: create the two lists on the SharePoint site (and, with --import-sample, fill them).</summary>
internal static class ProvisionCommand
{
    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        if (string.IsNullOrWhiteSpace(context.Services.GetRequiredService<IOptions<TrackerOptions>>().Value.SiteUrl))
            throw new SettingsException("provision needs the SharePoint site: set Tracker__SiteUrl, " +
                "e.g. Tracker__SiteUrl=https://contoso.sharepoint.com/sites/scp.");
        AdminSignIn.Announce("provision", context.Services, context.Error);
        var lines = await context.Services.GetRequiredService<GraphProvisioner>().ProvisionAsync(cli.Has(CliCommands.ImportSample), context.Cancel);
        context.Out.WriteLine(string.Join(Environment.NewLine, lines));
        return 0;
    }
}

/// <summary>A setting is missing or wrong for what was asked; exit code 2, like a usage mistake.</summary>
public sealed class SettingsException(string problem) : Exception(problem);
