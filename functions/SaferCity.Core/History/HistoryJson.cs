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

    // Source-generated: no reflection, and the history of a large tracker is megabytes.
    private static readonly HistoryJsonContext Context = new(Options);

    public static byte[] Serialize(TrackerHistory history) => JsonSerializer.SerializeToUtf8Bytes(history, Context.TrackerHistory);

    public static TrackerHistory Deserialize(ReadOnlySpan<byte> json)
    {
        var history = JsonSerializer.Deserialize(json, Context.TrackerHistory) ?? throw new JsonException("Empty history document.");
        // Keys are action numbers; keep lookups case-insensitive as the parser's are.
        return history with
        {
            Actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(history.Actions, StringComparer.OrdinalIgnoreCase),
        };
    }
}

[JsonSerializable(typeof(TrackerHistory))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
