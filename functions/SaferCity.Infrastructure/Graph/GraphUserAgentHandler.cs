using System.Reflection;
using System.Text;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// Decorates every Graph request as SharePoint's throttling guidance asks, <c>NONISV|Company|App/Version</c>: undecorated
/// traffic is throttled first. Innermost, so the SDK's own product token (kiota-dotnet, added before) is kept after ours.
/// </summary>
internal sealed class GraphUserAgentHandler(string userAgent) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var others = request.Headers.UserAgent.ToString();
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", others.Length > 0 ? $"{userAgent} {others}" : userAgent);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// <c>NONISV|{company}|SaferCity/{version}</c>. The company (the partnership's name unless Graph__UserAgentCompany says
    /// otherwise) keeps only the characters an HTTP product token allows, so "Safer City Partnership" becomes SaferCityPartnership.
    /// </summary>
    public static string Value(string company)
    {
        var token = new StringBuilder();
        foreach (var c in company.Normalize(NormalizationForm.FormC))
            if (char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`~".Contains(c, StringComparison.Ordinal)) token.Append(c);
        var version = typeof(GraphUserAgentHandler).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? "1.0.0";
        return $"NONISV|{(token.Length > 0 ? token.ToString() : "SaferCity")}|SaferCity/{version.Split('+')[0]}";
    }
}
