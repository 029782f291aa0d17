using Microsoft.Graph;
using Microsoft.Graph.Models;
using SaferCity.Core.Reading;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// A list's columns as Graph defines them (<c>GET …/lists/{id}/columns</c>), turned into <see cref="ListColumn"/>s, and
/// the tracker's mapping onto them. One request per list per run: SharePoint leaves empty fields out of items, so only
/// the column definitions can tell a missing column from a column nobody filled in.
/// </summary>
internal static class GraphColumns
{
    private static readonly string[] Facets =
        ["name", "displayName", "readOnly", "hidden", "text", "choice", "dateTime", "boolean", "number", "personOrGroup", "lookup", "calculated"];

    public static async Task<IReadOnlyList<ListColumn>> ReadAsync(
        GraphServiceClient client, string siteId, string listId, string listName, CancellationToken cancellationToken)
    {
        var response = await GraphCalls.CallAsync($"reading the columns of list '{listName}'",
            () => client.Sites[siteId].Lists[listId].Columns.GetAsync(r => r.QueryParameters.Select = Facets, cancellationToken), cancellationToken);
        return [.. (response.Value ?? []).Where(c => c.Name is { Length: > 0 }).Select(ToListColumn)];
    }

    /// <summary>The tracker list's columns and where each field is.</summary>
    public static async Task<ColumnMapping> MapTrackerAsync(
        GraphServiceClient client, string siteId, string listId, string listName, TrackerColumns columns, CancellationToken cancellationToken) =>
        ListColumnMap.Map(columns, await ReadAsync(client, siteId, listId, listName, cancellationToken));

    /// <summary>
    /// The leads list's columns by internal name, else by display name compared on letters only ("E-mail" is Email):
    /// wanted name → the column's internal name, for the columns that exist.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> MapLeadsAsync(
        GraphServiceClient client, string siteId, string listId, string listName, LeadColumns columns, CancellationToken cancellationToken)
    {
        var listColumns = (await ReadAsync(client, siteId, listId, listName, cancellationToken)).Where(c => !c.ReadOnly).ToList();
        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var wanted in columns.All())
        {
            var column = listColumns.FirstOrDefault(c => c.Name.Equals(wanted, StringComparison.OrdinalIgnoreCase))
                         ?? listColumns.FirstOrDefault(c => HeadingWords.Key(c.DisplayName) == HeadingWords.Key(wanted))
                         ?? listColumns.FirstOrDefault(c => HeadingWords.Key(c.Name) == HeadingWords.Key(wanted));
            if (column is not null) found[wanted] = column.Name;
        }
        return found;
    }

    private static ListColumn ToListColumn(ColumnDefinition c) => new(c.Name!, c.DisplayName ?? c.Name!, Kind(c))
    {
        Choices = c.Choice?.Choices ?? [],
        AllowTextEntry = c.Choice?.AllowTextEntry ?? true,
        ReadOnly = c.ReadOnly == true || c.Calculated is not null,
    };

    private static ColumnKind Kind(ColumnDefinition c) => c switch
    {
        { Choice.DisplayAs: "checkBoxes" } => ColumnKind.MultiChoice,
        { Choice: not null } => ColumnKind.Choice,
        { DateTime: not null } => ColumnKind.Date,
        { Boolean: not null } => ColumnKind.Boolean,
        { Number: not null } => ColumnKind.Number,
        { PersonOrGroup: not null } => ColumnKind.Person,
        { Lookup: not null } => ColumnKind.Lookup,
        { Text.AllowMultipleLines: true } => ColumnKind.Note,
        { Text: not null } => ColumnKind.Text,
        _ => ColumnKind.Other,
    };
}
