using System.Diagnostics;
using System.IO.Compression;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using SaferCity.Functions.HostTests.Host;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Functions.HostTests;

/// <summary>
/// The folder `azd deploy` zips: `dotnet publish -c Release` of the Functions project. It must hold what the host
/// needs to start the worker (worker.config.json, functions.metadata, host.json, the extensions bundle the SDK builds),
/// precompiled as the project asks, and nothing from the tests or a developer's machine. `scripts/test.sh` publishes
/// once and names the folder in <see cref="HostedApp.PackageVariable"/> (the host tests' workers run from it too);
/// without it this test publishes into a folder of its own.
/// </summary>
public sealed class DeploymentPackageTests : IDisposable
{
    private readonly string? ownOutput = HostedApp.PublishedPackage is null
        ? Directory.CreateTempSubdirectory("safercity-publish-").FullName
        : null;

    public void Dispose()
    {
        if (ownOutput is not null) Directory.Delete(ownOutput, recursive: true);
    }

    [Fact]
    public async Task Publish_AsAzdDoes_HoldsWhatTheHostNeedsAndNoTestAssets()
    {
        var output = ownOutput is null ? HostedApp.PublishedPackage! : await PublishAsync(ownOutput);

        var files = Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/')).ToList();

        foreach (var required in new[]
                 {
                     "SaferCity.Functions.dll", "worker.config.json", "functions.metadata", "host.json", "extensions.json",
                     ".azurefunctions/Microsoft.Azure.Functions.Worker.Extensions.dll", ".azurefunctions/function.deps.json",
                 })
            Assert.Contains(required, files);
        // extensions.json is how the host finds the worker extensions the SDK built (Timer and HTTP are built into the
        // host; what is listed must be in the package, where its hintPath says).
        using (var extensions = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "extensions.json"))))
        {
            var listed = extensions.RootElement.GetProperty("extensions").EnumerateArray().ToList();
            Assert.NotEmpty(listed);
            Assert.All(listed, e => Assert.Contains(
                Path.GetRelativePath(output, Path.GetFullPath(Path.Combine(output, e.GetProperty("hintPath").GetString()!)))
                    .Replace('\\', '/'),
                files));
        }
        // host.json is the repository's one (the published copy is what Azure reads).
        Assert.Equal(File.ReadAllText(Path.Combine(AzuriteInstance.RepositoryRoot(), "host.json")),
            File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.DoesNotContain(files, f =>
            f.Contains("Tests", StringComparison.OrdinalIgnoreCase) || f.Contains("xunit", StringComparison.OrdinalIgnoreCase)
            || f.Contains("testhost", StringComparison.OrdinalIgnoreCase) || f.Contains("Microsoft.TestPlatform", StringComparison.Ordinal)
            || f.StartsWith("local.settings", StringComparison.OrdinalIgnoreCase) || f.StartsWith("sample/", StringComparison.Ordinal)
            || f.EndsWith(".proto", StringComparison.Ordinal) || f.Contains("Synthetic", StringComparison.Ordinal)
            || f.Contains("Playwright", StringComparison.Ordinal) || f.Contains("Grpc.AspNetCore", StringComparison.Ordinal));

        // PublishReadyToRun (the worker's cold start, docs/performance.md): every assembly with code, the app's own and
        // the packages', is shipped precompiled for linux-x64, except the Graph SDK, which the project leaves as IL.
        var assemblies = files.Where(f => !f.Contains('/', StringComparison.Ordinal) && f.EndsWith(".dll", StringComparison.Ordinal))
            .Select(f => Path.Combine(output, f)).Where(HasCode).ToList();
        Assert.Contains(Path.Combine(output, "SaferCity.Core.dll"), assemblies);
        Assert.Equal(["Microsoft.Graph.dll"], assemblies.Where(a => !IsReadyToRun(a)).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        // The size of what azd uploads, for the README's deploy section (printed, not asserted).
        var zip = Path.Combine(Path.GetTempPath(), $"safercity-package-{Guid.NewGuid():N}.zip");
        ZipFile.CreateFromDirectory(output, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        var bytes = files.Sum(f => new FileInfo(Path.Combine(output, f)).Length);
        Console.WriteLine($"Published: {files.Count} files, {bytes / 1048576.0:F1} MB; zipped {new FileInfo(zip).Length / 1048576.0:F1} MB");
        File.Delete(zip);
    }

    private static async Task<string> PublishAsync(string output)
    {
        var project = Path.Combine(AzuriteInstance.RepositoryRoot(), "functions", "SaferCity.Functions", "SaferCity.Functions.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q" }) start.ArgumentList.Add(arg);
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // hang guard on a busy machine
        await publish.WaitForExitAsync(guard.Token);
        Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");
        return output;
    }

    /// <summary>True when the assembly defines methods: a facade that only forwards types has nothing to precompile.</summary>
    private static bool HasCode(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.HasMetadata && pe.GetMetadataReader().MethodDefinitions.Count > 0;
    }

    /// <summary>True when the assembly carries native code (a ReadyToRun image): its CLI header names a native header.</summary>
    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }
}
