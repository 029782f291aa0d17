using System.ComponentModel.DataAnnotations;
using System.Text;

namespace SaferCity.Core.Updates;

/// <summary>
/// Settings section "Updates": the signed links in digests and the form they open.
/// Unset <see cref="BaseUrl"/> means digests carry no update links and the form refuses every request.
/// </summary>
public sealed class UpdatesOptions : IValidatableObject
{
    public const string Section = "Updates";

    /// <summary>A key shorter than this (in UTF-8 bytes) is refused: HMAC-SHA256 wants at least its output length.</summary>
    public const int MinKeyBytes = 32;

    /// <summary>The public address of the update endpoint; each link is this plus "/" plus its token.</summary>
    [Url] public string? BaseUrl { get; set; }

    /// <summary>The secret that signs links (Key Vault in the cloud). At least 32 bytes; generate it, never type it.</summary>
    public string? SigningKey { get; set; }

    /// <summary>
    /// The key before the last rotation. Links it signed keep working until they expire, so a rotation
    /// breaks no digest already sent; new links are always signed with <see cref="SigningKey"/>.
    /// </summary>
    public string? PreviousSigningKey { get; set; }

    /// <summary>How long a link works, counted from when its digest was made.</summary>
    [Range(1, 366)] public int LinkDays { get; set; } = 28;

    /// <summary>Submissions one link may make in an hour.</summary>
    [Range(1, 10_000)] public int MaxSubmissionsPerLinkPerHour { get; set; } = 20;

    /// <summary>Requests (form views and submissions) one client address may make in an hour.</summary>
    [Range(1, 100_000)] public int MaxRequestsPerAddressPerHour { get; set; } = 300;

    /// <summary>
    /// Links are made and accepted only with a base URL and a usable key. A Key Vault reference the platform could not
    /// resolve arrives as its own text ("@Microsoft.KeyVault(…)"), which is public: never sign with it. Until it
    /// resolves, digests carry no update links and the form refuses every link.
    /// </summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl) && !IsUnresolvedReference;

    public bool IsUnresolvedReference =>
        SigningKey?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
            yield return new ValidationResult("Updates:BaseUrl must be an https address (plain http only on this machine, 127.0.0.1 or localhost).", [nameof(BaseUrl)]);
        if (string.IsNullOrEmpty(SigningKey))
            yield return new ValidationResult("Updates:SigningKey is required when Updates:BaseUrl is set: it signs the links in digests.", [nameof(SigningKey)]);
        else if (Encoding.UTF8.GetByteCount(SigningKey) < MinKeyBytes)
            yield return new ValidationResult($"Updates:SigningKey is too short: use at least {MinKeyBytes} random bytes (e.g. 'openssl rand -base64 48').", [nameof(SigningKey)]);
        if (!string.IsNullOrEmpty(PreviousSigningKey) && Encoding.UTF8.GetByteCount(PreviousSigningKey) < MinKeyBytes)
            yield return new ValidationResult($"Updates:PreviousSigningKey is too short: at least {MinKeyBytes} bytes.", [nameof(PreviousSigningKey)]);
    }
}
