using Microsoft.Graph;
using Microsoft.Graph.Models;
using SaferCity.Core.Import;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using CoreListItem = SaferCity.Core.Model.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The SharePoint leads list (Tracker__LeadsListName) as the target of a table of leads found by <c>import</c> when no
/// --leads file is given. Read whole before anything is written; a list that cannot take the leads right (missing, or
/// with no name or Email column) refuses the import before the tracker list is written either. Leads are few, so each
/// write is its own request, through the retry handler; a failure part-way says which leads were written.
/// </summary>
public sealed class GraphLeadsTarget(GraphServiceClient client, TrackerOptions options, LeadColumns columns)
{
    private string? siteId;
    private string? listId;
    private IReadOnlyDictionary<string, string> internalNames = new Dictionary<string, string>();

    public string ListName => options.LeadsListName;

    public async Task<IReadOnlyList<CoreListItem>> ReadAsync(CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("Graph: Tracker__SiteUrl is not set.");
        // Only the leads are read through it, and the leads list has no dates, so the site's zone is never asked for.
        var source = new GraphTrackerSource(client, options, new TrackerColumns(), columns, SiteTimeZone.London);
        siteId = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        listId = await GraphCalls.FindListIdAsync(client, siteId, options.LeadsListName, cancellationToken)
            ?? throw new ImportRefusedException($"the file holds a table of leads, and the site {siteUrl} has no leads list named " +
                                                $"'{options.LeadsListName}' to put them in (create it with 'provision', or check " +
                                                    $"Tracker__LeadsListName).");
        internalNames = await source.MapLeadsAsync(siteId, listId, cancellationToken);
        var missing = new[] { columns.Name, columns.Email }.Where(c => !internalNames.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new ImportRefusedException($"the leads list '{options.LeadsListName}' has no column for {string.Join(" or ", missing)}, " +
                                             "so the file's leads cannot be written to it (set Tracker__LeadColumns__* to its columns).");
        return await source.ReadLeadsAsync(siteId, listId, internalNames, cancellationToken);
    }

    public async Task ApplyAsync(LeadsPlan plan, CancellationToken cancellationToken)
    {
        if (siteId is null || listId is null) throw new InvalidOperationException("Read the leads list before applying a plan.");
        var items = client.Sites[siteId].Lists[listId].Items;
        var written = new List<string>();
        foreach (var write in plan.Writes)
        {
            var fields = new FieldValueSet
            {
                AdditionalData = write.Fields.Where(f => f.Value is not null && internalNames.ContainsKey(f.Key))
                    .ToDictionary(f => internalNames[f.Key], f => (object)f.Value!),
            };
            try
            {
                var what = $"writing lead '{write.Name}' to the list '{options.LeadsListName}'";
                if (write.ItemId is null) await GraphCalls.CallAsync(what,
                    () => items.PostAsync(new Microsoft.Graph.Models.ListItem { Fields = fields }, cancellationToken: cancellationToken),
                    cancellationToken);
                else await GraphCalls.CallAsync(what, () => items[write.ItemId].Fields.PatchAsync(fields,
                    cancellationToken: cancellationToken), cancellationToken);
                written.Add(write.Name);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                throw new ImportFailedException(e is PipelineException ? e.Message
                    : $"Graph: writing the leads failed: {e.Message.Split('\n', 2)[0].Trim()}",
                    written, [.. plan.Writes.Select(w => w.Name).Except(written)], e);
            }
        }
    }
}
