using System.Diagnostics;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Cli;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Functions;
using SaferCity.Infrastructure;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Integration.Tests.Stack;

/// <summary>Where the app reads the tracker from when the stack starts.</summary>
public enum TrackerFrom
{
    /// <summary>The Graph emulator, serving the recorded sample lists.</summary>
    GraphSample,

    /// <summary>The Graph emulator with no lists yet: the test adds or provisions them.</summary>
    GraphEmpty,

    /// <summary>The bundled sample files (Local:TrackerFile, Local:LeadsFile); no emulator.</summary>
    SampleFiles,

    /// <summary>No emulator and no tracker setting: whatever the test sets, else the CLI's fallback to the bundled sample.</summary>
    Unset,
}

/// <summary>
/// The app's surroundings, all on 127.0.0.1, and the settings that point the app at them: the Graph emulator in place
/// of SharePoint, the fake SendGrid server, Azurite containers for the site and state. Every integration test and the
/// Functions host stand-in start from here, so a new stand-in or setting is added in this one place.
/// Each stand-in is optional, and without it the app does what the CLI does: the tracker from files (the bundled
/// sample unless Local:TrackerFile names one), mail to the outbox folder, site and state in folders under
/// <see cref="Root"/>. Each composition the stack builds is fresh, as a new worker process or CLI run would be.
/// </summary>
public sealed class TestStack : IAsyncDisposable
{
    public const string ApiKey = "SG.secret-marker-123";
    public const string Coordinator = "coordinator@example.org";

    /// <summary>The sample's week: Monday 16 January 2017 (GMT, so London is UTC).</summary>
    public static readonly DateOnly AsOf = new(2017, 1, 16);

    private readonly GraphEmulator? graph;
    private readonly FakeSendGrid? sendGrid;
    private readonly AzuriteInstance? azurite;

    private TestStack(bool sampleFiles, GraphEmulator? graph, FakeSendGrid? sendGrid, AzuriteInstance? azurite, string? siteContainer,
        string? stateContainer)
    {
        (this.graph, this.sendGrid, this.azurite) = (graph, sendGrid, azurite);
        if (sampleFiles)
        {
            Settings["Local:TrackerFile"] = SampleFiles.Tracker;
            Settings["Local:LeadsFile"] = SampleFiles.Leads;
        }
        if (graph is not null)
        {
            Settings["Tracker:SiteUrl"] = GraphEmulator.SiteUrl;
            Settings["Graph:BaseUrl"] = graph.BaseUrl;
            Settings["Graph:RetryDelaySeconds"] = "0"; // retries at once unless Retry-After says otherwise
            Settings["Graph:MaxRetries"] = "3";
            Settings["Graph:TimeoutSeconds"] = "60";
        }
        if (sendGrid is not null)
        {
            Settings["SendGrid:ApiKey"] = ApiKey;
            Settings["SendGrid:Host"] = sendGrid.Url;
            Settings["SendGrid:From"] = "SaferCity <safercity@example.org>";
            Settings["SendGrid:MaxAttempts"] = "2";
            Settings["SendGrid:Timeout"] = "00:00:30";
            Settings["Reminders:Coordinator"] = Coordinator;
        }
        if (azurite is not null)
        {
            Settings["Storage:ConnectionString"] = azurite.ConnectionString;
            Settings["Storage:SiteContainer"] = siteContainer ?? AzuriteFixture.UniqueContainer("site");
            Settings["Storage:StateContainer"] = stateContainer ?? AzuriteFixture.UniqueContainer("state");
        }
    }

    /// <param name="azurite">Where the site and state go (fresh containers unless named); null keeps them in folders.</param>
    /// <param name="siteContainer">"$web" for a test about the container the static website serves.</param>
    /// <param name="sendGrid">Send through the fake SendGrid server (the coordinator set); false writes .eml files to the outbox.</param>
    public static async Task<TestStack> StartAsync(TrackerFrom tracker = TrackerFrom.GraphSample, bool sendGrid = true,
        AzuriteInstance? azurite = null, string? siteContainer = null, string? stateContainer = null)
    {
        GraphEmulator? emulator = null;
        if (tracker is TrackerFrom.GraphSample or TrackerFrom.GraphEmpty)
        {
            emulator = await GraphEmulator.StartAsync(withSample: tracker == TrackerFrom.GraphSample);
            emulator.PageSize = 10; // the 42 sample actions come in 5 pages, so a fault can hit a page after good ones
        }
        var fake = sendGrid ? await FakeSendGrid.StartAsync() : null;
        return new TestStack(tracker == TrackerFrom.SampleFiles, emulator, fake, azurite, siteContainer, stateContainer);
    }

    public GraphEmulator Graph => graph ?? throw new InvalidOperationException("This stack was started without the Graph emulator.");

    public FakeSendGrid SendGrid => sendGrid ?? throw new InvalidOperationException("This stack was started without the fake SendGrid.");

    public AzuriteInstance Azurite => azurite ?? throw new InvalidOperationException("This stack was started without Azurite.");

    /// <summary>The app's configuration ("Section:Key", the app setting Section__Key); change it before the next composition.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Every log line of every in-process run, exceptions included.</summary>
    public InMemoryLogs Logs { get; } = new();

    /// <summary>The CLI's folders: out/site, out/outbox and state, unless the settings move them.</summary>
    public string Root { get; } = Directory.CreateTempSubdirectory("safercity-stack-").FullName;

    public BlobContainerClient Site => Azurite.Client().GetBlobContainerClient(Settings["Storage:SiteContainer"]);

    public BlobContainerClient State => Azurite.Client().GetBlobContainerClient(Settings["Storage:StateContainer"]);

    /// <summary>The settings as a deployed app or a child process gets them: environment variables named Section__Key.</summary>
    public Dictionary<string, string?> AppSettings() => Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    /// <summary>Settings a developer may have in their environment that must never reach a test's CLI: only the stand-ins.</summary>
    private static readonly string[] OwnAccountSettings =
        ["Tracker:SiteUrl", "Storage:ConnectionString", "Storage:AccountUrl", "SendGrid:ApiKey", "Updates:SigningKey", "Reminders:Coordinator"];

    /// <summary>
    /// The real CLI as a child process, with the settings as its environment, for what only a process shows (killed
    /// mid-send, serve until stopped). It runs on the test host's frameworks: this project uses ASP.NET Core's shared
    /// framework (Kestrel), so the Microsoft.Extensions.* assemblies the CLI normally carries are not copied next to it.
    /// </summary>
    public ProcessStartInfo Cli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        var cli = new[] { "exec", "--runtimeconfig", Path.Combine(AppContext.BaseDirectory, "SaferCity.Integration.Tests.runtimeconfig.json"),
            Path.Combine(AppContext.BaseDirectory, "safercity.dll") };
        foreach (var arg in cli.Concat(args)) start.ArgumentList.Add(arg);
        foreach (var key in OwnAccountSettings) start.Environment.Remove(key.Replace(":", "__", StringComparison.Ordinal));
        foreach (var (key, value) in AppSettings()) start.Environment[key] = value;
        return start;
    }

    /// <summary>
    /// The CLI run to its end as a person at a terminal runs it, in this process: <see cref="CliProgram"/> is the code its
    /// Program.cs runs, here on writers the test reads and with the settings standing where the environment stands. Its
    /// exit code and everything it printed. (The process boundary itself is tested in SaferCity.Cli.Tests.)
    /// </summary>
    public async Task<CliResult> RunCliAsync(params string[] args)
    {
        var settings = OwnAccountSettings.ToDictionary(key => key, _ => (string?)null);
        foreach (var (key, value) in Settings) settings[key] = value;
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang guard, not a timing assertion
        var exitCode = await CliProgram.RunAsync(args, new CliSession(stdout, stderr, settings), guard.Token);
        return new CliResult(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The CLI run to its end as a child process (<see cref="Cli"/>): its exit code and everything it printed.</summary>
    public async Task<CliResult> RunCliProcessAsync(params string[] args)
    {
        using var process = Process.Start(Cli(args))!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang guard, not a timing assertion
        await process.WaitForExitAsync(guard.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>What an in-process app reads: the CLI's folders under <see cref="Root"/>, then <see cref="Settings"/> over them.</summary>
    public IConfigurationBuilder AddConfiguration(IConfigurationBuilder builder) => builder
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Local:OutDir"] = Path.Combine(Root, "out"),
            ["Local:StateDir"] = Path.Combine(Root, "state"),
            ["Local:SampleDir"] = Path.GetDirectoryName(SampleFiles.Tracker),
        })
        .AddInMemoryCollection(Settings);

    /// <summary>
    /// The production composition on the current settings, validated as a host validates it at start. Runs made from one
    /// provider share its singletons (the run lock, the stores), as two invocations in one Functions worker do.
    /// </summary>
    /// <param name="time">The clock; 07:00 UTC on <see cref="AsOf"/> with instant delays unless given.</param>
    /// <param name="replace">Changes to the services before they are built, e.g. a decorator that injects a fault.</param>
    /// <param name="functions">Add what the Functions app's Program.cs adds (cloud-only checks, no outbox).</param>
    public ServiceProvider Services(TimeProvider? time = null, Action<IServiceCollection>? replace = null, bool functions = false)
    {
        var configuration = AddConfiguration(new ConfigurationBuilder()).Build();
        // IConfiguration is what any host provides before Program.cs runs.
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs))
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton(time ?? Clock(AsOf));
        services.AddSaferCity(configuration);
        if (functions) services.AddSaferCityFunctions(configuration);
        replace?.Invoke(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>One run in a fresh composition, as of <paramref name="asOf"/> (<see cref="AsOf"/> unless given).</summary>
    /// <param name="time">The clock; 07:00 UTC that day with instant delays unless given.</param>
    public async Task<RunOutcome> RunAsync(DateOnly? asOf = null, TimeProvider? time = null, Action<IServiceCollection>? replace = null,
        bool remind = true, CancellationToken cancellationToken = default)
    {
        var day = asOf ?? AsOf;
        await using var provider = Services(time ?? Clock(day), replace);
        return await provider.GetRequiredService<TrackerPipeline>().RunAsync(new RunRequest(day, Remind: remind), cancellationToken);
    }

    /// <summary>Runs expecting the one-line failure; returns it.</summary>
    public async Task<PipelineException> FailingRunAsync(DateOnly asOf, TimeProvider? time = null, Action<IServiceCollection>? replace = null) =>
        await Assert.ThrowsAnyAsync<PipelineException>(() => RunAsync(asOf, time, replace));

    /// <summary>The Functions app's reminder timer firing at <paramref name="now"/> (UTC): the real SendReminders function.</summary>
    public async Task TriggerRemindersAsync(DateTimeOffset now)
    {
        await using var provider = Services(new InstantDelays(now), functions: true);
        await ActivatorUtilities.CreateInstance<SendReminders>(provider)
            .Run(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
    }

    /// <summary>Everything a folder run left under <see cref="Root"/> except the run lock (which exists as soon as a run starts).</summary>
    public IReadOnlyList<string> WrittenFiles() =>
        [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Where(f => Path.GetFileName(f) != "run.lock")];

    /// <summary>Every blob of the site container, name → content as served.</summary>
    public Task<Dictionary<string, byte[]>> SiteAsync() => ContentsAsync(Site);

    /// <summary>Every state document (history, published marker, ledgers), the empty run.lock aside.</summary>
    public async Task<Dictionary<string, byte[]>> StateAsync()
    {
        var state = await ContentsAsync(State);
        state.Remove("run.lock");
        return state;
    }

    public async Task<ReminderLedger> LedgerAsync(string week) =>
        ReminderLedger.Deserialize((await State.GetBlobClient(ReminderLedger.DocumentName(week)).DownloadContentAsync()).Value.Content.ToArray());

    /// <summary>How many requests SendGrid accepted per digest id, over every run so far.</summary>
    public Dictionary<string, int> AcceptedPerDigest() =>
        SendGrid.AcceptedRequests.GroupBy(r => r.DigestId).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>The figures of a folder run of the bundled sample files: the reference every other run of the sample must match.</summary>
    public static async Task<DashboardSummary> FileRunSummaryAsync()
    {
        await using var files = await StartAsync(TrackerFrom.SampleFiles, sendGrid: false);
        return (await files.RunAsync()).Dashboard!.Summary;
    }

    private static InstantDelays Clock(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero));

    private static async Task<Dictionary<string, byte[]>> ContentsAsync(BlobContainerClient container)
    {
        var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!await container.ExistsAsync()) return contents;
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions()))
            contents[item.Name] = await BlobPipelineTests.ServedBytesAsync(container.GetBlobClient(item.Name));
        return contents;
    }

    public async ValueTask DisposeAsync()
    {
        if (sendGrid is not null) await sendGrid.DisposeAsync();
        if (graph is not null) await graph.DisposeAsync();
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } // best effort
    }
}

public sealed record CliResult(int ExitCode, string StdOut, string StdErr);
