using Microsoft.Graph;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Infrastructure.Graph;

/// <summary>What <c>check</c> found: the lines to print, and why a run would not work (null when it would).</summary>
public sealed record CheckReport(IReadOnlyList<string> Lines, string? Blocker);

/// <summary>
/// The CLI's <c>check</c>: reads the site, both lists and their columns, and reports the mapping a run would use, the
/// hide column, duplicate action numbers, leads without an address, the site's time zone and what the signed-in identity
/// may do to the list. Writes nothing.
/// </summary>
public sealed class GraphChecker(GraphServiceClient client, TrackerOptions options, TrackerColumns columns, LeadColumns leadColumns,
    SiteTimeZone siteZone, SharePointRest sharePoint)
{
    // SP.PermissionKind bits of BasePermissions.Low: AddListItems (2), EditListItems (3), ManageLists (12).
    private const long AddItems = 1L << 1, EditItems = 1L << 2, ManageLists = 1L << 11;

    public async Task<CheckReport> CheckAsync(CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("check needs the SharePoint site: set Tracker__SiteUrl.");
        var source = new GraphTrackerSource(client, options, columns, leadColumns, siteZone);
        var lines = new List<string>();
        var siteId = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        lines.Add($"Site: {siteUrl} (found)");
        var trackerId = await GraphCalls.FindListIdAsync(client, siteId, options.ListName, cancellationToken);
        var leadsId = await GraphCalls.FindListIdAsync(client, siteId, options.LeadsListName, cancellationToken);
        if (trackerId is null || leadsId is null)
        {
            var missing = trackerId is null ? options.ListName : options.LeadsListName;
            return new CheckReport(lines,
                $"the site has no list named '{missing}' (create it with 'provision', or set Tracker__ListName / Tracker__LeadsListName).");
        }

        var mapping = ListColumnMap.Map(columns, await GraphColumns.ReadAsync(client, siteId, trackerId, options.ListName, cancellationToken));
        lines.Add($"Tracker list '{options.ListName}': columns");
        foreach (var field in Enum.GetValues<TrackerField>())
            lines.Add($"  {HeadingWords.FieldName(field),-9} " +
                $"{(mapping.Found.TryGetValue(field, out var c) ? Describe(c) : Essential(field) ? "MISSING" : "not found (optional)")}");
        if (mapping.Extra.Count > 0) lines.Add($"  not used: {string.Join(", ", mapping.Extra)}");
        if (!mapping.Found.ContainsKey(TrackerField.HideFromDashboard))
            lines.Add("  No hide column: every item is published (add a Yes/No column \"Hide from dashboard\").");
        if (mapping.Problem(options.ListName, columns) is { } problem) return new CheckReport(lines, problem);

        var lists = await source.ReadAsync(cancellationToken);
        var duplicates = lists.Tracker.GroupBy(i => (i[columns.Number] as string ?? "").Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Key.Length > 0 && g.Count() > 1).Select(g => $"{g.Key} ×{g.Count()}").ToList();
        lines.Add($"  {lists.Tracker.Count} items; duplicate numbers: {(duplicates.Count == 0 ? "none" : string.Join(", ", duplicates))}");
        var noAddress = lists.Leads.Where(l => string.IsNullOrWhiteSpace(l[leadColumns.Email] as string))
            .Select(l => l[leadColumns.Name] as string ?? l.Id).ToList();
        lines.Add($"Leads list '{options.LeadsListName}': {lists.Leads.Count} leads; without an address: " +
            $"{(noAddress.Count == 0 ? "none" : string.Join(", ", noAddress))}");
        var zone = await siteZone.GetAsync(cancellationToken);
        lines.Add(zone.Problem is null ? $"Time zone: {zone.Zone.Id}, from {zone.Source}" : $"Time zone: not read; {zone.Problem}");
        lines.Add(await WriteAccessAsync(cancellationToken));
        if (duplicates.Count > 0)
            return new CheckReport(lines,
                $"duplicate action numbers in the list ({string.Join(", ", duplicates)}): a run reads only the first of each.");
        if (GraphTrackerSource.LeadColumnProblem(mapping) is { } lead) return new CheckReport(lines, lead);
        // A Date column read in the wrong zone moves every deadline a day: unknown is not good enough.
        return new CheckReport(lines, zone.Problem is { } unread && mapping.DateColumns.Count > 0 ? unread : null);
    }

    /// <summary>What the identity check runs as may do to the tracker list (SharePoint's EffectiveBasePermissions), in one line.</summary>
    private async Task<string> WriteAccessAsync(CancellationToken cancellationToken)
    {
        var title = options.ListName.Replace("'", "''", StringComparison.Ordinal);
        var (json, why) = await sharePoint.GetAsync($"web/lists/GetByTitle('{Uri.EscapeDataString(title)}')/EffectiveBasePermissions",
            cancellationToken);
        if (json is not { } permissions || !permissions.TryGetProperty("Low", out var lowValue))
            return $"Write access: not known ({why ?? "no permissions in the answer"}; reading it needs a token for SharePoint itself).";
        var low = lowValue.ValueKind == System.Text.Json.JsonValueKind.String
            ? long.Parse(lowValue.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : lowValue.GetInt64();
        static string YesNo(bool may) => may ? "yes" : "no";
        return $"Write access (as signed in): edit items {YesNo((low & EditItems) != 0)} (the update form), add items " +
            $"{YesNo((low & AddItems) != 0)} " +
               $"(import), create lists {YesNo((low & ManageLists) != 0)} (provision).";
    }

    private static bool Essential(TrackerField field) => ColumnMapping.Essential.Contains(field);

    private static string Describe(ListColumn c) =>
        $"{c}, {c.Kind}{(c.Choices.Count > 0 ? $" [{string.Join(", ", c.Choices)}]{(c.AllowTextEntry ? "" : " only")}" : "")}";
}
