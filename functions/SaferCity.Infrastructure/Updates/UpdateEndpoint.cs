using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Model;
using SaferCity.Core.Updates;

namespace SaferCity.Infrastructure.Updates;

/// <summary>
/// The update form over ASP.NET Core: the Functions app (<c>UpdateAction</c>, ASP.NET Core integration) and the CLI's
/// <c>serve</c> (Kestrel on loopback) both hand their request here, so both run the same code. It adds what HTTP needs
/// around <see cref="UpdateService"/>: security headers, the stylesheet, the body size cap, and the client's address.
/// </summary>
public static class UpdateEndpoint
{
    /// <summary>2,000 characters of comment, even if every one takes 4 bytes and is percent-encoded, fit well inside.</summary>
    public const int MaxBodyBytes = 32 * 1024;

    /// <summary>
    /// One request to the endpoint. The token comes in the query string (GET, <c>?link=</c>) or the form's body (POST),
    /// never in the path the host records. A link of the older style, with the token as the path's last segment, still
    /// works until it expires (at most Updates__LinkDays after this release): its page posts the new way.
    /// </summary>
    /// <param name="segment">What follows the endpoint's folder in the path: nothing, the stylesheet's name, or an older link's token.</param>
    /// <param name="behindProxy">True in the cloud, where the front end puts the client's address in X-Forwarded-For.</param>
    public static async Task HandleAsync(HttpContext context, string? segment, UpdateService service, bool behindProxy)
    {
        var segmentToken = string.IsNullOrEmpty(segment) ? null : segment;
        var request = context.Request;
        var response = context.Response;
        SecurityHeaders(response);
        var cancellationToken = context.RequestAborted;

        if (segment == UpdatePages.StylesheetName && HttpMethods.IsGet(request.Method))
        {
            response.ContentType = "text/css; charset=utf-8";
            response.Headers.CacheControl = "public, max-age=3600";
            await response.Body.WriteAsync(UpdatePages.Stylesheet, cancellationToken);
            return;
        }

        var client = ClientAddress(context, behindProxy);
        UpdateResponse page;
        try
        {
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
                page = await service.ShowAsync(Given(request.Query[UpdateLink.Field].ToString()) ?? segmentToken, client, cancellationToken);
            else if (HttpMethods.IsPost(request.Method))
                page = await ReadFormAsync(request, cancellationToken) is not { } form ? service.TooLarge()
                    : form.ContainsKey(UpdatePages.NewLinkField)
                        ? await service.RequestNewLinkAsync(Given(form.GetValueOrDefault(UpdateLink.Field)) ?? segmentToken, client,
                        cancellationToken)
                    : await service.SubmitAsync(Given(form.GetValueOrDefault(UpdateLink.Field)) ?? segmentToken, form, client, cancellationToken);
            else
            {
                response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                response.Headers.Allow = "GET, POST";
                return;
            }
        }
        catch (TrackerBusyException)
        {
            page = new UpdateResponse(503, UpdatePages.Busy(service.Page));
            response.Headers.RetryAfter = "120";
        }
        catch (PipelineException)
        {
            page = service.Unavailable();
        }

        response.StatusCode = page.Status;
        if (page.RetryAt is { } retry)
        {
            var wait = retry - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
            response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                .ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        response.ContentType = "text/html; charset=utf-8";
        if (page.Status == StatusCodes.Status413PayloadTooLarge) response.Headers.Connection = "close";
        var bytes = Encoding.UTF8.GetBytes(page.Html);
        response.ContentLength = bytes.Length;
        if (!HttpMethods.IsHead(request.Method)) await response.Body.WriteAsync(bytes, cancellationToken);
    }

    private static string? Given(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>The posted form, or null when the body is larger than <see cref="MaxBodyBytes"/> (checked while reading, not trusted from
    /// the header).</summary>
    private static async Task<IReadOnlyDictionary<string, string>?> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        var buffer = new byte[MaxBodyBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0) total += read;
        if (total > MaxBodyBytes) return null;

        var form = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!(request.ContentType ?? "").StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)) return form;
        using var reader = new FormReader(Encoding.UTF8.GetString(buffer, 0, total));
        foreach (var (key, value) in await reader.ReadFormAsync(cancellationToken))
            form.TryAdd(key, value.ToString()); // a repeated field counts once, the first; "a,b" joining would invent a value
        return form;
    }

    private static string ClientAddress(HttpContext context, bool behindProxy)
    {
        if (behindProxy && ForwardedClient(context.Request.Headers["X-Forwarded-For"].ToString()) is { } forwarded) return forwarded;
        return context.Connection.RemoteIpAddress is { } remote ? Key(remote) : "unknown";
    }

    /// <summary>
    /// The client address the platform's front end appended to X-Forwarded-For: the right-most entry (earlier ones come
    /// from the client and prove nothing), read as an address with any port dropped, so one client is one key however
    /// many connections it opens. IPv6 is keyed by its /64, the block one household or office is given. Null when unreadable.
    /// </summary>
    public static string? ForwardedClient(string? header)
    {
        var last = (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        if (last is null) return null;
        if (IPAddress.TryParse(last, out var address) || (IPEndPoint.TryParse(last, out var endpoint) && (address = endpoint.Address) is not null))
            return Key(address);
        return null;
    }

    private static string Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes).ToString();
    }

    private static void SecurityHeaders(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = UpdatePages.ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer"; // the token is in the address: never pass it on
        response.Headers.XFrameOptions = "DENY";
        response.Headers.CacheControl = "no-store";
    }
}
