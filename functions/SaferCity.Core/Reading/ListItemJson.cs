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
    /// Reads the response straight from its bytes (text that is not valid Unicode read as U+FFFD, see
    /// <see cref="LenientJson"/>) with a forward-only reader: no document tree is built,
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
            var shared = new Shared();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType == JsonTokenType.StartObject) items.Add(ReadItem(ref reader, items.Count + 1, shared));
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
        return ReadItem(ref reader, 1, new Shared());
    }

    /// <summary>What the items of one response share: their column names, their repeated values, a buffer for one item.</summary>
    private sealed class Shared
    {
        public FieldNames Names { get; } = new();

        public StringPool Strings { get; } = new();

        public object?[] Slots { get; } = new object?[FieldNames.Max];
    }

    private static ListItem ReadItem(ref Utf8JsonReader reader, int index, Shared shared)
    {
        string? id = null;
        DateTimeOffset? modified = null;
        string? webUrl = null, etag = null;
        IReadOnlyDictionary<string, object?>? fields = null;
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
                if (reader.TokenType == JsonTokenType.StartObject) fields = ReadFields(ref reader, shared);
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

    /// <summary>
    /// The item's fields in the response's shared slots (<see cref="ItemFields"/>); the first of two fields with one name
    /// wins, as it always did. A name that has no slot turns the item into a dictionary, as items once all were.
    /// </summary>
    private static IReadOnlyDictionary<string, object?> ReadFields(ref Utf8JsonReader reader, Shared shared)
    {
        var slots = shared.Slots;
        Array.Fill(slots, ItemFields.Absent);
        var used = 0;
        var next = 0;
        Dictionary<string, object?>? overflow = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var slot = shared.Names.SlotOf(ref reader, next, out var name);
            reader.Read();
            var value = ReadValue(ref reader, shared.Strings);
            if (slot >= 0) next = slot + 1;
            if (slot >= 0 && overflow is null)
            {
                if (slots[slot] == ItemFields.Absent) slots[slot] = value;
                used = Math.Max(used, slot + 1);
                continue;
            }
            overflow ??= ToDictionary(shared.Names, slots, used);
            overflow.TryAdd(name ?? shared.Names[slot], value);
        }
        return overflow ?? (IReadOnlyDictionary<string, object?>)new ItemFields(shared.Names, slots[..used]);
    }

    private static object? ReadValue(ref Utf8JsonReader reader, StringPool strings) => reader.TokenType switch
    {
        JsonTokenType.String => strings.Get(ref reader),
        JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.StartArray => ReadArray(ref reader, strings),
        JsonTokenType.StartObject => ReadObject(ref reader, strings),
        _ => null,
    };

    private static Dictionary<string, object?> ToDictionary(FieldNames names, object?[] slots, int used)
    {
        var fields = new Dictionary<string, object?>(12, StringComparer.OrdinalIgnoreCase);
        for (var slot = 0; slot < used; slot++)
        {
            if (slots[slot] != ItemFields.Absent) fields.Add(names[slot], slots[slot]);
        }
        return fields;
    }

    private static List<string> ReadArray(ref Utf8JsonReader reader, StringPool strings)
    {
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var value = reader.TokenType == JsonTokenType.StartObject ? ReadObject(ref reader, strings) : ReadScalar(ref reader, strings);
            if (value is not null) values.Add(value);
        }
        return values;
    }

    // Lookup, person and hyperlink columns come as objects; their readable part is what matters here.
    private static string? ReadObject(ref Utf8JsonReader reader, StringPool strings)
    {
        string? best = null;
        var rank = int.MaxValue;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var at = Array.IndexOf(ReadableParts, reader.GetString());
            reader.Read();
            if (at >= 0 && at < rank && reader.TokenType == JsonTokenType.String)
            {
                best = strings.Get(ref reader);
                rank = at;
            }
            else reader.Skip();
        }
        return best;
    }

    private static string? ReadScalar(ref Utf8JsonReader reader, StringPool? strings = null)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String: return strings is null ? reader.GetString() : strings.Get(ref reader);
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
