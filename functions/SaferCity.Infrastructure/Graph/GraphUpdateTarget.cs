using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Updates;
using CoreListItem = SaferCity.Core.Model.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// Writes a lead's update to the SharePoint list: <c>PATCH …/items/{id}/fields</c> with <c>If-Match</c> set to the
/// item's eTag from when the form was shown. SharePoint answers 412 when the item changed since; nothing is written then.
/// The app needs the site's Sites.Selected grant with the write role for this.
/// </summary>
public sealed class GraphUpdateTarget(GraphServiceClient client, GraphTrackerSource source, TrackerOptions options, TrackerColumns columns)
    : IUpdateTarget
{
    private sealed record Ids(string Site, string List, string Leads, ColumnMapping Columns, IReadOnlyDictionary<string, string> LeadColumns,
        TimeZoneInfo Zone);

    private volatile Ids? _ids; // a reference, so a concurrent request sees it whole or not at all

    public async Task<CoreListItem?> ReadItemAsync(string itemId, CancellationToken cancellationToken)
    {
        var (site, list, _, mapping, _, zone) = await IdsAsync(cancellationToken);
        try
        {
            var request = client.Sites[site].Lists[list].Items[itemId].ToGetRequestInformation(r =>
            {
                r.QueryParameters.Select = ["id", "lastModifiedDateTime", "webUrl", "eTag"];
                r.QueryParameters.Expand = [$"fields(select={string.Join(',', mapping.Select)})"];
            });
            var item = await GraphItemPages.ReadOneAsync(client, request, cancellationToken);
            return item is null ? null : GraphItemPages.Shaped(item, new ItemShape(mapping.Renames(columns), mapping.DateColumns, zone));
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            return null;
        }
        catch (Exception e) when (e is not PipelineException && !cancellationToken.IsCancellationRequested)
        {
            throw Failed($"reading item {itemId}", e);
        }
    }

    public async Task<IReadOnlyList<CoreListItem>> ReadLeadsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var (site, _, leads, _, leadColumns, _) = await IdsAsync(cancellationToken);
            return await source.ReadLeadsAsync(site, leads, leadColumns, cancellationToken);
        }
        catch (PipelineException e) when (AsBusy(e) is { } busy)
        {
            throw busy;
        }
    }

    public async Task<WriteOutcome> WriteAsync(string itemId, IReadOnlyDictionary<string, string> fields, string etag,
        CancellationToken cancellationToken)
    {
        var (site, list, _, mapping, _, zone) = await IdsAsync(cancellationToken);
        // The form names fields as configured; the list may hold them under other internal names.
        var internalNames = mapping.Renames(columns).ToDictionary(r => r.Value, r => r.Key, StringComparer.OrdinalIgnoreCase);
        var refusals = new List<string>();
        var body = FieldWrites.Build(fields.Select(f => System.Collections.Generic.KeyValuePair.Create(f.Key, (string?)f.Value)),
            FieldWrites.ByConfiguredName(mapping, columns),
            name => internalNames.GetValueOrDefault(name) ?? name, mapping.DateColumns, zone, refusals.Add);
        // A value the list's column would refuse is not sent: SharePoint's answer would be a bare 400.
        if (refusals.Count > 0)
            throw new PipelineException(
                $"Graph: item {itemId} of list '{options.ListName}' was not written, nothing was saved: {string.Join("; ", refusals)}.");
        try
        {
            await client.Sites[site].Lists[list].Items[itemId].Fields.PatchAsync(body, r => r.Headers.Add("If-Match", etag), cancellationToken);
            return WriteOutcome.Written;
        }
        catch (ApiException e) when (e.ResponseStatusCode == 412)
        {
            return WriteOutcome.Conflict;
        }
        catch (ApiException e) when (e.ResponseStatusCode == 404)
        {
            return WriteOutcome.NotFound;
        }
        catch (Exception e) when (e is not PipelineException && !cancellationToken.IsCancellationRequested)
        {
            throw Failed($"writing item {itemId}", e);
        }
    }

    private static TrackerBusyException? AsBusy(PipelineException e) =>
        e is not TrackerBusyException && e.InnerException is { } cause && GraphCalls.Busy(cause) ? new TrackerBusyException(e.Message, cause) : null;

    // Throttled past the form's short budget, or timed out: the busy page, not the tracker-unreachable one.
    private PipelineException Failed(string what, Exception e)
    {
        var message = $"Graph: {what} of list '{options.ListName}' failed: {GraphCalls.Describe(e)}";
        return GraphCalls.Busy(e) ? new TrackerBusyException(message, e) : new PipelineException(message, e);
    }

    // The site and list ids do not change while the app runs: one lookup each, not one per request.
    private async Task<Ids> IdsAsync(CancellationToken cancellationToken)
    {
        if (_ids is { } ids) return ids;
        try
        {
            return await LookUpIdsAsync(cancellationToken);
        }
        catch (PipelineException e) when (AsBusy(e) is { } busy)
        {
            throw busy;
        }
    }

    private async Task<Ids> LookUpIdsAsync(CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("Graph: Tracker__SiteUrl is not set.");
        var site = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        var list = await source.RequireListAsync(site, siteUrl, options.ListName, cancellationToken);
        var leads = await source.RequireListAsync(site, siteUrl, options.LeadsListName, cancellationToken);
        return _ids = new Ids(site, list, leads, await source.MapAsync(site, list, cancellationToken),
            await source.MapLeadsAsync(site, leads, cancellationToken), (await source.SiteZone.GetAsync(cancellationToken)).Zone);
    }
}
