using System.Collections.Concurrent;
using System.Diagnostics;

namespace SaferCity.Infra.Tests;

/// <summary>Runs the real Bicep compiler from its NuGet package.</summary>
internal static class BicepCompiler
{
    private static readonly Lock ExecutableLock = new();

    public sealed record Result(int ExitCode, string Output, string CompiledJson)
    {
        /// <summary>Lines the compiler (or its linter) reports as an error or a warning.</summary>
        public IReadOnlyList<string> Diagnostics =>
            Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Where(l => l.Contains(" : Warning ", StringComparison.Ordinal)
                         || l.Contains(" : Error ", StringComparison.Ordinal))
                .ToList();
    }

    // One compile per file and command for the whole test run: the compiler's output depends only on the files, and
    // each start of it costs seconds (main.bicep alone was compiled three times, by three test classes).
    private static readonly ConcurrentDictionary<(string Command, string File), Lazy<Result>> Compiled = new();

    public static Result Build(string bicepFile) => Once("build", bicepFile);

    /// <summary>Compiles a .bicepparam file, checking its values against the template's parameter types and allowed values.</summary>
    public static Result BuildParams(string paramsFile) => Once("build-params", paramsFile);

    private static Result Once(string command, string file) =>
        Compiled.GetOrAdd((command, Path.GetFullPath(file)), key => new Lazy<Result>(() => Run(key.Command, key.File))).Value;

    private static Result Run(string command, string bicepFile)
    {
        var executable = EnsureExecutable();
        var outDir = Directory.CreateTempSubdirectory("bicep-build-");
        try
        {
            var start = new ProcessStartInfo(executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(command);
            start.ArgumentList.Add(bicepFile);
            start.ArgumentList.Add("--outdir");
            start.ArgumentList.Add(outDir.FullName);

            using var process = Process.Start(start)
                ?? throw new InvalidOperationException($"Could not start {executable}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"bicep {command} {bicepFile} took longer than 3 minutes");
            }

            var json = Path.Combine(outDir.FullName, Path.GetFileNameWithoutExtension(bicepFile) + ".json");
            return new Result(
                process.ExitCode,
                stdout.Result + stderr.Result,
                File.Exists(json) ? File.ReadAllText(json) : "");
        }
        finally
        {
            outDir.Delete(recursive: true);
        }
    }

    private static string EnsureExecutable()
    {
        var path = InfraPaths.BicepExecutable;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                "The Bicep compiler was not restored (package Azure.Bicep.CommandLine.linux-x64).", path);
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The Bicep compiler package used here is the linux-x64 build.");
        }

        // NuGet does not always keep the executable bit when it extracts a package.
        lock (ExecutableLock)
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((mode & UnixFileMode.UserExecute) == 0)
            {
                File.SetUnixFileMode(path, mode | execute);
            }
        }

        return path;
    }
}
