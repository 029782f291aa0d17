using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// Builds a Graph client: the SDK's own middleware (redirects, decompression …) with its retry handler replaced by
/// <see cref="GraphRetryHandler"/> (waits on the injected clock, within a budget), every request decorated
/// (<see cref="GraphUserAgentHandler"/>), lenient JSON, and a token unless it talks to an emulator.
/// </summary>
public static class GraphClients
{
    public static GraphServiceClient Create(GraphOptions options, TimeProvider time, string company,
        TokenCredential? credential = null)
    {
        var http = CreateHttp(options, time, company);
        var baseUrl = options.BaseUrl.TrimEnd('/');
        // An emulator gets no token unless one is given (a chosen sign-in); Kiota sends tokens over http to loopback only.
        IAuthenticationProvider auth = options.IsEmulator && credential is null
            ? new AnonymousAuthenticationProvider()
            : new AzureIdentityAuthenticationProvider(
                credential ?? new DefaultAzureCredential(),
                allowedHosts: [new Uri(baseUrl).Host],
                observabilityOptions: null,
                isCaeEnabled: true,
                scopes: [options.Scope()]);
        return new GraphServiceClient(http, auth, baseUrl);
    }

    /// <summary>
    /// The same pipeline without Graph's token: for SharePoint's own REST API (the site's regional settings), which is
    /// throttled by the same rules and is asked for its token by the caller.
    /// </summary>
    public static HttpClient CreateHttp(GraphOptions options, TimeProvider time, string company)
    {
        // A bare HttpClient would have no middleware at all; the factory keeps the default handlers.
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is RetryHandler) handlers[i] = new GraphRetryHandler(options, time);
        }
        handlers.Add(new GraphUserAgentHandler(GraphUserAgentHandler.Value(options.UserAgentCompany ?? company)));
        // Innermost, so every retry and redirect reads a body that a pasted half-character cannot make unreadable.
        handlers.Add(new LenientJsonHandler());
        var http = GraphClientFactory.Create(handlers);
        http.Timeout = options.Budget();
        return http;
    }
}
