using Microsoft.Extensions.Logging.Abstractions;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure.SendGrid;

namespace SaferCity.Integration.Tests.Email;

/// <summary>The real SendGrid client against the fake server: the request it sends, and the retry loop around it.</summary>
public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private const string ApiKey = "SG.sender-test-key-4f1c9e";
    private static readonly DateTimeOffset Now = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);

    private FakeSendGrid _fake = null!;
    private readonly InstantDelays _time = new(Now);

    public async Task InitializeAsync() => _fake = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private SendGridEmailSender Sender(int maxAttempts = 4, TimeSpan? maxDelay = null, TimeSpan? timeout = null)
    {
        var options = new SendGridOptions
        {
            ApiKey = ApiKey,
            Host = _fake.Url,
            From = "SaferCity <safercity@example.org>",
            MaxAttempts = maxAttempts,
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(60),
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        return new SendGridEmailSender(SendGridEmailSender.CreateHttpClient(options), options, _time, NullLogger<SendGridEmailSender>.Instance);
    }

    private static EmailMessage Message(string key = "licensing", params string[] to) => new(
        $"2017-W03/{key}", to.Length > 0 ? to : ["licensing@example.gov.uk"], "Licensing: 2 actions to review", "TEXT 4.2 2.7", "<p>HTML</p>",
        new Dictionary<string, string>
        {
            ["week"] = "2017-W03", ["digest"] = key, ["kind"] = "digest", ["run"] = "2017-01-16T07:00:00Z", ["actions"] = "4.2 2.7"
        });

    [Fact]
    public async Task SendAsync_Accepted_OnePersonalizationWithEveryAddressBothPartsAndTracingArgs()
    {
        _fake.Script = _ => FakeSendGrid.Accepted("msg-123");
        using var sender = Sender();

        var result = await sender.SendAsync(Message("police", "a@example.org", "b@example.org", "A@example.org"), CancellationToken.None);

        Assert.Equal(SendResult.Ok("msg-123"), result);
        var request = Assert.Single(_fake.Requests);
        Assert.Equal($"Bearer {ApiKey}", request.Headers["Authorization"]);
        Assert.Equal(1, request.PersonalizationCount);
        Assert.Equal(["a@example.org", "b@example.org"], request.To); // SendGrid rejects an address twice in one personalization
        Assert.Equal("safercity@example.org", request.From);
        Assert.Equal("Licensing: 2 actions to review", request.Subject);
        Assert.Equal(["text/plain", "text/html"], request.ContentTypes);
        Assert.Equal("TEXT 4.2 2.7", request.Text);
        Assert.Equal(["safercity", "digest"], request.Categories);
        Assert.Equal("2017-W03/police", request.DigestId);
        Assert.Equal("2017-W03", request.CustomArgs["week"]);
        Assert.Equal("2017-01-16T07:00:00Z", request.CustomArgs["run"]);
        Assert.False(request.CustomArgs.ContainsKey("actions"));
    }

    [Fact]
    public async Task SendAsync_AnyMessage_RequestBodyTurnsClickOpenAndSubscriptionTrackingOff()
    {
        _fake.Script = _ => FakeSendGrid.Accepted();
        using var sender = Sender();

        await sender.SendAsync(Message("police"), CancellationToken.None);
        await sender.SendAsync(Message("coordinator"), CancellationToken.None);

        Assert.Equal(2, _fake.Requests.Count);
        Assert.All(_fake.Requests, request =>
        {
            var tracking = request.Body.GetProperty("tracking_settings");
            Assert.False(tracking.GetProperty("click_tracking").GetProperty("enable").GetBoolean());
            Assert.False(tracking.GetProperty("click_tracking").GetProperty("enable_text").GetBoolean());
            Assert.False(tracking.GetProperty("open_tracking").GetProperty("enable").GetBoolean());
            Assert.False(tracking.GetProperty("subscription_tracking").GetProperty("enable").GetBoolean());
        });
    }

    [Fact]
    public async Task SendAsync_SandboxAnswers200_CountsAsSent()
    {
        _fake.Script = _ => new Reply(200, new Dictionary<string, string>());
        using var sender = Sender();

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Sent);
    }

    [Fact]
    public async Task SendAsync_RateLimitedWithReset_WaitsUntilTheResetThenSends()
    {
        _fake.Script = r => r.Number == 1 ? FakeSendGrid.RateLimited(resetUnixSeconds: Now.AddSeconds(7).ToUnixTimeSeconds()) : null;
        using var sender = Sender();

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Sent);
        Assert.Equal(2, _fake.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Delays);
    }

    [Fact]
    public async Task SendAsync_RateLimitedWithRetryAfter_WaitsThatLong()
    {
        _fake.Script = r => r.Number == 1 ? FakeSendGrid.RateLimited(retryAfterSeconds: 3) : null;
        using var sender = Sender();

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Sent);
        Assert.Equal([TimeSpan.FromSeconds(3)], _time.Delays);
    }

    [Fact]
    public async Task SendAsync_RateLimitResetAnHourAway_NeverWaitsLongerThanMaxDelay()
    {
        _fake.Script = r => r.Number < 3 ? FakeSendGrid.RateLimited(resetUnixSeconds: Now.AddHours(1).ToUnixTimeSeconds()) : null;
        using var sender = Sender(maxDelay: TimeSpan.FromSeconds(20));

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Sent);
        Assert.Equal([TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(20)], _time.Delays);
    }

    [Fact]
    public async Task SendAsync_ServerErrorEveryTime_BacksOffThenGivesUpAfterMaxAttempts()
    {
        _fake.Script = _ => FakeSendGrid.ServerError();
        using var sender = Sender(maxAttempts: 4, maxDelay: TimeSpan.FromSeconds(3));

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Equal(4, _fake.Requests.Count);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(3)], _time.Delays);
        Assert.Equal("SendGrid answered 500 Internal Server Error: internal error (gave up after 4 attempts)", result.Error);
    }

    [Fact]
    public async Task SendAsync_BadRequest_FailsAtOnceWithStatusAndSendGridsMessage()
    {
        _fake.Script = _ => FakeSendGrid.BadRequest("The from address does not match a verified Sender Identity.", "from");
        using var sender = Sender();

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Single(_fake.Requests);
        Assert.Empty(_time.Delays);
        Assert.Equal("SendGrid answered 400 Bad Request: The from address does not match a verified Sender Identity. (from)", result.Error);
    }

    [Fact]
    public async Task SendAsync_ErrorEchoesTheApiKey_KeyIsRedacted()
    {
        _fake.Script = _ => FakeSendGrid.BadRequest($"Key {ApiKey} is not permitted to send mail.");
        using var sender = Sender();

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.DoesNotContain(ApiKey, result.Error);
        Assert.Contains("Key [redacted] is not permitted", result.Error);
    }

    /// <summary>A request that went out and got no answer in time may have been accepted: never tried again.</summary>
    [Fact]
    public async Task SendAsync_ServerAnswersAfterTheTimeout_OneAttemptAndUnconfirmed()
    {
        _fake.Script = _ => FakeSendGrid.AcceptLate(TimeSpan.FromSeconds(2.5));
        using var sender = Sender(maxAttempts: 2, timeout: TimeSpan.FromSeconds(1));

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.Equal(SendResult.Unknown("SendGrid did not answer within 1 s; it may have accepted the message"), result);
        Assert.Single(_fake.Requests);
        Assert.Single(_fake.AcceptedRequests);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task SendAsync_ConnectionDroppedAfterTheRequestWasWritten_OneAttemptAndUnconfirmed()
    {
        _fake.Script = _ => FakeSendGrid.Drop();
        using var sender = Sender(maxAttempts: 4);

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.True(result.Unconfirmed);
        Assert.False(result.Sent);
        Assert.StartsWith("the connection to SendGrid failed after the request was sent", result.Error);
        Assert.Single(_fake.Requests);
    }

    /// <summary>Nothing listening: no request was written, so trying again is safe; after the last try it is a definite failure.</summary>
    [Fact]
    public async Task SendAsync_ConnectionRefused_RetriedThenFailedNotUnconfirmed()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a free port nothing listens on
        var options = new SendGridOptions
        {
            ApiKey = ApiKey, Host = $"http://127.0.0.1:{closedPort}", From = "safercity@example.org", MaxAttempts = 3
        };
        using var sender = new SendGridEmailSender(SendGridEmailSender.CreateHttpClient(options), options, _time,
            NullLogger<SendGridEmailSender>.Instance);

        var result = await sender.SendAsync(Message(), CancellationToken.None);

        Assert.False(result.Sent);
        Assert.False(result.Unconfirmed);
        Assert.StartsWith("could not reach SendGrid", result.Error);
        Assert.EndsWith("(gave up after 3 attempts)", result.Error);
        Assert.Equal(2, _time.Delays.Count);
    }

    [Fact]
    public async Task SendAsync_CallerCancels_ThrowsInsteadOfReportingATimeout()
    {
        using var cancel = new CancellationTokenSource();
        _fake.Script = _ =>
        {
            cancel.Cancel(); // the caller gives up while the request is in flight
            return FakeSendGrid.Hang();
        };
        using var sender = Sender(timeout: TimeSpan.FromMinutes(5));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Message(), cancel.Token));
        Assert.Single(_fake.Requests);
    }
}
