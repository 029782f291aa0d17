using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;
using SaferCity.Core.Updates;

namespace SaferCity.Cli;

/// <summary>
/// revoke --lead NAME: every update link issued to that lead until now stops working (a digest was forwarded, a
/// mailbox was lost). The next digest carries fresh links, which work. It writes the state's revocations.json, so with
/// Storage__AccountUrl (or --storage) it withdraws the cloud's links, as the Functions app reads the same state.
/// </summary>
internal static class RevokeCommand
{
    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        var name = cli.Values.GetValueOrDefault(CliCommands.RevokeLead.Name);
        if (string.IsNullOrWhiteSpace(name)) throw new UsageException("revoke needs the lead: revoke --lead \"Community Safety Team\".");
        var services = context.Services;
        var lists = await services.GetRequiredService<ITrackerSource>().ReadAsync(context.Cancel);
        var directory = services.GetRequiredService<TrackerParser>().Parse(lists).Directory;
        var matches = directory.Resolve(name);
        if (matches.Count != 1)
            throw new UsageException($"revoke: no one lead in the leads list is called \"{name}\" " +
                                     $"(leads: {string.Join(", ", directory.Leads.Select(l => l.Name))}).");
        var lead = matches[0];
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // by item id: survives a rename
        await LinkRevocations.RevokeAsync(services.GetRequiredService<IStateStore>(), lead.LinkKey, now, context.Cancel);
        var uk = TimeZoneInfo.ConvertTime(now, UkClock.London);
        context.Out.WriteLine($"Update links issued to {lead.Name} before {uk:d MMMM yyyy HH:mm} (UK time) are withdrawn. " +
                          "The links in its next digest will work.");
        return 0;
    }
}
