using System.Globalization;
using System.Text.Json;
using SaferCity.Core.Model;

namespace SaferCity.Core.Reading;

/// <summary>
/// Reads a Graph list-items response (<c>{"value":[{"id","lastModifiedDateTime","fields":{…}}]}</c>),
/// as recorded to a file or served by Graph, into <see cref="ListItem"/>s with normalised field values.
/// </summary>
public static class ListItemJson
{
    public static IReadOnlyList<ListItem> Parse(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        using var doc = JsonDocument.ParseValue(ref reader);
        return Parse(doc.RootElement);
    }

    public static IReadOnlyList<ListItem> Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
            throw new FormatException("Expected a Graph list-items response: an object with a \"value\" array.");
        var items = new List<ListItem>(value.GetArrayLength());
        var index = 0;
        foreach (var element in value.EnumerateArray())
        {
            index++;
            if (element.ValueKind != JsonValueKind.Object) continue;
            var id = element.TryGetProperty("id", out var idValue) ? Scalar(idValue) : null;
            DateTimeOffset? modified = element.TryGetProperty("lastModifiedDateTime", out var m) && m.ValueKind == JsonValueKind.String &&
                                       DateTimeOffset.TryParse(m.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                ? parsed
                : null;
            var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
            if (element.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in f.EnumerateObject())
                {
                    if (!fields.ContainsKey(property.Name)) fields[property.Name] = Normalise(property.Value);
                }
            }
            items.Add(new ListItem(id ?? $"#{index}", modified, fields));
        }
        return items;
    }

    /// <summary>The value shapes the parser understands: null, string, bool, or a list of strings.</summary>
    public static object? Normalise(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(Scalar).OfType<string>().ToList(),
        JsonValueKind.Object => Scalar(value),
        _ => null,
    };

    // Lookup, person and hyperlink columns come as objects; their readable part is what matters here.
    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Object => new[] { "LookupValue", "Label", "Description", "Value", "Title" }
            .Select(name => value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null)
            .FirstOrDefault(s => s is not null),
        _ => null,
    };
}
