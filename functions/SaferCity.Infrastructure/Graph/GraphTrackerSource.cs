using Microsoft.Graph;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using GraphListItem = Microsoft.Graph.Models.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The tracker and leads lists from SharePoint through Microsoft Graph: one site lookup, one lookup
/// per list, one look at the tracker's columns, then the items page by page with only the mapped columns.
/// Reads everything or throws.
/// </summary>
public sealed class GraphTrackerSource(
    GraphServiceClient client, TrackerOptions options, TrackerColumns columns, LeadColumns leadColumns, SiteTimeZone siteZone)
    : ITrackerSource
{
    /// <summary>The site's time zone, in which SharePoint stores date-only values.</summary>
    internal SiteTimeZone SiteZone { get; } = siteZone;

    /// <summary>The largest page SharePoint serves; fewer pages means fewer chances to be throttled.</summary>
    public const int PageSize = 5000;

    public async Task<TrackerLists> ReadAsync(CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("Graph: Tracker__SiteUrl is not set.");
        var siteId = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        var trackerId = await RequireListAsync(siteId, siteUrl, options.ListName, cancellationToken);
        var leadsId = await RequireListAsync(siteId, siteUrl, options.LeadsListName, cancellationToken);
        var mapping = await MapAsync(siteId, trackerId, cancellationToken);
        var zone = await SiteZone.GetAsync(cancellationToken);
        var tracker = await ReadItemsAsync(siteId, trackerId, options.ListName, mapping.Select,
            new ItemShape(mapping.Renames(columns), mapping.DateColumns, zone.Zone), cancellationToken);
        var leads = await ReadLeadsAsync(siteId, leadsId, cancellationToken);
        // Hiding fails closed: with no hide column, no item can be kept off the dashboard, so nothing new is published
        // until the column is there or the admin says the list holds nothing confidential.
        var hold = !mapping.Found.ContainsKey(TrackerField.HideFromDashboard) && !options.NoConfidentialItems;
        // Dates read as London's when the site's zone is unknown: right for a London site, a day out elsewhere; said every run.
        string[] zoneProblem = [.. (zone.Problem is { } unread && mapping.DateColumns.Count > 0 ? [unread] : Array.Empty<string>()),
            .. LeadColumnProblem(mapping) is { } lead ? [lead] : Array.Empty<string>()];
        return new TrackerLists(tracker, leads)
        {
            SetupProblems = hold
                ? [.. zoneProblem,
                   $"The tracker list '{options.ListName}' has no column '{columns.HideFromDashboard}' (\"Hide from dashboard\"), so no " +
                   "item can be kept off the public dashboard: nothing new is published until it has one. Add the column as Yes/No, set " +
                   "Tracker__Columns__HideFromDashboard to the internal name of the column that does this, or set " +
                   "Tracker__NoConfidentialItems=true if the list holds nothing confidential."]
                : zoneProblem,
            HoldPublishing = hold,
        };
    }

    /// <summary>
    /// A Person lead column cannot be routed: Graph gives each item only the person's number in the site's user list
    /// (<c>{name}LookupId</c>), never a lead service's name. A Lookup column gives the looked-up text and is read as such.
    /// </summary>
    internal static string? LeadColumnProblem(ColumnMapping mapping) =>
        mapping.Found.TryGetValue(TrackerField.LeadService, out var lead) && lead.Kind == ColumnKind.Person
            ? $"The lead column {lead} is a Person column: Graph gives each item only a user number, not a lead service's name, so no action " +
              "can be routed from it and every lead is reported missing. Make it a text or choice column (or a lookup to the leads list)."
            : null;

    /// <summary>
    /// Where each field is in the tracker list (<see cref="ListColumnMap"/>). A list without an essential column is a set-up
    /// problem: the run stops here, before anything is published or sent, naming the column and the columns it saw.
    /// </summary>
    internal async Task<ColumnMapping> MapAsync(string siteId, string listId, CancellationToken cancellationToken)
    {
        var mapping = await GraphColumns.MapTrackerAsync(client, siteId, listId, options.ListName, columns, cancellationToken);
        return mapping.Problem(options.ListName, columns) is { } problem ? throw new SetupException(problem) : mapping;
    }

    /// <summary>The leads list alone, by ids the caller keeps (the update form names the lead a link was sent to).</summary>
    internal async Task<IReadOnlyList<ListItem>> ReadLeadsAsync(string siteId, string leadsId, CancellationToken cancellationToken) =>
        await ReadLeadsAsync(siteId, leadsId, await MapLeadsAsync(siteId, leadsId, cancellationToken), cancellationToken);

    /// <summary>The leads list's columns: configured name → internal name, for those it has.</summary>
    internal Task<IReadOnlyDictionary<string, string>> MapLeadsAsync(string siteId, string leadsId, CancellationToken cancellationToken) =>
        GraphColumns.MapLeadsAsync(client, siteId, leadsId, options.LeadsListName, leadColumns, cancellationToken);

    internal async Task<IReadOnlyList<ListItem>> ReadLeadsAsync(
        string siteId, string leadsId, IReadOnlyDictionary<string, string> found, CancellationToken cancellationToken)
    {
        var renames = found.Where(f => !f.Key.Equals(f.Value, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.Value, f => f.Key, StringComparer.OrdinalIgnoreCase);
        return await ReadItemsAsync(siteId, leadsId, options.LeadsListName, [.. found.Values], new ItemShape(renames), cancellationToken);
    }

    internal async Task<string> RequireListAsync(string siteId, string siteUrl, string name, CancellationToken cancellationToken) =>
        await GraphCalls.FindListIdAsync(client, siteId, name, cancellationToken)
        ?? throw new SetupException($"Graph: the site {siteUrl} has no list named '{name}' (check Tracker__ListName and Tracker__LeadsListName).");

    /// <param name="select">Only columns the list has: SharePoint may refuse a name it does not know.</param>
    private async Task<IReadOnlyList<ListItem>> ReadItemsAsync(string siteId, string listId, string listName,
        IReadOnlyList<string> select, ItemShape shape, CancellationToken cancellationToken)
    {
        var request = client.Sites[siteId].Lists[listId].Items.ToGetRequestInformation(r =>
        {
            r.QueryParameters.Expand = [$"fields(select={string.Join(',', select)})"];
            r.QueryParameters.Top = PageSize;
            r.QueryParameters.Select = ["id", "lastModifiedDateTime", "webUrl"];
        });
        var items = await GraphItemPages.ReadAllAsync(client, request, $"reading items of list '{listName}'", cancellationToken);
        for (var i = 0; i < items.Count; i++) items[i] = GraphItemPages.Shaped(items[i], shape);
        return items;
    }
}

/// <summary>
/// How a list's items are read into the parser's shape.
/// </summary>
/// <param name="Renames">Internal name → the configured name the parser reads, for columns found under another name.</param>
/// <param name="Dates">Internal names of Date columns, whose instants are the site's local midnight.</param>
/// <param name="Zone">The site's time zone.</param>
internal sealed record ItemShape(IReadOnlyDictionary<string, string> Renames, IReadOnlySet<string>? Dates = null, TimeZoneInfo? Zone = null)
{
    /// <summary>A Date column's instant as the site's day (<c>yyyy-MM-dd</c>); any other value as it is.</summary>
    public object? Read(string name, object? value) =>
        Zone is not null && Dates?.Contains(name) == true ? SiteDates.Read(value, Zone) : value;
}
