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
        Write(buffer, document);
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the document to <paramref name="destination"/> as it goes, flushing asynchronously: never held whole.</summary>
    public static Task WriteAsync(Stream destination, DashboardDocument document, CancellationToken cancellationToken) =>
        document.Actions is DashboardDocument.MappedActions mapped
            ? DashboardJsonWriter.WriteAsync(destination, document, mapped.Public, cancellationToken)
            : JsonSerializer.SerializeAsync(destination, document, Context.DashboardDocument, cancellationToken);

    /// <summary>The SHA-256 of the serialised document, computed as it is written: nothing is kept.</summary>
    public static string Hash(DashboardDocument document)
    {
        using var hashing = new HashingStream();
        Write(hashing, document);
        return hashing.Hash();
    }

    /// <summary>
    /// A document made from the public model (<see cref="DashboardDocument.From"/>) is written by hand from its actions;
    /// any other (one read back, say) by the serializer, which gives the same bytes.
    /// </summary>
    private static void Write(Stream destination, DashboardDocument document)
    {
        if (document.Actions is DashboardDocument.MappedActions mapped) DashboardJsonWriter.Write(destination, document, mapped.Public);
        else JsonSerializer.Serialize(destination, document, Context.DashboardDocument);
    }

    /// <summary>The serializer's bytes for any document: what the hand-written path is tested against.</summary>
    internal static byte[] SerializeBySerializer(DashboardDocument document) =>
        JsonSerializer.SerializeToUtf8Bytes(document, Context.DashboardDocument);

    public static DashboardDocument? Deserialize(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize(json, Context.DashboardDocument);
}

[JsonSerializable(typeof(DashboardDocument))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
