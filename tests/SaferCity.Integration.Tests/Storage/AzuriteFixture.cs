using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Azure.Storage.Blobs;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>
/// One Azurite (Blob only, in memory) for the storage tests, on 127.0.0.1 and a free port.
/// Tests share the account and keep apart by using containers with unique names.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; } = new(location: null);

    public string ConnectionString => Azurite.ConnectionString;

    public Task InitializeAsync() => Azurite.StartAsync();

    public async Task DisposeAsync() => await Azurite.DisposeAsync();

    /// <summary>A container name no other test uses ("state-1a2b3c4d…").</summary>
    public static string UniqueContainer(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(63, prefix.Length + 33)];
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

/// <summary>
/// One Azurite on disk, so a test can stop it mid-run and start it again with its data. The tests of its collection
/// run one after another, which is what makes stopping the shared instance safe.
/// </summary>
public sealed class StoppableAzuriteFixture : IAsyncLifetime
{
    private readonly string data = Directory.CreateTempSubdirectory("safercity-azurite-").FullName;

    public StoppableAzuriteFixture() => Azurite = new AzuriteInstance(data);

    public AzuriteInstance Azurite { get; }

    public Task InitializeAsync() => Azurite.StartAsync();

    public async Task DisposeAsync()
    {
        await Azurite.DisposeAsync();
        Directory.Delete(data, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class StoppableAzuriteCollection : ICollectionFixture<StoppableAzuriteFixture>
{
    public const string Name = "Stoppable Azurite";
}

/// <summary>
/// An Azurite Blob process started from the repository's node_modules (npm ci). With a location it keeps its data
/// on disk, so it can be stopped and started again on the same port for fault tests; without, it is in memory.
/// </summary>
public sealed class AzuriteInstance(string? location) : IAsyncDisposable
{
    // Azurite's well-known development account key: public, documented, and useless outside the emulator.
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartupGuard = TimeSpan.FromSeconds(60);
    private Process? process;

    public int Port { get; } = FreePort();

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{Port}/devstoreaccount1;";

    public BlobServiceClient Client() => new(ConnectionString);

    public async Task StartAsync()
    {
        if (process is { HasExited: false }) return;
        var start = new ProcessStartInfo(Executable())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --disableTelemetry: Azurite otherwise reports usage over the internet (and then takes ~30 s to shut down offline).
        foreach (var arg in new[] { "--blobHost", "127.0.0.1", "--blobPort", Port.ToString(), "--skipApiVersionCheck", "--silent", "--loose",
                     "--disableTelemetry" })
            start.ArgumentList.Add(arg);
        if (location is null) start.ArgumentList.Add("--inMemoryPersistence");
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(location);
        }

        var stderr = new System.Text.StringBuilder();
        process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        process.ErrorDataReceived += (_, e) => { lock (stderr) stderr.AppendLine(e.Data); };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode}: {stderr}");
            if (await AnswersAsync()) return;
            if (deadline.Elapsed > StartupGuard)
                throw new TimeoutException($"Azurite did not answer on 127.0.0.1:{Port} within {StartupGuard.TotalSeconds} s: {stderr}");
            await Task.Delay(100);
        }
    }

    /// <summary>Stops Azurite the way Ctrl+C would (SIGTERM), so a persistent instance saves its data first.</summary>
    public async Task StopAsync()
    {
        if (process is not { HasExited: false } running) return;
        if (!OperatingSystem.IsWindows() && Kill(running.Id, 15) == 0)
        {
            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await running.WaitForExitAsync(guard.Token);
            }
            catch (OperationCanceledException)
            {
                running.Kill(entireProcessTree: true);
            }
        }
        else
        {
            running.Kill(entireProcessTree: true);
        }
        await running.WaitForExitAsync();
        running.Dispose();
        process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            await running.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    private async Task<bool> AnswersAsync()
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string Executable()
    {
        var root = RepositoryRoot();
        var path = Path.Combine(root, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite-blob.cmd" : "azurite-blob");
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Azurite is not installed: run `npm ci` in {root} (it installs the version locked in package-lock.json).");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SaferCity.Functions.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No SaferCity.Functions.sln above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
