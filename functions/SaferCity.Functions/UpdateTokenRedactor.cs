using System.Text.RegularExpressions;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using SaferCity.Core.Updates;

namespace SaferCity.Functions;

/// <summary>
/// An update link's token is a credential for 28 days. It travels as "?link=" (and in the form's body), or, in links of
/// the older style, as the last segment of the path. Every telemetry item the worker sends passes through here first:
/// a token after "link=" or "/update/" (in a URL, a name, a message or a property) becomes "link-{id}", the
/// 16-hex-digit id the audit and the logs use, so telemetry keeps the route and which link, never the token. (The
/// Functions host's own request telemetry is another process: see docs/reliability.md.)
/// </summary>
public sealed partial class UpdateTokenRedactor(ITelemetryProcessor next) : ITelemetryProcessor
{
    public void Process(ITelemetry item)
    {
        switch (item)
        {
            case RequestTelemetry r:
                r.Name = Redact(r.Name);
                if (r.Url is { } url && Redact(url.OriginalString) is var u && u != url.OriginalString)
                    r.Url = new Uri(u, UriKind.RelativeOrAbsolute);
                break;
            case DependencyTelemetry d:
                (d.Name, d.Data, d.Target) = (Redact(d.Name), Redact(d.Data), Redact(d.Target));
                break;
            case TraceTelemetry t:
                t.Message = Redact(t.Message);
                break;
            case ExceptionTelemetry e:
                e.Message = Redact(e.Message);
                break;
        }
        if (item is ISupportProperties withProperties)
        {
            foreach (var key in withProperties.Properties.Keys.ToList()) withProperties.Properties[key] = Redact(withProperties.Properties[key]);
        }
        next.Process(item);
    }

    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : Token().Replace(text, m => $"link-{UpdateLink.IdOf(m.Value)}");

    /// <summary>
    /// A token: base64url, a dot, base64url (a payload of 17 bytes or more, a 32-byte MAC), after "link=" or "/update/"
    /// (raw or percent-encoded "=" and slash).
    /// </summary>
    [GeneratedRegex(@"(?<=/update(/|%2[Ff])|link(=|%3[Dd]))[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{40,}")]
    private static partial Regex Token();
}
