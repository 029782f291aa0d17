using System.Text.Json;
using Azure.Storage.Blobs;
using Google.Protobuf;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Functions.HostTests.Host;

[CollectionDefinition(Name)]
public sealed class HostCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Functions host";
}

/// <summary>
/// The built Functions app in its own worker process, driven by the host stand-in, on a <see cref="TestStack"/>: the
/// Graph emulator serving the sample tracker, the fake SendGrid server, and Azurite (fresh containers per app).
/// </summary>
public sealed class HostedApp : IAsyncDisposable
{
    private HostedApp(TestStack stack, string appDirectory)
    {
        Stack = stack;
        AppFolder = appDirectory;
        // App settings as they would be in the portal (Section__Key): the stack's, and what only the host reads.
        Settings = stack.AppSettings();
        Settings["AzureWebJobsStorage"] = stack.Azurite.ConnectionString;
        Settings["RefreshSchedule"] = "0 5 * * * *"; // the deployed schedules
        Settings["ReminderSchedule"] = "0 0 6,7 * * 1";
    }

    public TestStack Stack { get; }

    public GraphEmulator Graph => Stack.Graph;

    public FakeSendGrid SendGrid => Stack.SendGrid;

    public BlobContainerClient Site => Stack.Site;

    public BlobContainerClient State => Stack.State;

    /// <summary>The app settings the next worker starts with; change before <see cref="StartWorkerAsync"/>.</summary>
    public Dictionary<string, string?> Settings { get; }

    /// <summary>The folder this app's workers start from.</summary>
    public string AppFolder { get; }

    /// <summary>The current worker's host (a new one per <see cref="StartWorkerAsync"/>).</summary>
    public FunctionsHostStandIn Host { get; private set; } = null!;

    /// <summary>
    /// Names a folder that <c>dotnet publish -c Release</c> of SaferCity.Functions wrote (what <c>azd deploy</c> zips).
    /// <c>scripts/test.sh</c> publishes once, beside the other tests, and sets it: the workers then start from the
    /// deployed package itself, precompiled as Azure runs it, and <see cref="DeploymentPackageTests"/> checks that
    /// same folder instead of publishing again. Unset (a plain <c>dotnet test</c>), the workers start from the build.
    /// </summary>
    public const string PackageVariable = "SAFERCITY_FUNCTIONS_PACKAGE";

    /// <summary>The published package named by <see cref="PackageVariable"/> (an absolute path), or null.</summary>
    public static string? PublishedPackage =>
        Environment.GetEnvironmentVariable(PackageVariable) switch
        {
            null or "" => null,
            var folder when Path.IsPathFullyQualified(folder) && Directory.Exists(folder) => folder,
            var folder => throw new DirectoryNotFoundException($"{PackageVariable} must name a published folder by its full path: {folder}"),
        };

    /// <summary>The published package when there is one, else the build output (<see cref="BuildOutput"/>).</summary>
    public static string AppDirectory => PublishedPackage ?? BuildOutput;

    /// <summary>bin/&lt;Configuration&gt;/net10.0 of SaferCity.Functions, built alongside this project.</summary>
    public static string BuildOutput
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(AzuriteInstance.RepositoryRoot(), "functions", "SaferCity.Functions", "bin", configuration, "net10.0");
        }
    }

    /// <param name="appDirectory">The worker's folder; <see cref="AppDirectory"/> unless another is to be measured.</param>
    public static async Task<HostedApp> StartAsync(AzuriteFixture azurite, string? appDirectory = null) =>
        new(await TestStack.StartAsync(azurite: azurite.Azurite), appDirectory ?? AppDirectory);

    /// <summary>
    /// A new worker process, initialised, indexed and loaded. <paramref name="clock"/> is the instant its
    /// development clock starts at (see DevelopmentClock in the app); null runs on the system clock.
    /// </summary>
    public async Task<FunctionsHostStandIn> StartWorkerAsync(DateTimeOffset? clock = null, bool load = true)
    {
        if (Host is not null) await Host.DisposeAsync();
        Host = await FunctionsHostStandIn.StartServerAsync(AppFolder);
        var environment = new Dictionary<string, string?>();
        if (clock is { } start) environment["SAFERCITY_DEVELOPMENT_CLOCK_START"] = start.ToString("O");
        if (load) await Host.StartAndLoadAsync(Settings, environment);
        else await Host.StartWorkerAsync(Settings, environment);
        return Host;
    }

    /// <summary>A timer firing as the host fires it: the TimerInfo JSON of the Timer extension, bound to the function's trigger.</summary>
    public Task<InvocationResponse> FireTimerAsync(string function, DateTimeOffset scheduled, string? invocationId = null)
    {
        var timerInfo = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = scheduled.AddHours(-1), Next = scheduled, LastUpdated = scheduled.AddHours(-1) },
            IsPastDue = false,
        });
        var binding = new ParameterBinding { Name = TriggerName(function), Data = new TypedData { Json = timerInfo } };
        return Host.InvokeAsync(function, invocationId ?? Guid.NewGuid().ToString(), binding);
    }

    /// <summary>
    /// An HTTP request to the app's public address (https://{app}/api/...) as the host hands it to the worker:
    /// proxied to the worker's own HTTP address when it declared <c>HttpUri</c> (ASP.NET Core integration, what this
    /// app does), otherwise carried as RpcHttp in the invocation. Either way the answer is read back as the caller sees it.
    /// </summary>
    /// <param name="path">The path after /api/, e.g. "RefreshNow" or "update/{token}".</param>
    /// <param name="routeValues">The function's route parameters, as the host matched them.</param>
    public async Task<HttpExchange> SendHttpAsync(string function, HttpMethod method, string path,
        IReadOnlyDictionary<string, string>? routeValues = null, string? body = null, string contentType = "application/json")
    {
        routeValues ??= new Dictionary<string, string>();
        var url = $"https://{PublicHost}/api/{path}";
        if (Host.HttpUri is not null)
        {
            using var request = new HttpRequestMessage(method, url);
            request.Headers.Host = PublicHost;
            if (body is not null) request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);
            var (http, invocation) = await Host.ForwardHttpAsync(function, request, routeValues);
            using (http)
            {
                return new HttpExchange(invocation, (int)http.StatusCode, await http.Content.ReadAsStringAsync(),
                    http.Content.Headers.ContentType?.ToString(), Proxied: true);
            }
        }

        var rpc = new RpcHttp { Method = method.Method, Url = url, Body = new TypedData { Bytes = ByteString.CopyFromUtf8(body ?? "") } };
        foreach (var (name, value) in new[] { ("content-type", contentType), ("host", PublicHost) })
        {
            rpc.Headers[name] = value;
            rpc.NullableHeaders[name] = new NullableString { Value = value };
        }
        foreach (var (name, value) in routeValues) rpc.Params[name] = value;
        var binding = new ParameterBinding { Name = TriggerName(function), Data = new TypedData { Http = rpc } };
        var response = await Host.InvokeAsync(function, binding);
        var returned = response.ReturnValue?.Http ?? response.OutputData.SingleOrDefault(o => o.Name == "$return")?.Data.Http;
        return new HttpExchange(response, int.TryParse(returned?.StatusCode, out var status) ? status : 0,
            returned?.Body.DataCase == TypedData.DataOneofCase.Bytes ? returned.Body.Bytes.ToStringUtf8() : returned?.Body.String ?? "",
            returned?.Headers.GetValueOrDefault("Content-Type"), Proxied: false);
    }

    /// <summary>The app's public host name, as the host would see it in the request.</summary>
    public const string PublicHost = "safercity-func.azurewebsites.net";

    /// <summary>The name of the function's trigger binding, from the metadata the worker reported.</summary>
    public string TriggerName(string function) =>
        Bindings(Host.Functions[function]).Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal))
            .GetProperty("name").GetString()!;

    public static IEnumerable<JsonElement> Bindings(RpcFunctionMetadata function) =>
        function.RawBindings.Select(raw => JsonDocument.Parse(raw).RootElement);

    public async ValueTask DisposeAsync()
    {
        if (Host is not null) await Host.DisposeAsync();
        await Stack.DisposeAsync();
    }
}

/// <summary>One HTTP request through the host: the invocation's result and what the caller got back.</summary>
/// <param name="Proxied">True when the request went to the worker's HttpUri rather than as RpcHttp in the invocation.</param>
public sealed record HttpExchange(InvocationResponse Invocation, int Status, string Body, string? ContentType, bool Proxied);
