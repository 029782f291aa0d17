using System.Net;
using System.Text.Json;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using SaferCity.Core.Model;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The Graph calls both the tracker source and the provisioner make, and the one place that turns
/// any Graph failure into a <see cref="PipelineException"/> with a line a person can act on.
/// </summary>
internal static class GraphCalls
{
    /// <summary>Runs one Graph call; every failure becomes "Graph: {what} failed{where}: {why}".</summary>
    public static async Task<T> CallAsync<T>(string what, Func<Task<T?>> call, CancellationToken cancellationToken, string where = "")
        where T : class
    {
        try
        {
            return await call() ?? throw new PipelineException($"Graph: {what} failed{where}: the response was empty.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not PipelineException)
        {
            throw new PipelineException($"Graph: {what} failed{where}: {Describe(e)}", e);
        }
    }

    /// <summary>GET /sites/{hostname}:/{server-relative-path} → the site id.</summary>
    public static async Task<string> ResolveSiteIdAsync(GraphServiceClient client, string siteUrl, CancellationToken cancellationToken)
    {
        var url = new Uri(siteUrl);
        var path = url.AbsolutePath.TrimEnd('/');
        var address = path.Length == 0
            ? $"{client.RequestAdapter.BaseUrl}/sites/{url.Host}"
            : $"{client.RequestAdapter.BaseUrl}/sites/{url.Host}:{path}";
        var site = await CallAsync($"finding the site {siteUrl}",
            () => client.Sites["root"].WithUrl(address).GetAsync(r => r.QueryParameters.Select = ["id", "displayName"], cancellationToken),
            cancellationToken);
        return site.Id ?? throw new PipelineException($"Graph: the site {siteUrl} came back without an id.");
    }

    /// <summary>The id of the list with this display name, or null when the site has none.</summary>
    public static async Task<string?> FindListIdAsync(GraphServiceClient client, string siteId, string displayName,
        CancellationToken cancellationToken)
    {
        var lists = await CallAsync($"finding the list '{displayName}'",
            () => client.Sites[siteId].Lists.GetAsync(r =>
            {
                r.QueryParameters.Filter = $"displayName eq '{displayName.Replace("'", "''", StringComparison.Ordinal)}'";
                r.QueryParameters.Select = ["id", "displayName"];
            }, cancellationToken),
            cancellationToken);
        return lists.Value?.FirstOrDefault(l => string.Equals(l.DisplayName, displayName, StringComparison.OrdinalIgnoreCase))?.Id;
    }

    /// <summary>Throttled past the budget, or no answer in time: worth trying again later; nothing this call wrote.</summary>
    public static bool Busy(Exception e) => e is GraphThrottledException or TimeoutException
        || e.InnerException is GraphThrottledException or TimeoutException;

    public static string Describe(Exception e) => e switch
    {
        GraphThrottledException throttled => throttled.Message,
        { InnerException: GraphThrottledException throttled } => throttled.Message,
        // The retry handler gave up: the inner exceptions are the responses it saw, the last one last.
        AggregateException { InnerExceptions: [.., ApiException last] } all =>
            $"{Status(last.ResponseStatusCode)} after {all.InnerExceptions.Count - 1} retries",
        ODataError { Error.Message: { Length: > 0 } message } odata => $"{Status(odata.ResponseStatusCode)}: {message}",
        ApiException api when api.ResponseStatusCode > 0 => Status(api.ResponseStatusCode),
        TaskCanceledException or TimeoutException or { InnerException: TimeoutException } => "no answer in time (timed out)",
        HttpRequestException http => $"cannot reach Graph: {http.Message}",
        JsonException => "the response was not valid JSON",
        Azure.Identity.AuthenticationFailedException or Azure.Identity.CredentialUnavailableException =>
            "no Azure credential could get a Graph token (sign in with 'az login' locally; in Azure give the app a managed identity)",
        _ => e.Message.Split('\n', 2)[0].Trim(), // one line, the first, is what a person reads

    };

    private static string Status(int code)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)code);
        return $"{code} {response.ReasonPhrase}".TrimEnd();
    }
}
