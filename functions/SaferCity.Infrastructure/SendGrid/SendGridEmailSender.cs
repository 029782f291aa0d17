using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MimeKit;
using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace SaferCity.Infrastructure.SendGrid;

/// <summary>
/// Sends a digest through SendGrid's v3 mail/send: one message, one personalization with all the lead's
/// addresses, text and HTML parts, categories and custom args that trace it back to its run and ledger entry.
/// The SendGrid client retries nothing and ignores rate-limit headers, so the retry loop is here. Only a definite
/// rejection is retried, with backoff (the server's wait when it names one), bounded by
/// <see cref="SendGridOptions.MaxAttempts"/> and <see cref="SendGridOptions.MaxDelay"/>: a 429, a 5xx answer, or a
/// connection that could not be made (nothing was sent). Any other answer is final. A request that went out and got
/// no answer (a timeout, a connection dropped after the request was written) may have been accepted: it is never
/// retried, and the send is reported unconfirmed (<see cref="SendResult.Unknown"/>), so no digest goes out twice.
/// Errors are one line, and never contain the API key.
/// </summary>
public sealed class SendGridEmailSender : IEmailSender, IDisposable
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;
    private readonly EmailAddress _from;
    private readonly TimeProvider _time;
    private readonly ILogger<SendGridEmailSender> _logger;

    /// <param name="http">Used for every request and disposed with the sender; its Timeout is the per-attempt timeout.</param>
    public SendGridEmailSender(HttpClient http, SendGridOptions options, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        if (!options.HasApiKey) throw new ArgumentException("SendGrid:ApiKey is not set.", nameof(options));
        if (options.From is null || !MailboxAddress.TryParse(options.From, out var from))
            throw new ArgumentException("SendGrid:From is not an email address.", nameof(options));
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _from = new EmailAddress(from.Address, string.IsNullOrEmpty(from.Name) ? null : from.Name);
        _client = new SendGridClient(http, new SendGridClientOptions { ApiKey = options.ApiKey, Host = options.Host });
    }

    /// <summary>The HttpClient the composition gives the sender: pooled connections renewed, the per-attempt timeout.</summary>
    public static HttpClient CreateHttpClient(SendGridOptions options) =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = options.Timeout };

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mail = ToSendGrid(message);
        for (var attempt = 1; ; attempt++)
        {
            var outcome = await AttemptAsync(mail, cancellationToken);
            if (outcome.Sent)
            {
                _logger.LogInformation("Sent {DigestId} through SendGrid to {Recipients} recipient(s) in {Attempts} attempt(s); " +
                    "message id {MessageId}",
                    message.DigestId, mail.Personalizations[0].Tos.Count, attempt, outcome.MessageId);
                return SendResult.Ok(outcome.MessageId);
            }

            var error = Redact(outcome.Error);
            if (outcome.Unknown) return SendResult.Unknown(attempt == 1 ? error : $"{error} (attempt {attempt})");
            if (!outcome.Retry) return SendResult.Failed(error);
            if (attempt >= _options.MaxAttempts)
                return SendResult.Failed($"{error} (gave up after {DigestRenderer.Plural(attempt, "attempt")})");

            var delay = Min(outcome.RetryAfter ?? Backoff(attempt), _options.MaxDelay);
            _logger.LogWarning("SendGrid attempt {Attempt} of {MaxAttempts} for {DigestId} failed: {Error}; retrying in {DelaySeconds:0.###} s",
                attempt, _options.MaxAttempts, message.DigestId, error, delay.TotalSeconds);
            await Task.Delay(delay, _time, cancellationToken);
        }
    }

    /// <summary>The request body: exposed for tests and for reading what would be sent.</summary>
    public SendGridMessage ToSendGrid(EmailMessage message)
    {
        // SendGrid rejects a personalization that names an address twice.
        var to = message.To.Select(Address).DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase).ToList();
        var mail = MailHelper.CreateSingleEmailToMultipleRecipients(_from, to, message.Subject, message.Text, message.Html, showAllRecipients: true);
        mail.AddCategory("safercity");
        mail.AddCategory(message.Tags.GetValueOrDefault("kind") ?? ReminderService.DigestKind);
        mail.AddCustomArg("digest_id", message.DigestId);
        // The action list can be long and is in the body already; custom args are capped at 10,000 bytes in all.
        foreach (var (key, value) in message.Tags.Where(t => t.Key is not ("actions" or "kind")))
            mail.AddCustomArg(key, value);
        // Whatever the account's defaults: click tracking would rewrite every update link (a credential) through
        // SendGrid's redirect and keep it there; open tracking adds a pixel that reports when a lead reads; the
        // subscription footer adds an unsubscribe link the partnership's duty emails cannot honour.
        mail.SetClickTracking(false, false);
        mail.SetOpenTracking(false);
        mail.SetSubscriptionTracking(false);
        return mail;
    }

    private async Task<Attempt> AttemptAsync(SendGridMessage mail, CancellationToken cancellationToken)
    {
        Response response;
        try
        {
            response = await _client.SendEmailAsync(mail, cancellationToken);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout surfaces as a cancellation that is not ours. SendGrid may have accepted the message.
            return Attempt.Unconfirmed($"SendGrid did not answer within {_http.Timeout.TotalSeconds:0.###} s; it may have accepted the message");
        }
        catch (HttpRequestException e) when (e.HttpRequestError is HttpRequestError.NameResolutionError or HttpRequestError.ConnectionError
                                                 or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError)
        {
            // No connection was made, so nothing was sent: safe to try again.
            return Attempt.Transient($"could not reach SendGrid: {OneLine(e.Message, 200)}");
        }
        catch (HttpRequestException e)
        {
            // The connection was made and the request may have been written: the outcome is unknown.
            return Attempt.Unconfirmed($"the connection to SendGrid failed after the request was sent ({OneLine(e.Message, 200)}); it " +
                $"may have accepted the message");
        }

        using var body = response.Body;
        var status = (int)response.StatusCode;
        if (status is 202 or 200) return Attempt.Ok(Header(response.Headers, "X-Message-Id"));

        var what = $"SendGrid answered {status} {Words(response.StatusCode)}{await ErrorDetailAsync(body, cancellationToken)}";
        if (status == 429) return Attempt.Transient(what, RateLimitWait(response.Headers) ?? RetryAfter(response.Headers));
        if (status >= 500) return Attempt.Transient(what, RetryAfter(response.Headers));
        return Attempt.Final(what);
    }

    private sealed record Attempt(bool Sent, string? MessageId, string Error, bool Retry, TimeSpan? RetryAfter, bool Unknown = false)
    {
        public static Attempt Ok(string? messageId) => new(true, messageId, "", false, null);
        public static Attempt Transient(string error, TimeSpan? retryAfter = null) => new(false, null, error, true, retryAfter);
        public static Attempt Final(string error) => new(false, null, error, false, null);
        public static Attempt Unconfirmed(string error) => new(false, null, error, false, null, Unknown: true);
    }

    // Deterministic doubling (1 s, 2 s, 4 s…): one sender with a handful of messages a week has no herd to spread with jitter.
    private static TimeSpan Backoff(int attempt) => FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 16));

    /// <summary>SendGrid's X-RateLimit-Reset: the unix second the limit resets.</summary>
    private TimeSpan? RateLimitWait(HttpResponseHeaders headers) =>
        long.TryParse(Header(headers, "X-RateLimit-Reset"), out var reset)
            ? NotNegative(DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(reset, 0, 253402300799)) - _time.GetUtcNow())
            : null;

    private TimeSpan? RetryAfter(HttpResponseHeaders headers) => headers.RetryAfter switch
    {
        { Delta: { } delta } => NotNegative(delta),
        { Date: { } date } => NotNegative(date - _time.GetUtcNow()),
        _ => null,
    };

    /// <summary>": message; message" from SendGrid's <c>{"errors":[{"message":…,"field":…}]}</c>, or nothing.</summary>
    private static async Task<string> ErrorDetailAsync(HttpContent? body, CancellationToken cancellationToken)
    {
        if (body is null) return "";
        try
        {
            using var json = JsonDocument.Parse(await body.ReadAsStringAsync(cancellationToken));
            if (!json.RootElement.TryGetProperty("errors", out var errors) || errors.ValueKind != JsonValueKind.Array) return "";
            var messages = errors.EnumerateArray()
                .Select(e => (Message: Text(e, "message"), Field: Text(e, "field")))
                .Where(e => e.Message is not null)
                .Select(e => e.Field is null ? e.Message! : $"{e.Message} ({e.Field})")
                .ToList();
            return messages.Count == 0 ? "" : ": " + OneLine(string.Join("; ", messages), 300);
        }
        catch (JsonException)
        {
            return "";
        }

        static string? Text(JsonElement e, string name) =>
            e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static EmailAddress Address(string text) =>
        MailboxAddress.TryParse(text, out var m) ? new EmailAddress(m.Address, string.IsNullOrEmpty(m.Name) ? null : m.Name)
            : new EmailAddress(text.Trim());

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static string Words(HttpStatusCode code) =>
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString()));

    private static string OneLine(string text, int max) => EmailText.Clip(text, max, null);

    /// <summary>Nothing this class returns or logs may carry the key, whatever a server or exception echoes back.</summary>
    private string Redact(string text) =>
        string.IsNullOrEmpty(_options.ApiKey) ? text : text.Replace(_options.ApiKey, "[redacted]", StringComparison.Ordinal);

    private static TimeSpan NotNegative(TimeSpan t) => t < TimeSpan.Zero ? TimeSpan.Zero : t;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public void Dispose() => _http.Dispose();
}
