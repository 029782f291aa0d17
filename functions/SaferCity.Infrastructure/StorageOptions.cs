using System.ComponentModel.DataAnnotations;

namespace SaferCity.Infrastructure;

/// <summary>
/// Settings section "Storage": where the site and the state live when they live in Blob storage.
/// Locally a connection string (Azurite, or the CLI's --storage); in Azure the account URL and the
/// app's managed identity (DefaultAzureCredential; AZURE_CLIENT_ID picks the user-assigned identity).
/// When both are set the connection string wins. When neither is set, local folders are used.
/// </summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    // Container names: 3-63 lower-case letters, digits and single hyphens; "$web" is the static website's.
    private const string ContainerName = @"^(\$web|[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9])$";

    public string? ConnectionString { get; set; }

    [Url]
    public string? AccountUrl { get; set; }

    /// <summary>Where the dashboard goes; the static website serves only "$web".</summary>
    [Required, RegularExpression(ContainerName, ErrorMessage = "Storage:SiteContainer must be a valid container name.")]
    public string SiteContainer { get; set; } = "$web";

    /// <summary>History, reminder ledger and the run lock; private.</summary>
    [Required, RegularExpression(ContainerName, ErrorMessage = "Storage:StateContainer must be a valid container name.")]
    public string StateContainer { get; set; } = "state";

    /// <summary>Switch static website hosting on (index document index.html) when the app finds it off.</summary>
    public bool EnableStaticWebsite { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(ConnectionString) || !string.IsNullOrWhiteSpace(AccountUrl);

    /// <summary>
    /// The state container holds the history (with hidden items' snapshots), the ledger (with who was sent what) and
    /// the run lock: in "$web", or in the site's container, it would be published.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.Equals(StateContainer, "$web", StringComparison.Ordinal))
            yield return new ValidationResult(
                "Storage:StateContainer must not be \"$web\": that container is the public static website, and state is private.",
                [nameof(StateContainer)]);
        else if (string.Equals(StateContainer, SiteContainer, StringComparison.Ordinal))
            yield return new ValidationResult(
                $"Storage:StateContainer and Storage:SiteContainer must differ (both \"{StateContainer}\"): " +
                "everything in the site's container is published.",
                [nameof(StateContainer), nameof(SiteContainer)]);
    }
}
