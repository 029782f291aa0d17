using System.ComponentModel.DataAnnotations;

namespace SaferCity.Core.Model;

/// <summary>
/// Settings section "Privacy": who the data controller is and where its privacy notice lives. Named in the footer of
/// every digest and summary, and linked from the dashboard's footer, when set.
/// </summary>
public sealed class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    /// <summary>Privacy__Controller: the organisation responsible for the personal data ("City of London Corporation").</summary>
    [StringLength(200)] public string? Controller { get; set; }

    /// <summary>Privacy__NoticeUrl: the privacy notice (a web page; it is linked from the public dashboard).</summary>
    public string? NoticeUrl { get; set; }

    /// <summary>The footer sentence for emails; null when neither setting is given.</summary>
    public string? EmailFooter() => (Controller, NoticeUrl) switch
    {
        ({ Length: > 0 } c, { Length: > 0 } u) => $"{c} is the data controller for the personal data in this email. Privacy notice: {u}",
        ({ Length: > 0 } c, _) => $"{c} is the data controller for the personal data in this email.",
        (_, { Length: > 0 } u) => $"Privacy notice: {u}",
        _ => null,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(NoticeUrl)) yield break;
        if (!Uri.TryCreate(NoticeUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) ||
            NoticeUrl.Contains('@', StringComparison.Ordinal))
            yield return new ValidationResult(
                $"Privacy:NoticeUrl must be a web address (https://…) without '@', not '{NoticeUrl}': it is linked from the public dashboard.",
                [nameof(NoticeUrl)]);
    }
}
