using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;
using SaferCity.Core.Reading;
using CoreListItem = SaferCity.Core.Model.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// List items as Graph sends them: each request built by the SDK (its request information, so the URL, the query and the
/// middleware are the SDK's, throttling and timeouts included) and its answer read as raw JSON by <see cref="ListItemJson"/>,
/// the one parser the file source uses too. The SDK's model would guess types (a date-like string becomes a DateTime) that
/// then had to be turned back into text.
/// </summary>
internal static class GraphItemPages
{
    // Graph's error body becomes the SDK's ODataError, so failures read as they do from any other Graph call.
    private static readonly Dictionary<string, ParsableFactory<IParsable>> Errors = new(StringComparer.Ordinal)
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    /// <summary>Every item, following <c>@odata.nextLink</c> page by page; each page's failure names the page.</summary>
    public static async Task<List<CoreListItem>> ReadAllAsync(GraphServiceClient client, RequestInformation first, string what,
        CancellationToken cancellationToken)
    {
        var items = new List<CoreListItem>();
        var request = first;
        for (var page = 1; ; page++)
        {
            // Read inside the call, so a page that is not JSON fails naming its page like any other failure.
            var read = await GraphCalls.CallAsync(what, async () => await SendAsync(client, request, cancellationToken) is { } bytes
                ? ListItemJson.ParsePage(bytes) : null, cancellationToken, $" on page {page}");
            items.AddRange(read.Items);
            if (read.NextLink is not { Length: > 0 } next) return items;
            request = Get(new Uri(next));
        }
    }

    /// <summary>One item (<c>GET …/items/{id}</c>); a 404 is the SDK's <see cref="ApiException"/>, as from any Graph call.</summary>
    public static async Task<CoreListItem?> ReadOneAsync(GraphServiceClient client, RequestInformation request,
        CancellationToken cancellationToken) =>
        await SendAsync(client, request, cancellationToken) is { } bytes ? ListItemJson.ParseItem(bytes) : null;

    /// <summary>The item's fields renamed to the configured names and its Date columns read as the site's days.</summary>
    public static CoreListItem Shaped(CoreListItem item, ItemShape shape)
    {
        var fields = new Dictionary<string, object?>(item.Fields.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in item.Fields) fields.TryAdd(shape.Renames.GetValueOrDefault(name) ?? name, shape.Read(name, value));
        return new CoreListItem(item.Id, item.LastModified, fields) { WebUrl = item.WebUrl, ETag = item.ETag };
    }

    private static async Task<byte[]?> SendAsync(GraphServiceClient client, RequestInformation request, CancellationToken cancellationToken)
    {
        await using var stream = await client.RequestAdapter.SendPrimitiveAsync<Stream>(request, Errors, cancellationToken);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    private static RequestInformation Get(Uri address)
    {
        var request = new RequestInformation { HttpMethod = Method.GET, URI = address };
        request.Headers.TryAdd("Accept", "application/json");
        return request;
    }
}
