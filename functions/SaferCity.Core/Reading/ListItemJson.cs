using System.Globalization;
using System.Text;
using System.Text.Json;
using SaferCity.Core.Model;

namespace SaferCity.Core.Reading;

/// <summary>
/// Reads a Graph list-items response (<c>{"value":[{"id","lastModifiedDateTime","fields":{…}}]}</c>),
/// as recorded to a file or served by Graph, into <see cref="ListItem"/>s with normalised field values.
/// </summary>
public static class ListItemJson
{
    private static readonly string[] ReadableParts = ["LookupValue", "Label", "Description", "Value", "Title"];

    /// <summary>
    /// Reads the response straight from its bytes (text that is not valid Unicode read as U+FFFD, see <see cref="LenientJson"/>) with a forward-only reader: no document tree is built,
    /// so a 50,000-item tracker costs little more than the text itself.
    /// </summary>
    public static IReadOnlyList<ListItem> Parse(ReadOnlySpan<byte> json) => ParsePage(json).Items;

    /// <summary>One page of a response as Graph serves it: its items, and the address of the next page (<c>@odata.nextLink</c>).</summary>
    public static ListItemPage ParsePage(ReadOnlySpan<byte> json)
    {
        if (LenientJson.Repair(json) is { } repaired) json = repaired; // half a character must not stop a run
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw NotAResponse();
        List<ListItem>? items = null;
        string? next = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("@odata.nextLink"u8))
            {
                reader.Read();
                next = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                continue;
            }
            if (!reader.ValueTextEquals("value"u8))
            {
                reader.Skip(); // on a property name, Skip passes over its value
                continue;
            }
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartArray) throw NotAResponse();
            items = [];
            var names = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject) items.Add(ReadItem(ref reader, items.Count + 1, names));
                else reader.Skip();
            }
        }
        return new ListItemPage(items ?? throw NotAResponse(), next);
    }

    /// <summary>One list item as Graph serves it on its own (<c>GET …/items/{id}?expand=fields</c>).</summary>
    public static ListItem ParseItem(ReadOnlySpan<byte> json)
    {
        if (LenientJson.Repair(json) is { } repaired) json = repaired;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw new FormatException("Expected a Graph list item: an object with \"id\" and \"fields\".");
        return ReadItem(ref reader, 1, []);
    }

    private static ListItem ReadItem(ref Utf8JsonReader reader, int index, List<string> names)
    {
        string? id = null;
        DateTimeOffset? modified = null;
        string? webUrl = null, etag = null;
        Dictionary<string, object?>? fields = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ReadScalar(ref reader);
            }
            else if (reader.ValueTextEquals("lastModifiedDateTime"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var m)) modified = m;
            }
            else if (reader.ValueTextEquals("webUrl"u8))
            {
                reader.Read();
                webUrl = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("eTag"u8))
            {
                reader.Read();
                etag = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("fields"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject) fields = ReadFields(ref reader, names);
                else reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }
        return new ListItem(id ?? $"#{index}", modified,
            fields ?? new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)) { WebUrl = webUrl, ETag = etag };
    }

    private static Dictionary<string, object?> ReadFields(ref Utf8JsonReader reader, List<string> names)
    {
        var fields = new Dictionary<string, object?>(12, StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = FieldName(ref reader, names);
            reader.Read();
            object? value = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                JsonTokenType.StartArray => ReadArray(ref reader),
                JsonTokenType.StartObject => ReadObject(ref reader),
                _ => null,
            };
            fields.TryAdd(name, value);
        }
        return fields;
    }

    /// <summary>Every item repeats the same column names: one string per name, not one per item.</summary>
    private static string FieldName(ref Utf8JsonReader reader, List<string> names)
    {
        foreach (var known in names)
        {
            if (reader.ValueTextEquals(known)) return known;
        }
        var name = reader.GetString()!;
        if (names.Count < 64) names.Add(name);
        return name;
    }

    private static List<string> ReadArray(ref Utf8JsonReader reader)
    {
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var value = reader.TokenType == JsonTokenType.StartObject ? ReadObject(ref reader) : ReadScalar(ref reader);
            if (value is not null) values.Add(value);
        }
        return values;
    }

    // Lookup, person and hyperlink columns come as objects; their readable part is what matters here.
    private static string? ReadObject(ref Utf8JsonReader reader)
    {
        string? best = null;
        var rank = int.MaxValue;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var at = Array.IndexOf(ReadableParts, reader.GetString());
            reader.Read();
            if (at >= 0 && at < rank && reader.TokenType == JsonTokenType.String)
            {
                best = reader.GetString();
                rank = at;
            }
            else reader.Skip();
        }
        return best;
    }

    private static string? ReadScalar(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return reader.GetString();
            case JsonTokenType.Number: return Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.True: return "true";
            case JsonTokenType.False: return "false";
            case JsonTokenType.StartArray or JsonTokenType.StartObject:
                reader.Skip();
                return null;
            default: return null;
        }
    }

    private static FormatException NotAResponse() =>
        new("Expected a Graph list-items response: an object with a \"value\" array.");

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
        JsonValueKind.Object => ReadableParts
            .Select(name => value.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null)
            .FirstOrDefault(s => s is not null),
        _ => null,
    };
}

/// <summary>One page of a list-items response: its items and, when more follow, the address of the next page.</summary>
public sealed record ListItemPage(IReadOnlyList<ListItem> Items, string? NextLink);
