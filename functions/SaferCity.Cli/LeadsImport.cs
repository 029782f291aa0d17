using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Import;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Cli;

/// <summary>
/// import into SharePoint with a table of leads in the file (no --leads OUT.json): the leads go to the leads list.
/// The list is read and the plan printed first, so a list that cannot take them refuses the import before anything is written.
/// </summary>
internal sealed class LeadsImport(GraphLeadsTarget target, LeadsPlan plan, TextWriter stdout)
{
    public static async Task<LeadsImport> PlanAsync(IReadOnlyList<ImportedLead> leads, IServiceProvider services, bool overwrite,
        TextWriter stdout, CancellationToken cancellationToken)
    {
        var target = new GraphLeadsTarget(services.GetRequiredService<Microsoft.Graph.GraphServiceClient>(),
            services.GetRequiredService<IOptions<TrackerOptions>>().Value, services.GetRequiredService<IOptions<LeadColumns>>().Value);
        var existing = await target.ReadAsync(cancellationToken);
        var plan = LeadsPlan.Make(target.ListName, leads, existing, services.GetRequiredService<IOptions<LeadColumns>>().Value, overwrite);
        foreach (var line in LeadsTable.Describe(leads).Concat(plan.Describe())) stdout.WriteLine(line);
        return new LeadsImport(target, plan, stdout);
    }

    public async Task ApplyAsync(bool dryRun, CancellationToken cancellationToken)
    {
        if (dryRun) stdout.WriteLine($"Dry run: nothing was written to the leads list '{plan.ListName}'.");
        else if (!plan.HasWrites) stdout.WriteLine($"The leads list '{plan.ListName}' already matches the file: nothing written.");
        else
        {
            await target.ApplyAsync(plan, cancellationToken);
            stdout.WriteLine($"Imported into the leads list '{plan.ListName}': {plan.Writes.Count} leads written, " +
                $"{plan.Unchanged.Count} unchanged.");
        }
    }
}
