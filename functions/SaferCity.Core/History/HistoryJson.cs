using System.Text.Json;
using System.Text.Json.Serialization;

namespace SaferCity.Core.History;

/// <summary>history.json: the whole <see cref="TrackerHistory"/>, compact.</summary>
public static class HistoryJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
    };

    public static byte[] Serialize(TrackerHistory history) => JsonSerializer.SerializeToUtf8Bytes(history, Options);

    public static TrackerHistory Deserialize(ReadOnlySpan<byte> json)
    {
        var history = JsonSerializer.Deserialize<TrackerHistory>(json, Options) ?? throw new JsonException("Empty history document.");
        // Keys are action numbers; keep lookups case-insensitive as the parser's are.
        return history with
        {
            Actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(history.Actions, StringComparer.OrdinalIgnoreCase),
        };
    }
}
