using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SaferCity.Integration.Tests.Email;

/// <summary>
/// A stand-in for SendGrid's <c>POST /v3/mail/send</c> on 127.0.0.1 (a free port). It records every
/// request (headers and JSON body) and answers 202 with an X-Message-Id unless a script says otherwise:
/// <see cref="Script"/> picks the answer for each request (by its parsed body), e.g. a 429 for the first
/// try of one digest. Scripted answers: <see cref="Accepted"/>, <see cref="RateLimited"/>,
/// <see cref="ServerError"/>, <see cref="BadRequest"/>, <see cref="Hang"/>, <see cref="AcceptLate"/>, <see cref="Drop"/>.
/// Like the real service, it counts a message as accepted once the whole request has arrived and it means to take it:
/// a request it then holds (<see cref="Hang"/>, <see cref="AcceptLate"/>) or whose connection it drops is accepted
/// whether or not the client is still waiting for the answer.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<int, int> _answered = new();
    private int _count;

    private FakeSendGrid(WebApplication app) => _app = app;

    public string Url { get; private set; } = "";

    /// <summary>Every request received, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <summary>The requests accepted (2xx, answered or not): messages SendGrid would deliver. A held or dropped request is among them.</summary>
    public IReadOnlyList<RecordedRequest> AcceptedRequests =>
        [.. _requests.Where(r => _answered.TryGetValue(r.Number, out var status) && status is >= 200 and < 300)];

    /// <summary>Chooses the answer to a request; null means the default 202.</summary>
    public Func<RecordedRequest, Reply?> Script { get; set; } = _ => null;

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", fake.HandleAsync);
        await app.StartAsync();
        fake.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonDocument.ParseAsync(context.Request.Body);
        var request = new RecordedRequest(
            Interlocked.Increment(ref _count),
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.RootElement.Clone());
        _requests.Enqueue(request);

        var reply = Script(request) ?? Accepted();
        if (reply.Hang)
        {
            // Taken, but the answer is held: until released, for a while, or until the client gives up (its timeout,
            // the server stopping). Delivered whichever comes first.
            _answered[request.Number] = 202;
            var aborted = Task.Delay(Timeout.Infinite, context.RequestAborted);
            var answerAt = reply.After is { } after ? Task.Delay(after) : null;
            var released = await Task.WhenAny(new[] { aborted, reply.Until, answerAt }.OfType<Task>());
            if (released == aborted || context.RequestAborted.IsCancellationRequested) return;
            reply = Accepted();
        }
        if (reply.Drop)
        {
            _answered[request.Number] = 202; // taken; the connection then fails before any answer
            context.Abort();
            return;
        }
        _answered[request.Number] = reply.Status;
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers) context.Response.Headers[name] = value;
        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body);
        }
    }

    public static Reply Accepted(string? messageId = null) =>
        new(202, new Dictionary<string, string> { ["X-Message-Id"] = messageId ?? "msg-" + Guid.NewGuid().ToString("N")[..12] });

    /// <summary>429 with SendGrid's X-RateLimit-Reset (unix seconds), or a Retry-After in seconds.</summary>
    public static Reply RateLimited(long? resetUnixSeconds = null, int? retryAfterSeconds = null)
    {
        var headers = new Dictionary<string, string>();
        if (resetUnixSeconds is { } reset) headers["X-RateLimit-Reset"] = reset.ToString();
        if (retryAfterSeconds is { } after) headers["Retry-After"] = after.ToString();
        return new(429, headers, """{"errors":[{"field":null,"message":"too many requests"}]}""");
    }

    public static Reply ServerError() => new(500, new Dictionary<string, string>(), """{"errors":[{"message":"internal error"}]}""");

    public static Reply BadRequest(string message, string? field = null) =>
        new(400, new Dictionary<string, string>(), JsonSerializer.Serialize(new { errors = new[] { new { message, field } } }));

    public static Reply Hang() => new(0, new Dictionary<string, string>(), Hang: true);

    /// <summary>Holds the request until <paramref name="release"/> completes, then accepts it (202).</summary>
    public static Reply HangUntil(Task release) => new(0, new Dictionary<string, string>(), Hang: true, Until: release);

    /// <summary>Accepts the message at once but answers 202 only after <paramref name="delay"/> (real time).</summary>
    public static Reply AcceptLate(TimeSpan delay) => new(0, new Dictionary<string, string>(), Hang: true, After: delay);

    /// <summary>Takes the message, then drops the connection without answering.</summary>
    public static Reply Drop() => new(0, new Dictionary<string, string>(), Drop: true);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record Reply(int Status, IReadOnlyDictionary<string, string> Headers, string? Body = null, bool Hang = false, Task? Until = null,
    TimeSpan? After = null, bool Drop = false);

/// <summary>One request as received, with readers for the parts of the mail/send body the tests look at.</summary>
public sealed record RecordedRequest(int Number, IReadOnlyDictionary<string, string> Headers, JsonElement Body)
{
    private JsonElement Personalization => Body.GetProperty("personalizations")[0];

    public int PersonalizationCount => Body.GetProperty("personalizations").GetArrayLength();

    public IReadOnlyList<string> To => Personalization.GetProperty("to").EnumerateArray().Select(t => t.GetProperty("email").GetString()!).ToList();

    public string Subject => Body.TryGetProperty("subject", out var s) ? s.GetString()! : Personalization.GetProperty("subject").GetString()!;

    public string From => Body.GetProperty("from").GetProperty("email").GetString()!;

    public string Content(string type) => Body.GetProperty("content").EnumerateArray()
        .Single(c => c.GetProperty("type").GetString() == type).GetProperty("value").GetString()!;

    public string Text => Content("text/plain");

    public string Html => Content("text/html");

    public IReadOnlyList<string> ContentTypes =>
        Body.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()!).ToList();

    public IReadOnlyList<string> Categories => Body.TryGetProperty("categories", out var c)
        ? c.EnumerateArray().Select(x => x.GetString()!).ToList()
        : [];

    /// <summary>Custom args, wherever the client put them (top level or the personalization).</summary>
    public IReadOnlyDictionary<string, string> CustomArgs
    {
        get
        {
            var args = new Dictionary<string, string>();
            foreach (var holder in new[] { Body, Personalization })
                if (holder.TryGetProperty("custom_args", out var a))
                    foreach (var p in a.EnumerateObject()) args[p.Name] = p.Value.GetString()!;
            return args;
        }
    }

    public string DigestId => CustomArgs["digest_id"];
}
