using Microsoft.Graph;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using GraphListItem = Microsoft.Graph.Models.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The tracker and leads lists from SharePoint through Microsoft Graph: one site lookup, one lookup
/// per list, then the items page by page with only the mapped columns. Reads everything or throws.
/// </summary>
public sealed class GraphTrackerSource(GraphServiceClient client, TrackerOptions options, TrackerColumns columns, LeadColumns leadColumns)
    : ITrackerSource
{
    /// <summary>The largest page SharePoint serves; fewer pages means fewer chances to be throttled.</summary>
    public const int PageSize = 5000;

    public async Task<TrackerLists> ReadAsync(CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("Graph: Tracker__SiteUrl is not set.");
        var siteId = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        var trackerId = await RequireListAsync(siteId, siteUrl, options.ListName, cancellationToken);
        var leadsId = await RequireListAsync(siteId, siteUrl, options.LeadsListName, cancellationToken);
        var tracker = await ReadItemsAsync(siteId, trackerId, options.ListName, columns.All(), cancellationToken);
        var leads = await ReadItemsAsync(siteId, leadsId, options.LeadsListName, leadColumns.All(), cancellationToken);
        return new TrackerLists(tracker, leads);
    }

    /// <summary>The leads list alone (the update form names the lead a link was sent to).</summary>
    public async Task<IReadOnlyList<ListItem>> ReadLeadsAsync(CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("Graph: Tracker__SiteUrl is not set.");
        var siteId = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        var leadsId = await RequireListAsync(siteId, siteUrl, options.LeadsListName, cancellationToken);
        return await ReadItemsAsync(siteId, leadsId, options.LeadsListName, leadColumns.All(), cancellationToken);
    }

    internal async Task<string> RequireListAsync(string siteId, string siteUrl, string name, CancellationToken cancellationToken) =>
        await GraphCalls.FindListIdAsync(client, siteId, name, cancellationToken)
        ?? throw new PipelineException($"Graph: the site {siteUrl} has no list named '{name}' (check Tracker__ListName and Tracker__LeadsListName).");

    private async Task<IReadOnlyList<ListItem>> ReadItemsAsync(
        string siteId, string listId, string listName, IEnumerable<string> select, CancellationToken cancellationToken)
    {
        var what = $"reading items of list '{listName}'";
        var items = client.Sites[siteId].Lists[listId].Items;
        var page = 1;
        var response = await GraphCalls.CallAsync(what, () => items.GetAsync(r =>
        {
            r.QueryParameters.Expand = [$"fields(select={string.Join(',', select.Distinct(StringComparer.OrdinalIgnoreCase))})"];
            r.QueryParameters.Top = PageSize;
            r.QueryParameters.Select = ["id", "lastModifiedDateTime", "webUrl"];
        }, cancellationToken), cancellationToken, $" on page {page}");

        var result = new List<ListItem>();
        while (true)
        {
            foreach (var item in response.Value ?? []) result.Add(ToListItem(item, result.Count + 1));
            if (response.OdataNextLink is not { Length: > 0 } next) return result;
            page++;
            response = await GraphCalls.CallAsync(what, () => items.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
                cancellationToken, $" on page {page}");
        }
    }

    internal static ListItem ToListItem(GraphListItem item, int index)
    {
        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in item.Fields?.AdditionalData ?? new Dictionary<string, object>())
            fields.TryAdd(name, GraphFieldValues.Normalise(value));
        return new ListItem(item.Id ?? $"#{index}", item.LastModifiedDateTime, fields) { WebUrl = item.WebUrl, ETag = item.ETag };
    }
}
