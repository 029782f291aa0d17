using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.RegularExpressions;

namespace SaferCity.Core.Updates;

/// <summary>
/// Settings section "Updates": the signed links in digests and the form they open.
/// Unset <see cref="BaseUrl"/> means digests carry no update links and the form refuses every request.
/// </summary>
public sealed partial class UpdatesOptions : IValidatableObject
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

    /// <summary>
    /// How far a lead may move a deadline through the form, either way, from the current one (from today when none is set).
    /// A larger move is a decision for the coordinator, not a link; about six months by default.
    /// </summary>
    [Range(1, 3660)] public int MaxDeadlineMoveDays { get; set; } = 184;

    /// <summary>
    /// Days the update audit keeps a comment's before and after text. After that a record keeps who, when and which
    /// fields changed, and the text's length and hash: the list itself holds the comment, and a second copy of the most
    /// sensitive text should not outlive the weeks in which a change is queried. 90 days by default.
    /// </summary>
    [Range(1, 3660)] public int AuditTextDays { get; set; } = 90;

    /// <summary>Submissions one link may make in an hour.</summary>
    [Range(1, 10_000)] public int MaxSubmissionsPerLinkPerHour { get; set; } = 20;

    /// <summary>
    /// Requests (form views and submissions) one client address may make in an hour, per instance. A brake on floods,
    /// not the security bound (that is the per-link count): a council or police network puts every lead behind one
    /// address, and 50 leads each updating 10 actions (view, save, correct) is 1,500 requests, so 2,000 by default.
    /// </summary>
    [Range(1, 100_000)] public int MaxRequestsPerAddressPerHour { get; set; } = 2000;

    /// <summary>
    /// Links are made and accepted only with a base URL and a usable key. A Key Vault reference the platform could not
    /// resolve arrives as its own text ("@Microsoft.KeyVault(…)"), which is public: never sign with it. Until it
    /// resolves, digests carry no update links and the form refuses every link.
    /// </summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl) && !IsUnresolvedReference;

    public bool IsUnresolvedReference => IsUnresolved(SigningKey);

    /// <summary>
    /// The previous key is a reference the platform could not resolve: it is ignored (links signed before the rotation
    /// stop working), never used as a key, and the run warns.
    /// </summary>
    public bool PreviousKeyUnresolved => IsUnresolved(PreviousSigningKey);

    /// <summary>The previous key when it is one, else null.</summary>
    public string? UsablePreviousKey => PreviousKeyUnresolved || string.IsNullOrEmpty(PreviousSigningKey) ? null : PreviousSigningKey;

    /// <summary>
    /// Text that looks like an app setting's Key Vault reference ("@Microsoft.KeyVault(SecretUri=…)"), in any case and
    /// with any white space: the platform passes it on as it is when it cannot read the secret.
    /// </summary>
    public static bool IsUnresolved(string? setting) => setting is not null && KeyVaultReference().IsMatch(setting);

    [GeneratedRegex(@"^\s*@\s*Microsoft\s*\.\s*KeyVault\s*\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex KeyVaultReference();

    /// <summary>What the coordinator's summary and the log say about the keys, when something is wrong with them.</summary>
    public IEnumerable<string> KeyWarnings()
    {
        if (!string.IsNullOrWhiteSpace(BaseUrl) && IsUnresolvedReference)
            yield return "Updates__SigningKey is a Key Vault reference the app could not resolve, so digests carry no update links " +
                         "and the form refuses every link: check the secret and the app's access to the vault.";
        if (Enabled && PreviousKeyUnresolved)
            yield return "Updates__PreviousSigningKey is a Key Vault reference the app could not resolve: it is ignored, so links signed " +
                         "before the last key rotation no longer work. Check the secret, or remove the setting once those links have expired.";
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !uri.IsLoopback))
            yield return new ValidationResult("Updates:BaseUrl must be an https address (plain http only on this machine, 127.0.0.1 or localhost).",
                [nameof(BaseUrl)]);
        if (string.IsNullOrEmpty(SigningKey))
            yield return new ValidationResult("Updates:SigningKey is required when Updates:BaseUrl is set: it signs the links in digests. " +
                "Make one with 'openssl rand -base64 48' and keep it secret (Key Vault in the cloud); on this machine, a loopback Updates:BaseUrl " +
                    "makes one for you.",
                [nameof(SigningKey)]);
        else if (Encoding.UTF8.GetByteCount(SigningKey) < MinKeyBytes)
            yield return new ValidationResult(
                $"Updates:SigningKey is too short: use at least {MinKeyBytes} random bytes (e.g. 'openssl rand -base64 48').",
                [nameof(SigningKey)]);
        if (UsablePreviousKey is { } previous && Encoding.UTF8.GetByteCount(previous) < MinKeyBytes)
            yield return new ValidationResult($"Updates:PreviousSigningKey is too short: at least {MinKeyBytes} bytes.",
                [nameof(PreviousSigningKey)]);
    }
}
