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

    /// <summary>How long one attempt may take before it counts as no answer (real time; not resent, since a write may have landed).</summary>
    [Range(1, 600)] public int TimeoutSeconds { get; set; } = 60;

    /// <summary>
    /// The most one request waits in total on what Retry-After asks. SharePoint typically asks for 120 s and 70–250 s has been
    /// seen, so the default sits through two long throttles; a wait that would pass it fails the request at once instead.
    /// </summary>
    [Range(0, 1800)] public int MaxRetryWaitSeconds { get; set; } = 300;

    /// <summary>The update form's patience: a lead waits at a browser, so a long throttle gets the busy page, not a spinner.</summary>
    [Range(0, 60)] public int FormMaxRetryWaitSeconds { get; set; } = 5;

    /// <summary>One attempt's limit for the update form.</summary>
    [Range(1, 60)] public int FormTimeoutSeconds { get; set; } = 10;

    /// <summary>The company in the User-Agent (<c>NONISV|Company|SaferCity/version</c>); the dashboard's title when unset.</summary>
    [StringLength(120)] public string? UserAgentCompany { get; set; }

    /// <summary>
    /// The whole of one request, its attempts and its waits: <c>HttpClient.Timeout</c>. Larger than the retry budget by
    /// construction, so a Retry-After within <see cref="MaxRetryWaitSeconds"/> is waited out, never cut off.
    /// </summary>
    public TimeSpan Budget() => TimeSpan.FromSeconds((MaxRetries + 1) * TimeoutSeconds + MaxRetryWaitSeconds);

    /// <summary>These settings with the form's short limits and at most one retry.</summary>
    public GraphOptions ForForm() => new()
    {
        BaseUrl = BaseUrl, MaxRetries = Math.Min(MaxRetries, 1), RetryDelaySeconds = Math.Min(RetryDelaySeconds, FormMaxRetryWaitSeconds),
        TimeoutSeconds = FormTimeoutSeconds, MaxRetryWaitSeconds = FormMaxRetryWaitSeconds, UserAgentCompany = UserAgentCompany,
    };

    /// <summary>Plain http on the loopback interface: a local emulator, which gets no token.</summary>
    public bool IsEmulator =>
        Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    /// <summary>The token scope follows the host, so national clouds (graph.microsoft.us …) work unchanged. A method: validation reads
    /// properties, and this one needs a valid URL.</summary>
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

    /// <summary>
    /// Tracker__SiteTimeZone: the zone in the site's regional settings (IANA, e.g. Europe/London), which SharePoint uses to
    /// store date-only values. When unset it is read from the site, which needs a token for SharePoint itself.
    /// </summary>
    [TimeZoneId] public string? SiteTimeZone { get; set; }
}

/// <summary>A time zone this machine knows (IANA or Windows name).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeZoneIdAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is not string { Length: > 0 } id || TimeZoneInfo.TryFindSystemTimeZoneById(id, out _)
            ? ValidationResult.Success
            : new ValidationResult($"'{id}' is not a time zone: use an IANA name such as Europe/London.", [validationContext.MemberName!]);
}
