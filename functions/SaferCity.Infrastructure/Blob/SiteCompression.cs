using System.IO.Compression;
using SaferCity.Core.Model;

namespace SaferCity.Infrastructure.Blob;

/// <summary>
/// How a site file's bytes go up to Blob storage. The static website serves blobs as stored and does not compress,
/// so text files worth compressing are stored gzipped with <c>Content-Encoding: gzip</c>, which every browser accepts.
/// Small files stay plain: below a few kilobytes gzip saves less than a round trip is worth.
/// The content hash stays that of the uncompressed bytes (see <see cref="BlobSitePublisher"/>), so an unchanged file still writes nothing.
/// </summary>
internal static class SiteCompression
{
    public const string Gzip = "gzip";

    /// <summary>Files at least this big are compressed.</summary>
    public const int Threshold = 8 * 1024;

    /// <summary>The Content-Encoding the file is stored with: gzip, or none.</summary>
    public static string? EncodingFor(SiteFile file) => file.Content.Length >= Threshold && IsText(file.ContentType) ? Gzip : null;

    public static (BinaryData Body, string? ContentEncoding) Prepare(SiteFile file)
    {
        if (EncodingFor(file) is null) return (BinaryData.FromBytes(file.Content), null);
        using var memory = new MemoryStream(file.Content.Length / 4);
        using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
            gzip.Write(file.Content.Span);
        return (BinaryData.FromBytes(memory.ToArray()), Gzip);
    }

    /// <summary>Text compresses well; PNGs, fonts and the like are compressed already.</summary>
    public static bool IsText(string contentType)
    {
        var type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        return type.StartsWith("text/", StringComparison.Ordinal) || type is "application/json" or "application/atom+xml"
            or "application/xml" or "image/svg+xml" or "application/javascript";
    }
}
