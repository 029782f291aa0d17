using System.Net.Http.Headers;
using System.Text.Json;
using Azure.Core;
using SaferCity.Core.Model;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The few things Graph does not expose, read from SharePoint's own REST API on the site (<c>{site}/_api/…</c>): the
/// site's regional settings and the caller's permissions on a list. It needs a token for SharePoint itself
/// (<c>https://{tenant}.sharepoint.com/.default</c>), which the same credential is asked for; against the emulator the
/// emulator's root stands in for the tenant's host and a token is sent only when one is given. Reads only.
/// </summary>
public sealed class SharePointRest(TrackerOptions tracker, GraphOptions graph, HttpClient http, TokenCredential? credential)
{
    /// <summary>The JSON of <c>{site}/_api/{path}</c> (verbose answers unwrapped), or why it could not be had, in a few words.</summary>
    public async Task<(JsonElement? Json, string? Why)> GetAsync(string path, CancellationToken cancellationToken)
    {
        var address = Address(path);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            request.Headers.Accept.ParseAdd("application/json;odata=nometadata");
            if (credential is not null)
            {
                var scope = $"{address.GetLeftPart(UriPartial.Authority)}/.default";
                var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
            }
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) return (null, $"{(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd());
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var root = json.RootElement.TryGetProperty("d", out var verbose) ? verbose : json.RootElement;
            return (root.Clone(), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return (null, GraphCalls.Describe(e));
        }
    }

    /// <summary><c>{site}/_api/{path}</c>, on the emulator's root when Graph is an emulator.</summary>
    public Uri Address(string path)
    {
        var site = new Uri(tracker.SiteUrl ?? throw new PipelineException("Graph: Tracker__SiteUrl is not set."));
        var root = graph.IsEmulator ? new Uri(graph.BaseUrl).GetLeftPart(UriPartial.Authority) : site.GetLeftPart(UriPartial.Authority);
        return new Uri($"{root}{site.AbsolutePath.TrimEnd('/')}/_api/{path}");
    }
}
