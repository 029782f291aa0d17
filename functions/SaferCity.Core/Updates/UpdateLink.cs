using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SaferCity.Core.Updates;

/// <summary>What a signed link grants: one lead may update one list item (shown as one action number) until it expires.</summary>
public sealed record UpdateLink(string LeadKey, string ItemId, string Number, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt)
{
    /// <summary>An identifier for the audit record and logs: a hash of the token, never the token itself (which is the credential).</summary>
    public static string IdOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..16];

    /// <summary>The query parameter (GET) and form field (POST) that carry the token.</summary>
    public const string Field = "link";

    /// <summary>
    /// The address a digest gives for a token: the endpoint's folder, with the token in the query string, never in the
    /// path. The Functions host records request paths in its telemetry but strips query strings (docs/reliability.md);
    /// the trailing slash keeps the form's relative addresses (its stylesheet, its action "./") inside the endpoint.
    /// </summary>
    public static Uri UrlFor(string baseUrl, string token) => new($"{baseUrl.TrimEnd('/')}/?{Field}={token}");

    /// <summary>The token a link made by <see cref="UrlFor"/> carries, or null.</summary>
    public static string? TokenIn(Uri link) =>
        link.Query.TrimStart('?').Split('&').FirstOrDefault(p =>
            p.StartsWith(Field + "=", StringComparison.Ordinal))?[(Field.Length + 1)..] is { Length: > 0 } token
            ? Uri.UnescapeDataString(token) : null;
}

public enum LinkStatus
{
    Valid,
    /// <summary>Not a token, or a signature no current key made: changed, truncated, forged, or from another installation.</summary>
    Invalid,
    Expired,
}

public sealed record LinkCheck(LinkStatus Status, UpdateLink? Link);

/// <summary>
/// Signs and checks update links: HMAC-SHA256 over a compact binary payload, both base64url, joined by a dot.
/// Payload: version (1 byte), issued and expiry (Unix seconds, 8 bytes each, big-endian), then the lead key,
/// item id and action number, each as a 2-byte length and UTF-8. Checking is constant-time, tries the current key
/// and then the previous one (rotation), and reads the payload only after the signature matched.
/// </summary>
public sealed class UpdateLinkSigner
{
    private const byte Version = 1;
    private const int MacLength = 32;
    private readonly byte[] _key;
    private readonly byte[]? _previous;
    private readonly TimeSpan _lifetime;

    public UpdateLinkSigner(UpdatesOptions options)
    {
        if (string.IsNullOrEmpty(options.SigningKey)) throw new InvalidOperationException("Updates:SigningKey is not set.");
        // The literal text of a reference is readable by anyone who can read the app's settings: never a key.
        if (options.IsUnresolvedReference) throw new InvalidOperationException("Updates:SigningKey is an unresolved Key Vault reference.");
        _key = Encoding.UTF8.GetBytes(options.SigningKey);
        _previous = options.UsablePreviousKey is { } previous ? Encoding.UTF8.GetBytes(previous) : null;
        _lifetime = TimeSpan.FromDays(options.LinkDays);
    }

    public string Sign(UpdateLink link)
    {
        var payload = Payload(link);
        return $"{Base64Url(payload)}.{Base64Url(HMACSHA256.HashData(_key, payload))}";
    }

    public LinkCheck Check(string? token, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return new(LinkStatus.Invalid, null);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot != token.LastIndexOf('.')) return new(LinkStatus.Invalid, null);
        var payload = FromBase64Url(token.AsSpan(0, dot));
        var mac = FromBase64Url(token.AsSpan(dot + 1));
        if (payload is null || mac is not { Length: MacLength }) return new(LinkStatus.Invalid, null);
        // Base64 has spare bits: only the one spelling this signer writes is accepted, so a link has one token (and one id).
        if (!token.AsSpan(0, dot).SequenceEqual(Base64Url(payload)) || !token.AsSpan(dot + 1).SequenceEqual(Base64Url(mac)))
            return new(LinkStatus.Invalid, null);

        var matches = CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_key, payload), mac);
        if (!matches && _previous is not null) matches = CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(_previous, payload), mac);
        if (!matches) return new(LinkStatus.Invalid, null);

        var link = Read(payload);
        // A link claims its own expiry; the server knows no link lives longer than LinkDays (a signer with a stolen key would).
        if (link is null || link.ExpiresAt - link.IssuedAt > _lifetime) return new(LinkStatus.Invalid, null);
        return now >= link.ExpiresAt ? new(LinkStatus.Expired, link) : new(LinkStatus.Valid, link);
    }

    private static byte[] Payload(UpdateLink link)
    {
        var buffer = new List<byte>(64) { Version };
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, link.IssuedAt.ToUnixTimeSeconds());
        buffer.AddRange(number);
        BinaryPrimitives.WriteInt64BigEndian(number, link.ExpiresAt.ToUnixTimeSeconds());
        buffer.AddRange(number);
        foreach (var text in new[] { link.LeadKey, link.ItemId, link.Number })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length > ushort.MaxValue) throw new ArgumentException("A link field is too long.", nameof(link));
            buffer.Add((byte)(bytes.Length >> 8));
            buffer.Add((byte)bytes.Length);
            buffer.AddRange(bytes);
        }
        return [.. buffer];
    }

    private static UpdateLink? Read(ReadOnlySpan<byte> payload)
    {
        if (payload.Length < 17 || payload[0] != Version) return null;
        var issued = BinaryPrimitives.ReadInt64BigEndian(payload[1..]);
        var expires = BinaryPrimitives.ReadInt64BigEndian(payload[9..]);
        var rest = payload[17..];
        var texts = new string[3];
        for (var i = 0; i < texts.Length; i++)
        {
            if (rest.Length < 2) return null;
            var length = (rest[0] << 8) | rest[1];
            if (rest.Length < 2 + length) return null;
            texts[i] = Encoding.UTF8.GetString(rest.Slice(2, length));
            rest = rest[(2 + length)..];
        }
        if (rest.Length != 0) return null;
        try
        {
            return new UpdateLink(texts[0], texts[1], texts[2], DateTimeOffset.FromUnixTimeSeconds(issued),
                DateTimeOffset.FromUnixTimeSeconds(expires));
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(ReadOnlySpan<char> text)
    {
        if (text.Length == 0) return null;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return null;
        }
        var padded = text.ToString().Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
