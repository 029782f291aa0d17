using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Functions.HostTests;

/// <summary>
/// The folder `azd deploy` zips: `dotnet publish -c Release` of the Functions project. It must hold what the host
/// needs to start the worker (worker.config.json, functions.metadata, host.json, the extensions bundle the SDK builds)
/// and nothing from the tests or a developer's machine.
/// </summary>
public sealed class DeploymentPackageTests : IDisposable
{
    private readonly string output = Directory.CreateTempSubdirectory("safercity-publish-").FullName;

    public void Dispose() => Directory.Delete(output, recursive: true);

    [Fact]
    public async Task Publish_AsAzdDoes_HoldsWhatTheHostNeedsAndNoTestAssets()
    {
        var project = Path.Combine(AzuriteInstance.RepositoryRoot(), "functions", "SaferCity.Functions", "SaferCity.Functions.csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "publish", project, "-c", "Release", "-o", output, "-nologo", "-v", "q" }) start.ArgumentList.Add(arg);
        using (var publish = Process.Start(start)!)
        {
            var stdout = publish.StandardOutput.ReadToEndAsync();
            var stderr = publish.StandardError.ReadToEndAsync();
            using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(10)); // hang guard on a busy machine
            await publish.WaitForExitAsync(guard.Token);
            Assert.True(publish.ExitCode == 0, $"dotnet publish failed:\n{await stdout}\n{await stderr}");
        }

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
                Path.GetRelativePath(output, Path.GetFullPath(Path.Combine(output, e.GetProperty("hintPath").GetString()!))).Replace('\\', '/'), files));
        }
        // host.json is the repository's one (the published copy is what Azure reads).
        Assert.Equal(File.ReadAllText(Path.Combine(AzuriteInstance.RepositoryRoot(), "host.json")), File.ReadAllText(Path.Combine(output, "host.json")));
        Assert.DoesNotContain(files, f =>
            f.Contains("Tests", StringComparison.OrdinalIgnoreCase) || f.Contains("xunit", StringComparison.OrdinalIgnoreCase)
            || f.Contains("testhost", StringComparison.OrdinalIgnoreCase) || f.Contains("Microsoft.TestPlatform", StringComparison.Ordinal)
            || f.StartsWith("local.settings", StringComparison.OrdinalIgnoreCase) || f.StartsWith("sample/", StringComparison.Ordinal)
            || f.EndsWith(".proto", StringComparison.Ordinal) || f.Contains("Synthetic", StringComparison.Ordinal)
            || f.Contains("Playwright", StringComparison.Ordinal) || f.Contains("Grpc.AspNetCore", StringComparison.Ordinal));

        // The size of what azd uploads, for the README's deploy section (printed, not asserted).
        var zip = Path.Combine(Path.GetTempPath(), $"safercity-package-{Guid.NewGuid():N}.zip");
        ZipFile.CreateFromDirectory(output, zip, CompressionLevel.Optimal, includeBaseDirectory: false);
        Console.WriteLine($"Published: {files.Count} files, {files.Sum(f => new FileInfo(Path.Combine(output, f)).Length) / 1048576.0:F1} MB; zipped {new FileInfo(zip).Length / 1048576.0:F1} MB");
        File.Delete(zip);
    }
}
