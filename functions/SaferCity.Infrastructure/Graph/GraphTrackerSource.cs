using Microsoft.Graph;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using GraphListItem = Microsoft.Graph.Models.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The tracker and leads lists from SharePoint through Microsoft Graph: one site lookup, one lookup
/// per list, one look at the tracker's columns, then the items page by page with only the mapped columns.
/// Reads everything or throws.
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
        var hide = await FindHideColumnAsync(siteId, trackerId, cancellationToken);
        var trackerColumns = columns.All().Where(c => !c.Equals(columns.HideFromDashboard, StringComparison.OrdinalIgnoreCase))
            .Append(hide ?? columns.HideFromDashboard);
        var tracker = await ReadItemsAsync(siteId, trackerId, options.ListName, trackerColumns, hide, cancellationToken);
        var leads = await ReadItemsAsync(siteId, leadsId, options.LeadsListName, leadColumns.All(), null, cancellationToken);
        // Hiding fails closed: with no hide column, no item can be kept off the dashboard, so nothing new is published
        // until the column is there or the admin says the list holds nothing confidential.
        var hold = hide is null && !options.NoConfidentialItems;
        return new TrackerLists(tracker, leads)
        {
            SetupProblems = hold
                ? [$"The tracker list '{options.ListName}' has no column '{columns.HideFromDashboard}' (\"Hide from dashboard\"), so no " +
                   "item can be kept off the public dashboard: nothing new is published until it has one. Add the column as Yes/No, set " +
                   "Tracker__Columns__HideFromDashboard to the internal name of the column that does this, or set " +
                   "Tracker__NoConfidentialItems=true if the list holds nothing confidential."]
                : [],
            HoldPublishing = hold,
        };
    }

    /// <summary>
    /// The internal name of the tracker's hide column, checked once per run: SharePoint leaves a field out of an item
    /// when it is empty, so its absence from items cannot tell a missing column from items nobody hid. Found by the
    /// configured name, by the name SharePoint gives "Hide from dashboard" created in its web page, or by display
    /// name. Null when the list has none.
    /// </summary>
    private async Task<string?> FindHideColumnAsync(string siteId, string listId, CancellationToken cancellationToken)
    {
        var response = await GraphCalls.CallAsync($"reading the columns of list '{options.ListName}'",
            () => client.Sites[siteId].Lists[listId].Columns.GetAsync(r => r.QueryParameters.Select = ["name", "displayName"], cancellationToken),
            cancellationToken);
        var listColumns = response.Value ?? [];
        return (listColumns.FirstOrDefault(c => Same(c.Name, columns.HideFromDashboard))
                ?? listColumns.FirstOrDefault(c => Same(c.Name, TrackerColumns.HideFromDashboardUiName))
                ?? listColumns.FirstOrDefault(c => Letters(c.DisplayName) is { Length: > 0 } shown &&
                                                   (shown == Letters(columns.HideFromDashboard) || shown == "hidefromdashboard")))?.Name;

        static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
        static string Letters(string? text) => string.Concat((text ?? "").Where(char.IsLetterOrDigit)).ToLowerInvariant();
    }

    /// <summary>The leads list alone, by ids the caller keeps (the update form names the lead a link was sent to).</summary>
    internal Task<IReadOnlyList<ListItem>> ReadLeadsAsync(string siteId, string leadsId, CancellationToken cancellationToken) =>
        ReadItemsAsync(siteId, leadsId, options.LeadsListName, leadColumns.All(), null, cancellationToken);

    internal async Task<string> RequireListAsync(string siteId, string siteUrl, string name, CancellationToken cancellationToken) =>
        await GraphCalls.FindListIdAsync(client, siteId, name, cancellationToken)
        ?? throw new PipelineException($"Graph: the site {siteUrl} has no list named '{name}' (check Tracker__ListName and Tracker__LeadsListName).");

    /// <param name="hideColumn">The hide column's internal name, when it is not the configured one: its values are
    /// handed on under the configured name, so the parser reads them.</param>
    private async Task<IReadOnlyList<ListItem>> ReadItemsAsync(
        string siteId, string listId, string listName, IEnumerable<string> select, string? hideColumn, CancellationToken cancellationToken)
    {
        var rename = hideColumn is not null && !hideColumn.Equals(columns.HideFromDashboard, StringComparison.OrdinalIgnoreCase) ? hideColumn : null;
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
            foreach (var item in response.Value ?? []) result.Add(ToListItem(item, result.Count + 1, rename, columns.HideFromDashboard));
            if (response.OdataNextLink is not { Length: > 0 } next) return result;
            page++;
            response = await GraphCalls.CallAsync(what, () => items.WithUrl(next).GetAsync(cancellationToken: cancellationToken),
                cancellationToken, $" on page {page}");
        }
    }

    internal static ListItem ToListItem(GraphListItem item, int index, string? renameFrom = null, string renameTo = "")
    {
        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in item.Fields?.AdditionalData ?? new Dictionary<string, object>())
        {
            var key = renameFrom is not null && name.Equals(renameFrom, StringComparison.OrdinalIgnoreCase) ? renameTo : name;
            fields.TryAdd(key, GraphFieldValues.Normalise(value));
        }
        return new ListItem(item.Id ?? $"#{index}", item.LastModifiedDateTime, fields) { WebUrl = item.WebUrl, ETag = item.ETag };
    }
}
