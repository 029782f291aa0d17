using System.Globalization;
using System.Net;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// Owns retrying in the Graph pipeline, in place of the SDK's RetryHandler, because that one sleeps with
/// <c>Task.Delay</c> on real time and sits inside <c>HttpClient.Timeout</c>: a SharePoint <c>Retry-After: 120</c> could
/// never be waited out under the default 100 s, and a test could not wait it without waiting 120 s. Here:
/// <list type="bullet">
/// <item>429, 503 and 504 are retried (a POST only on 429: one answered 5xx may have been applied) up to <see
/// cref="GraphOptions.MaxRetries"/> times, after the response's
/// <c>Retry-After</c> (seconds or a date), else <see cref="GraphOptions.RetryDelaySeconds"/> doubled per attempt;</item>
/// <item>the waits of one request together stay within <see cref="GraphOptions.MaxRetryWaitSeconds"/>: a wait that
/// would pass it is not started, and the request fails at once with <see cref="GraphThrottledException"/>;</item>
/// <item>waits run on the injected <see cref="TimeProvider"/>; each attempt has <see cref="GraphOptions.TimeoutSeconds"/>
/// of real time, and a timed-out attempt is not sent again (a write may have been applied).</item>
/// </list>
/// </summary>
internal sealed class GraphRetryHandler(GraphOptions options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // Buffered once, so every attempt sends the same body.
        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var waited = TimeSpan.Zero;
        var budget = TimeSpan.FromSeconds(options.MaxRetryWaitSeconds);
        for (var attempt = 0; ; attempt++)
        {
            var message = attempt == 0 ? request : Copy(request, body, attempt);
            var response = await AttemptAsync(message, cancellationToken);
            var status = (int)response.StatusCode;
            if (status is not (429 or 503 or 504)) return response;
            // A POST answered 5xx may have been applied (a list item created, a batch run): never sent again blind.
            if (status != 429 && request.Method == HttpMethod.Post) return response;

            var wait = RetryAfter(response) ?? TimeSpan.FromSeconds(options.RetryDelaySeconds * Math.Pow(2, attempt));
            if (attempt >= options.MaxRetries || waited + wait > budget)
            {
                response.Dispose();
                throw new GraphThrottledException(status, attempt, wait, attempt < options.MaxRetries ? budget - waited : null);
            }
            response.Dispose();
            await Task.Delay(wait, time, cancellationToken);
            waited += wait;
        }
    }

    private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage message, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds)); // real time: the network is real
        try
        {
            return await base.SendAsync(message, attempt.Token);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No answer within {options.TimeoutSeconds} s.", e);
        }
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero,
        _ => null,
    };

    private static HttpRequestMessage Copy(HttpRequestMessage request, byte[]? body, int attempt)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers) copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        foreach (var option in request.Options) ((IDictionary<string, object?>)copy.Options)[option.Key] = option.Value;
        copy.Headers.Remove("Retry-Attempt");
        copy.Headers.TryAddWithoutValidation("Retry-Attempt", attempt.ToString(CultureInfo.InvariantCulture)); // as the SDK's handler marks them
        if (body is not null) copy.Content = Content(request.Content!, body);
        return copy;
    }

    private static ByteArrayContent Content(HttpContent original, byte[] body)
    {
        var content = new ByteArrayContent(body);
        foreach (var header in original.Headers) content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        return content;
    }
}

/// <summary>Graph stayed throttled or unavailable: the retries ran out, or the wait it asked for does not fit the budget.</summary>
public sealed class GraphThrottledException(int status, int retries, TimeSpan retryAfter, TimeSpan? budgetLeft)
    : HttpRequestException(Describe(status, retries, retryAfter, budgetLeft), null, (HttpStatusCode)status)
{
    public int Status => status;

    public TimeSpan RetryAfter => retryAfter;

    private static string Describe(int status, int retries, TimeSpan retryAfter, TimeSpan? budgetLeft)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        var code = $"{status} {response.ReasonPhrase}".TrimEnd();
        return budgetLeft is { } left
            ? $"{code}: asked to wait {retryAfter.TotalSeconds:0} s, more than the {Math.Max(0, left.TotalSeconds):0} s left to wait " +
                $"(Graph__MaxRetryWaitSeconds)"
            : $"{code} after {retries} retries";
    }
}
