using System.ComponentModel.DataAnnotations;

namespace SaferCity.Infrastructure;

/// <summary>
/// Settings section "Storage": where the site and the state live when they live in Blob storage.
/// Locally a connection string (Azurite, or the CLI's --storage); in Azure the account URL and the
/// app's managed identity (DefaultAzureCredential; AZURE_CLIENT_ID picks the user-assigned identity).
/// When both are set the connection string wins. When neither is set, local folders are used.
/// </summary>
public sealed class StorageOptions
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
}
