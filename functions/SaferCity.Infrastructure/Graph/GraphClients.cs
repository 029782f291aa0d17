using Azure.Core;
using Azure.Identity;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace SaferCity.Infrastructure.Graph;

/// <summary>Builds the one Graph client: the SDK's own middleware (retry honouring Retry-After, redirects, decompression), lenient JSON, a token unless it talks to an emulator.</summary>
public static class GraphClients
{
    public static GraphServiceClient Create(GraphOptions options, TokenCredential? credential = null)
    {
        // A bare HttpClient would have no middleware at all; the factory keeps the default handlers.
        // Only the retry handler is swapped, for one whose limits come from settings.
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        for (var i = 0; i < handlers.Count; i++)
        {
            if (handlers[i] is RetryHandler)
                handlers[i] = new RetryHandler(new RetryHandlerOption { MaxRetry = options.MaxRetries, Delay = options.RetryDelaySeconds });
        }
        // Innermost, so every retry and redirect reads a body that a pasted half-character cannot make unreadable.
        handlers.Add(new LenientJsonHandler());
        var http = GraphClientFactory.Create(handlers);
        http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);

        var baseUrl = options.BaseUrl.TrimEnd('/');
        IAuthenticationProvider auth = options.IsEmulator
            ? new AnonymousAuthenticationProvider()
            : new AzureIdentityAuthenticationProvider(
                credential ?? new DefaultAzureCredential(),
                allowedHosts: [new Uri(baseUrl).Host],
                observabilityOptions: null,
                isCaeEnabled: true,
                scopes: [options.Scope()]);
        return new GraphServiceClient(http, auth, baseUrl);
    }
}
