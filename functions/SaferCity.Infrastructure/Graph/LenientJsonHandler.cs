using SaferCity.Core.Reading;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// Graph serves whatever was pasted into a list item, including half of a UTF-16 pair (<c>"\ud800"</c>), which the
/// SDK's JSON reader refuses: the whole page, and so the whole run, would fail on one character. This handler
/// repairs such a body before the SDK reads it (<see cref="LenientJson"/>: U+FFFD in place of what cannot be read;
/// the parser reports the field). Bodies that need nothing are passed on untouched.
/// </summary>
internal sealed class LenientJsonHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true) return response;

        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var repaired = LenientJson.Repair(body);
        var content = new ByteArrayContent(repaired ?? body);
        foreach (var header in response.Content.Headers) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        if (repaired is not null) content.Headers.ContentLength = repaired.Length;
        response.Content = content;
        return response;
    }
}
