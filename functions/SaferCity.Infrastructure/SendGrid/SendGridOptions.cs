using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace SaferCity.Infrastructure.SendGrid;

/// <summary>
/// Settings section "SendGrid". Without a usable <see cref="ApiKey"/> emails go to the outbox folder instead.
/// Worst case for one message: MaxAttempts × Timeout + (MaxAttempts − 1) × MaxDelay (defaults: 4 × 30 s + 3 × 60 s = 5 min);
/// in practice a timeout ends the send at once (unconfirmed, never retried), so only refusals and 429/5xx answers repeat.
/// </summary>
public sealed class SendGridOptions : IValidatableObject
{
    public const string Section = "SendGrid";

    /// <summary>App Service passes this literal text through when a Key Vault secret cannot be resolved.</summary>
    public const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    public string? ApiKey { get; set; }

    [Required, Url] public string Host { get; set; } = "https://api.sendgrid.com";

    /// <summary>Sender address, "name &lt;address&gt;" or a bare address; required when a key is set.</summary>
    public string? From { get; set; }

    /// <summary>Tries per message, the first included.</summary>
    [Range(1, 10)] public int MaxAttempts { get; set; } = 4;

    /// <summary>Longest single wait between tries, whatever the server asks for.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")] public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long one try may take. A try cut off by it may still have been accepted, so it is not retried: the digest
    /// is recorded unconfirmed and reported to the coordinator. Keep it well above SendGrid's usual answer time.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")] public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A key is set and is not an unresolved Key Vault reference.</summary>
    public bool HasApiKey => !string.IsNullOrWhiteSpace(ApiKey) && !IsUnresolvedReference;

    public bool IsUnresolvedReference => ApiKey?.TrimStart().StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase) == true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!HasApiKey) yield break;
        if (string.IsNullOrWhiteSpace(From))
            yield return new ValidationResult("SendGrid:From is required when SendGrid:ApiKey is set.", [nameof(From)]);
        else if (!MailboxAddress.TryParse(From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
            yield return new ValidationResult($"SendGrid:From \"{From}\" is not an email address.", [nameof(From)]);
    }
}
