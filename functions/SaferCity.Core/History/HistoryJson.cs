using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SaferCity.Core.History;

/// <summary>history.json: the whole <see cref="TrackerHistory"/>, compact.</summary>
public static class HistoryJson
{
    private static JsonSerializerOptions Options(params JsonConverter[] more)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault,
        };
        foreach (var converter in more) options.Converters.Add(converter);
        return options;
    }

    // Source-generated: no reflection, and the history of a large tracker is megabytes.
    internal static readonly HistoryJsonContext Context = new(Options());

    /// <summary>The same, reading the actions by hand (<see cref="HistoryActionsReader"/>).</summary>
    private static readonly HistoryJsonContext ReadContext = new(Options(new HistoryActionsReader()));

    /// <summary>Written by hand (<see cref="HistoryJsonWriter"/>): the serializer's bytes, without its metadata path.</summary>
    public static byte[] Serialize(TrackerHistory history) => HistoryJsonWriter.Serialize(history);

    /// <summary>The serializer's bytes: what the hand-written path is tested against.</summary>
    internal static byte[] SerializeBySerializer<T>(T value, Func<HistoryJsonContext, JsonTypeInfo<T>> type) =>
        JsonSerializer.SerializeToUtf8Bytes(value, type(Context));

    public static TrackerHistory Deserialize(ReadOnlySpan<byte> json)
    {
        var history = Read(json, c => c.TrackerHistory) ?? throw new JsonException("Empty history document.");
        return CaseInsensitive(history);
    }

    /// <summary>Reads a history document with the hand reader, or the generated one where the hand reader does not know its form.</summary>
    internal static T? Read<T>(ReadOnlySpan<byte> json, Func<HistoryJsonContext, JsonTypeInfo<T>> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type(ReadContext));
        }
        catch (HistoryActionsReader.NotItsFormException)
        {
            return JsonSerializer.Deserialize(json, type(Context));
        }
    }

    /// <summary>Keys are action numbers; keep lookups case-insensitive as the parser's are (the hand reader's already are).</summary>
    internal static TrackerHistory CaseInsensitive(TrackerHistory history) =>
        history.Actions is Dictionary<string, IReadOnlyList<HistoryEntry>> map && ReferenceEquals(map.Comparer, StringComparer.OrdinalIgnoreCase)
            ? history
            : history with { Actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(history.Actions, StringComparer.OrdinalIgnoreCase) };
}

[JsonSerializable(typeof(TrackerHistory))]
[JsonSerializable(typeof(ReportedStates))]
internal sealed partial class HistoryJsonContext : JsonSerializerContext;
