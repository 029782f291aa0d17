using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions.Serialization;
using SaferCity.Core.Reading;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The body of one item write (import's creates and updates, the update form's PATCH): each value as its column takes it
/// (<see cref="ColumnValues"/>), under the column's internal name, multi-choice values with their <c>@odata.type</c>, days
/// in Date columns as the site's local midnight (<see cref="SiteDates"/>). Values a column would refuse are reported, not sent.
/// </summary>
internal static class FieldWrites
{
    /// <summary>Configured field name (what the plan and the form use) → the list's column and the field it holds.</summary>
    public static IReadOnlyDictionary<string,
        (ListColumn Column, TrackerField Field)> ByConfiguredName(ColumnMapping mapping, TrackerColumns columns) =>
        mapping.Found.ToDictionary(f => columns.For(f.Key), f => (f.Value, f.Key), StringComparer.OrdinalIgnoreCase);

    public static FieldValueSet Build(IEnumerable<KeyValuePair<string, string?>> fields, IReadOnlyDictionary<string,
        (ListColumn Column, TrackerField Field)> found,
        Func<string, string> internalName, IReadOnlySet<string> dates, TimeZoneInfo zone, Action<string> refused)
    {
        var data = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in fields)
        {
            if (!found.TryGetValue(name, out var column))
            {
                data[internalName(name)] = text;
                continue;
            }
            var value = ColumnValues.For(column.Column, column.Field, text);
            if (value.Refusal is { } refusal)
            {
                refused(refusal);
                continue;
            }
            var internalColumn = column.Column.Name;
            data[internalColumn] = value.Value is IReadOnlyList<string> many ? new UntypedArray([.. many.Select(m => new UntypedString(m))])
                : value.Value;
            // Graph refuses a multi-choice value without its type (microsoft-graph-docs-contrib#7825).
            if (value.IsCollection) data[$"{internalColumn}@odata.type"] = "Collection(Edm.String)";
            else if (dates.Contains(internalColumn) && value.Value is string day) data[internalColumn] = SiteDates.Write(day, zone);
        }
        return new FieldValueSet { AdditionalData = data! };
    }
}
