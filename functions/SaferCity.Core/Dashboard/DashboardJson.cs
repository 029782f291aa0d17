using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Dashboard;

public static class DashboardJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // Served as application/json and read with fetch(), never pasted into HTML, so readable text is safe.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    // Source-generated (de)serialisation: no reflection, and about twice as fast on a large tracker.
    private static readonly DashboardJsonContext Context = new(Options);

    /// <summary>
    /// Written into one buffer sized from the action count, and handed out without a copy: on a large
    /// tracker this file is tens of megabytes, and growing a pooled buffer by doubling would hold several.
    /// </summary>
    public static ReadOnlyMemory<byte> Serialize(DashboardDocument document)
    {
        var buffer = new MemoryStream(64 * 1024 + document.Actions.Count * 800);
        // The stream overload flushes as it goes; a Utf8JsonWriter over the stream would first build the
        // whole document in a buffer of its own, doubling as it grows.
        JsonSerializer.Serialize(buffer, document, Context.DashboardDocument);
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the document to <paramref name="destination"/> as it goes, flushing asynchronously: never held whole.</summary>
    public static Task WriteAsync(Stream destination, DashboardDocument document, CancellationToken cancellationToken) =>
        JsonSerializer.SerializeAsync(destination, document, Context.DashboardDocument, cancellationToken);

    /// <summary>The SHA-256 of the serialised document, computed as it is written: nothing is kept.</summary>
    public static string Hash(DashboardDocument document)
    {
        using var hashing = new HashingStream();
        JsonSerializer.Serialize(hashing, document, Context.DashboardDocument);
        return hashing.Hash();
    }

    public static DashboardDocument? Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, Context.DashboardDocument);
}

[JsonSerializable(typeof(DashboardDocument))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
