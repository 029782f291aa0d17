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
    internal static readonly HistoryJsonContext Context = new(Options);

    public static byte[] Serialize(TrackerHistory history) => JsonSerializer.SerializeToUtf8Bytes(history, Context.TrackerHistory);

    public static TrackerHistory Deserialize(ReadOnlySpan<byte> json)
    {
        var history = JsonSerializer.Deserialize(json, Context.TrackerHistory) ?? throw new JsonException("Empty history document.");
        return CaseInsensitive(history);
    }

    /// <summary>Keys are action numbers; keep lookups case-insensitive as the parser's are.</summary>
    internal static TrackerHistory CaseInsensitive(TrackerHistory history) => history with
    {
        Actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(history.Actions, StringComparer.OrdinalIgnoreCase),
    };
}

[JsonSerializable(typeof(TrackerHistory))]
[JsonSerializable(typeof(ReportedStates))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
