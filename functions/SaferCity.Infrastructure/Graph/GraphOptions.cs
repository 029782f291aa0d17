using System.ComponentModel.DataAnnotations;

namespace SaferCity.Infrastructure.Graph;

/// <summary>Settings section "Graph": where Microsoft Graph is and how patient to be with it.</summary>
public sealed class GraphOptions
{
    public const string Section = "Graph";
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary>The Graph endpoint. A national cloud has its own host; a loopback http URL is an emulator (no token).</summary>
    [Required, Url] public string BaseUrl { get; set; } = DefaultBaseUrl;

    /// <summary>Retries of a throttled or unavailable request (429/503/504); Retry-After is honoured. At most 10.</summary>
    [Range(0, 10)] public int MaxRetries { get; set; } = 3;

    /// <summary>Base back-off in seconds when the response carries no Retry-After (doubled per attempt).</summary>
    [Range(0, 180)] public int RetryDelaySeconds { get; set; } = 3;

    /// <summary>Upper bound for one request, retries included.</summary>
    [Range(1, 3600)] public int TimeoutSeconds { get; set; } = 100;

    /// <summary>Plain http on the loopback interface: a local emulator, which gets no token.</summary>
    public bool IsEmulator =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    /// <summary>The token scope follows the host, so national clouds (graph.microsoft.us …) work unchanged. A method: validation reads properties, and this one needs a valid URL.</summary>
    public string Scope() => $"{new Uri(BaseUrl).GetLeftPart(UriPartial.Authority)}/.default";
}

/// <summary>Settings section "Tracker": which SharePoint site and lists hold the tracker.</summary>
public sealed class TrackerOptions
{
    public const string Section = "Tracker";

    /// <summary>The site, e.g. https://contoso.sharepoint.com/sites/scp. When set, the lists are read through Graph.</summary>
    [Url] public string? SiteUrl { get; set; }

    [Required] public string ListName { get; set; } = "SCP Progress Monitoring";

    [Required] public string LeadsListName { get; set; } = "SCP Leads";

    /// <summary>
    /// Tracker__NoConfidentialItems: the admin's explicit word that the tracker list holds nothing confidential. Only
    /// then does a list with no hide column publish; without it, such a list publishes nothing new (hiding fails closed).
    /// </summary>
    public bool NoConfidentialItems { get; set; }
}
