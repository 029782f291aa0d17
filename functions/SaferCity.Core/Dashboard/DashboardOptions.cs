using System.ComponentModel.DataAnnotations;

namespace SaferCity.Core.Dashboard;

/// <summary>Settings section "Dashboard".</summary>
public sealed class DashboardOptions : IValidatableObject
{
    public const string Section = "Dashboard";

    /// <summary>The partnership's name, shown as the page title.</summary>
    [Required, StringLength(120, MinimumLength = 1)]
    public string Title { get; set; } = "Safer City Partnership";

    /// <summary>Where the public dashboard lives, for links in emails. Optional.</summary>
    [Url] public string? PublicUrl { get; set; }

    /// <summary>Whether search engines may list the page (the robots meta tag). Link previews work either way.</summary>
    public bool Indexable { get; set; } = true;

    /// <summary>The page warns that the data may be out of date when it is older than this.</summary>
    [Range(1, 24 * 60)] public int StaleAfterHours { get; set; } = 26;

    /// <summary>
    /// How the public reaches the partnership coordinator: a web page (a contact form or the partnership's contact
    /// page), linked from the stale-data notice, the footer and the accessibility statement. Optional. Only a web
    /// address: the published site carries no email addresses, so a mailto: link is refused rather than published.
    /// </summary>
    public string? ContactUrl { get; set; }

    /// <summary>
    /// The day a person last reviewed the accessibility statement (yyyy-MM-dd). Optional: without it the statement gives
    /// only the day this version was built and tested, from which it is generated.
    /// </summary>
    [RegularExpression(@"^\d{4}-\d{2}-\d{2}$", ErrorMessage = "Dashboard:StatementReviewed must be a date, yyyy-MM-dd.")]
    public string? StatementReviewed { get; set; }

    /// <summary>How many working days the partnership takes to answer an accessibility problem or a request for another format.</summary>
    [Range(1, 60)] public int ContactResponseDays { get; set; } = 10;

    /// <summary>
    /// Dashboard__Comments: "public" (the default) publishes comments once screened for personal details; "withheld"
    /// publishes none, for partnerships that publish RAG ratings and deadlines only.
    /// </summary>
    public DashboardComments Comments { get; set; } = DashboardComments.Public;

    /// <summary>The Privacy section (Privacy__NoticeUrl, Privacy__Controller), copied in at start: the footer links the notice.</summary>
    public PrivacyOptions Privacy { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ContactUrl)) yield break;
        if (!Uri.TryCreate(ContactUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            yield return new ValidationResult(
                $"Dashboard:ContactUrl must be a web address (https://…), not '{ContactUrl}': " +
                "everything on the dashboard is public, and it never carries an email address.",
                [nameof(ContactUrl)]);
        else if (uri.UserInfo.Length > 0 || ContactUrl.Contains('@', StringComparison.Ordinal))
            yield return new ValidationResult(
                "Dashboard:ContactUrl must not contain '@': everything on the dashboard is public, and it never carries an email address.",
                [nameof(ContactUrl)]);
    }
}
