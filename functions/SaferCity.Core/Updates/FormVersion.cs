using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace SaferCity.Core.Updates;

/// <summary>
/// What the form was showing when it was opened: the item's eTag and its four values (the comment as a hash).
/// The server sealed it, so it is the server's version, never one the client chose.
/// </summary>
public sealed record ShownVersion(string ETag, string? Rag, string Status, string? Deadline, string CommentHash)
{
    public bool CommentWas(string comment) => CommentHash == FormVersion.Hash(comment);
}

/// <summary>
/// Seals the version a form is shown at into its hidden <c>version</c> field: the eTag and the values shown, with an
/// HMAC over the link id, the item id and that text. A POST writes only against a version this server sealed for the
/// same link and item: a missing, changed or home-made value (<c>*</c>, a weak or a bare eTag) is never sent as
/// <c>If-Match</c>, and the lead sees the conflict page instead. The seal's key is derived from the signing key, so
/// a sealed version can never pass as a link token, nor a token as a version.
/// </summary>
public sealed class FormVersion
{
    private const int MacLength = 32;
    private readonly byte[] _key;

    public FormVersion(string signingKey) =>
        _key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingKey), "SaferCity form version 1"u8);

    public string Seal(string linkId, string itemId, string etag, UpdateFields shown)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(new[] { etag, shown.Rag, shown.Status, shown.Deadline, Hash(shown.Comment) });
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Mac(linkId, itemId, payload))}";
    }

    /// <summary>The version sealed for this link and item, or null for anything else (unsigned, changed, another link's, <c>*</c>, weak).</summary>
    public ShownVersion? Open(string? value, string linkId, string itemId)
    {
        if (string.IsNullOrEmpty(value) || value.Length > 8192) return null;
        var dot = value.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != value.LastIndexOf('.')) return null;
        byte[] payload, mac;
        try
        {
            (payload, mac) = (Base64Url.DecodeFromChars(value.AsSpan(0, dot)), Base64Url.DecodeFromChars(value.AsSpan(dot + 1)));
        }
        catch (FormatException)
        {
            return null;
        }
        if (mac.Length != MacLength || !CryptographicOperations.FixedTimeEquals(Mac(linkId, itemId, payload), mac)) return null;
        var parts = JsonSerializer.Deserialize<string?[]>(payload);
        if (parts is not [{ } etag, var rag, { } status, var deadline, { } comment]) return null;
        // Only a strong eTag names one version: "*" matches any, and a weak one may match another's write.
        if (etag is "" or "*" || etag.StartsWith("W/", StringComparison.OrdinalIgnoreCase)) return null;
        return new ShownVersion(etag, rag, status, deadline, comment);
    }

    internal static string Hash(string comment) =>
        Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(comment)).AsSpan(0, 16));

    private byte[] Mac(string linkId, string itemId, byte[] payload) =>
        HMACSHA256.HashData(_key, (byte[])[.. Encoding.UTF8.GetBytes($"{linkId}\0{itemId}\0"), .. payload]);
}
