using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SaferCity.Functions.HostTests.Host;

/// <summary>
/// What the Functions host does for a dotnet-isolated app, and no more: it listens for the worker's gRPC
/// <c>EventStream</c> (HTTP/2 on 127.0.0.1, a free port), starts the built worker as a separate process with the
/// host's arguments and environment, then sends WorkerInitRequest, FunctionsMetadataRequest, FunctionLoadRequest
/// and InvocationRequests, and proxies HTTP requests to the worker's own address when it declares one
/// (<see cref="HttpUri"/>). Everything the worker says back is kept: responses, its <see cref="RpcLog"/> stream,
/// and its console, which the real host also copies into its log.
/// </summary>
public sealed class FunctionsHostStandIn : IAsyncDisposable
{
    /// <summary>What the host gives the worker by default (the 2 GB gRPC limit is the host's own default).</summary>
    public const int MaxMessageLength = int.MaxValue;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2); // hang guard on a busy machine, not a timing claim

    private readonly WebApplication server;
    private readonly WorkerStream stream;
    private readonly ConcurrentQueue<string> console = new();
    private readonly HttpClient proxy = new(new RetryRefusedConnections(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }))
    {
        Timeout = Timeout.InfiniteTimeSpan, // the Patience guard ends a hang
    };
    private Process? worker;

    private FunctionsHostStandIn(WebApplication server, WorkerStream stream)
    {
        this.server = server;
        this.stream = stream;
    }

    /// <summary>The worker's id, as <c>--functions-worker-id</c> told it.</summary>
    public string WorkerId { get; } = Guid.NewGuid().ToString();

    /// <summary>The worker's folder, as deployed: where functions.metadata, host.json and the app's dll are.</summary>
    public required string AppDirectory { get; init; }

    /// <summary>Every <see cref="RpcLog"/> the worker sent over the stream.</summary>
    public IReadOnlyList<RpcLog> Logs => stream.Logs;

    /// <summary>Every line the worker process wrote to stdout or stderr.</summary>
    public IReadOnlyList<string> Console => [.. console];

    /// <summary>The host's whole log for this worker, as one text: the RPC log stream, then the console.</summary>
    public string LogText => string.Join('\n', Logs
        .Select(l => $"[{l.Level}] {l.Category}: {l.Message} {l.Exception?.Message} {l.Exception?.StackTrace}")
        .Concat(Console));

    public Process? Worker => worker;

    /// <summary>The functions the worker reported and the host loaded, by name.</summary>
    public IReadOnlyDictionary<string, RpcFunctionMetadata> Functions { get; private set; } = new Dictionary<string, RpcFunctionMetadata>();

    /// <summary>Starts the gRPC server (not yet the worker).</summary>
    public static async Task<FunctionsHostStandIn> StartServerAsync(string appDirectory)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(o =>
        {
            o.MaxReceiveMessageSize = MaxMessageLength;
            o.MaxSendMessageSize = MaxMessageLength;
        });
        var stream = new WorkerStream();
        builder.Services.AddSingleton(stream);
        var server = builder.Build();
        server.MapGrpcService<FunctionRpcService>();
        await server.StartAsync();
        return new FunctionsHostStandIn(server, stream) { AppDirectory = appDirectory, Uri = new Uri(server.Urls.Single()) };
    }

    /// <summary>http://127.0.0.1:{port}/ — the <c>--functions-uri</c> the worker dials.</summary>
    public required Uri Uri { get; init; }

    /// <summary>
    /// Starts <c>dotnet SaferCity.Functions.dll</c> in <see cref="AppDirectory"/> as the host does
    /// (worker.config.json names <c>dotnet</c> and the dll; the host appends the switches below; the environment is the
    /// app settings plus what the host adds)
    /// and waits for its StartStream. Throws with the worker's own words if it exits first.
    /// </summary>
    public async Task StartWorkerAsync(IReadOnlyDictionary<string, string?> appSettings, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var requestId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     Path.Combine(AppDirectory, "SaferCity.Functions.dll"),
                     // The older switches first, then the ones the .NET worker reads (WorkerHostBuilderExtensions).
                     "--host", Uri.Host, "--port", Uri.Port.ToString(), "--workerId", WorkerId, "--requestId", requestId,
                     "--grpcMaxMessageLength", MaxMessageLength.ToString(),
                     "--functions-uri", Uri.ToString(), "--functions-worker-id", WorkerId, "--functions-request-id", requestId,
                     "--functions-grpc-max-message-length", MaxMessageLength.ToString(),
                 })
            start.ArgumentList.Add(arg);

        // Only what is given here: never a developer's own settings from the environment the tests run in.
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__") || k.StartsWith("AzureWebJobs", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["AzureWebJobsScriptRoot"] = AppDirectory;
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = AppDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = AppDirectory;
        start.Environment["AZURE_FUNCTIONS_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in appSettings) start.Environment[key] = value;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>()) start.Environment[key] = value;

        worker = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        worker.OutputDataReceived += (_, e) => { if (e.Data is not null) console.Enqueue(e.Data); };
        worker.ErrorDataReceived += (_, e) => { if (e.Data is not null) console.Enqueue(e.Data); };
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();

        var exited = worker.WaitForExitAsync();
        var started = await Task.WhenAny(stream.Started, exited, Task.Delay(Patience));
        if (started == stream.Started)
        {
            Assert.Equal(WorkerId, stream.Started.Result.WorkerId);
            return;
        }
        if (started == exited)
        {
            worker.WaitForExit(); // drains the console
            throw new WorkerFailedException($"The worker exited with code {worker.ExitCode} before opening its stream:\n{LogText}");
        }
        throw new TimeoutException($"The worker did not open its stream within {Patience}:\n{LogText}");
    }

    /// <summary>
    /// Where the worker takes HTTP requests, when it declared the <c>HttpUri</c> capability (ASP.NET Core integration):
    /// the host then proxies each HTTP request there instead of carrying it in the invocation. Null: the worker takes
    /// requests as RpcHttp inside the InvocationRequest.
    /// </summary>
    public Uri? HttpUri { get; private set; }

    /// <summary>WorkerInitRequest → WorkerInitResponse, with the capabilities and log levels a v4 host sends.</summary>
    public async Task<WorkerInitResponse> InitAsync()
    {
        var request = new WorkerInitRequest
        {
            HostVersion = "4.1040.0.0",
            WorkerDirectory = AppDirectory,
            FunctionAppDirectory = AppDirectory,
        };
        request.Capabilities["RpcHttpTriggerMetadataRemoved"] = "true";
        request.Capabilities["RpcHttpBodyOnly"] = "true";
        request.Capabilities["IgnoreEmptyValuedRpcHttpHeaders"] = "true";
        request.Capabilities["UseNullableValueDictionaryForHttp"] = "true";
        request.Capabilities["TypedDataCollection"] = "true";
        request.Capabilities["HandlesWorkerTerminateMessage"] = "true";
        request.LogCategories["default"] = RpcLog.Types.Level.Information;
        var response = (await RequestAsync(new StreamingMessage { WorkerInitRequest = request })).WorkerInitResponse;
        HttpUri = response.Capabilities.TryGetValue("HttpUri", out var uri) && !string.IsNullOrEmpty(uri) ? new Uri(uri) : null;
        return response;
    }

    /// <summary>FunctionsMetadataRequest: the worker indexes its own functions (worker indexing).</summary>
    public async Task<FunctionMetadataResponse> MetadataAsync()
    {
        var response = await RequestAsync(new StreamingMessage
        {
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = AppDirectory },
        });
        return response.FunctionMetadataResponse;
    }

    /// <summary>One FunctionLoadRequest per reported function; fails on the first the worker cannot load.</summary>
    public async Task LoadAsync(FunctionMetadataResponse metadata)
    {
        var loaded = new Dictionary<string, RpcFunctionMetadata>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var response = (await RequestAsync(new StreamingMessage
            {
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function },
            })).FunctionLoadResponse;
            if (response.Result.Status != StatusResult.Types.Status.Success)
                throw new WorkerFailedException($"{function.Name} did not load: {response.Result.Exception?.Message}\n{LogText}");
            loaded[function.Name] = function;
        }
        Functions = loaded;
    }

    /// <summary>Starts the worker and takes it through init, indexing and loading, as the host does before any trigger fires.</summary>
    public async Task StartAndLoadAsync(IReadOnlyDictionary<string, string?> appSettings, IReadOnlyDictionary<string, string?>? environment = null)
    {
        await StartWorkerAsync(appSettings, environment);
        var init = await InitAsync();
        if (init.Result.Status != StatusResult.Types.Status.Success)
            throw new WorkerFailedException($"WorkerInitRequest failed: {init.Result.Exception?.Message}\n{LogText}");
        var metadata = await MetadataAsync();
        if (metadata.Result.Status != StatusResult.Types.Status.Success)
            throw new WorkerFailedException($"FunctionsMetadataRequest failed: {metadata.Result.Exception?.Message}\n{LogText}");
        await LoadAsync(metadata);
    }

    /// <summary>Sends an InvocationRequest for <paramref name="function"/>; the task ends with its InvocationResponse.</summary>
    public Task<InvocationResponse> InvokeAsync(string function, params ParameterBinding[] inputs) =>
        InvokeAsync(function, Guid.NewGuid().ToString(), inputs);

    public async Task<InvocationResponse> InvokeAsync(string function, string invocationId, params ParameterBinding[] inputs)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = Functions[function].FunctionId,
            TraceContext = new RpcTraceContext(),
            RetryContext = new RetryContext { RetryCount = 0, MaxRetryCount = Functions[function].RetryOptions?.MaxRetryCount ?? 0 },
        };
        request.InputData.AddRange(inputs);
        var reply = stream.Expect(invocationId);
        await stream.SendAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = request });
        return (await WaitAsync(reply)).InvocationResponse;
    }

    /// <summary>
    /// An HTTP request as the host forwards it to a worker that declared <see cref="HttpUri"/>: the same request (method,
    /// path under the route prefix, headers, body) sent to that address with header <c>x-ms-invocation-id</c>, and at
    /// the same time an InvocationRequest with that id, carrying the route values as trigger metadata but no RpcHttp.
    /// The worker pairs the two; the HTTP answer comes back on the proxied call, the invocation's result on the stream.
    /// </summary>
    public async Task<(HttpResponseMessage Http, InvocationResponse Invocation)> ForwardHttpAsync(
        string function, HttpRequestMessage request, IReadOnlyDictionary<string, string> routeValues)
    {
        var to = HttpUri ?? throw new InvalidOperationException("The worker did not declare HttpUri: send RpcHttp in the invocation instead.");
        var invocationId = Guid.NewGuid().ToString();
        request.RequestUri = new Uri(to, request.RequestUri!.PathAndQuery);
        request.Headers.Add("x-ms-invocation-id", invocationId);

        var invocation = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = Functions[function].FunctionId,
            TraceContext = new RpcTraceContext(),
            RetryContext = new RetryContext(),
        };
        foreach (var (name, value) in routeValues) invocation.TriggerMetadata[name] = new TypedData { String = value };

        var reply = stream.Expect(invocationId);
        using var guard = new CancellationTokenSource(Patience);
        var http = proxy.SendAsync(request, guard.Token);
        await stream.SendAsync(new StreamingMessage { RequestId = Guid.NewGuid().ToString(), InvocationRequest = invocation });
        var response = (await WaitAsync(reply)).InvocationResponse;
        return (await http, response);
    }

    /// <summary>InvocationCancel, as the host sends it when the function times out or the host is shutting down.</summary>
    public Task CancelAsync(string invocationId) =>
        stream.SendAsync(new StreamingMessage
        {
            InvocationCancel = new InvocationCancel
            {
                InvocationId = invocationId, GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.Zero),
            },
        });

    /// <summary>Waits for the worker process to end (after a failure at start, or a kill).</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var guard = new CancellationTokenSource(Patience);
        await worker!.WaitForExitAsync(guard.Token);
        worker.WaitForExit();
        return worker.ExitCode;
    }

    private async Task<StreamingMessage> RequestAsync(StreamingMessage message)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var reply = stream.Expect(message.RequestId);
        await stream.SendAsync(message);
        return await WaitAsync(reply);
    }

    private async Task<StreamingMessage> WaitAsync(Task<StreamingMessage> reply)
    {
        var exited = worker!.WaitForExitAsync();
        var first = await Task.WhenAny(reply, exited, Task.Delay(Patience));
        if (first == reply) return await reply;
        if (first == exited)
        {
            worker.WaitForExit();
            throw new WorkerFailedException($"The worker exited with code {worker.ExitCode} while the host waited for it:\n{LogText}");
        }
        throw new TimeoutException($"The worker did not answer within {Patience}:\n{LogText}");
    }

    public async ValueTask DisposeAsync()
    {
        if (worker is { HasExited: false })
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
        }
        worker?.Dispose();
        proxy.Dispose();
        await server.DisposeAsync();
    }

    /// <summary>The worker's one EventStream call: messages out, replies matched to requests by id.</summary>
    internal sealed class WorkerStream
    {
        private readonly TaskCompletionSource<StartStream> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> waiting = new();
        private readonly ConcurrentQueue<RpcLog> logs = new();
        private readonly SemaphoreSlim writing = new(1, 1);
        private IServerStreamWriter<StreamingMessage>? toWorker;

        public Task<StartStream> Started => started.Task;

        public IReadOnlyList<RpcLog> Logs => [.. logs];

        /// <summary>The reply to a request (by request id) or an invocation (by invocation id), whichever comes first.</summary>
        public Task<StreamingMessage> Expect(string id) => Reply(id).Task;

        private TaskCompletionSource<StreamingMessage> Reply(string id) =>
            waiting.GetOrAdd(id, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously));

        public async Task SendAsync(StreamingMessage message)
        {
            await Started;
            await writing.WaitAsync();
            try { await toWorker!.WriteAsync(message); }
            finally { writing.Release(); }
        }

        public async Task RunAsync(
            IAsyncStreamReader<StreamingMessage> fromWorker, IServerStreamWriter<StreamingMessage> writer, CancellationToken cancellationToken)
        {
            toWorker = writer;
            await foreach (var message in fromWorker.ReadAllAsync(cancellationToken))
            {
                switch (message.ContentCase)
                {
                    case StreamingMessage.ContentOneofCase.StartStream:
                        started.TrySetResult(message.StartStream);
                        break;
                    case StreamingMessage.ContentOneofCase.RpcLog:
                        logs.Enqueue(message.RpcLog);
                        break;
                    case StreamingMessage.ContentOneofCase.InvocationResponse:
                        Reply(message.InvocationResponse.InvocationId).TrySetResult(message);
                        break;
                    default:
                        Reply(message.RequestId).TrySetResult(message);
                        break;
                }
            }
        }
    }

    /// <summary>The host's end of <c>FunctionRpc.EventStream</c>: one call per worker, for the worker's lifetime.</summary>
    internal sealed class FunctionRpcService(WorkerStream stream) : FunctionRpc.FunctionRpcBase
    {
        public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream,
            ServerCallContext context) => stream.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}

/// <summary>
/// The host's proxy retries a request the worker's HTTP port refused (its Kestrel can start a moment after it
/// answered WorkerInitRequest): 50 ms, doubling to 250 ms between tries. The host gives up after 10 tries; the
/// stand-in keeps going until its hang guard, because this machine is shared and a slow start is not what is tested.
/// </summary>
internal sealed class RetryRefusedConnections(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e) when (
                e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused }
                && !cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 250));
            }
        }
    }
}

/// <summary>The worker could not start, index or load: the message carries its own log.</summary>
public sealed class WorkerFailedException(string message) : Exception(message);
