using System.Diagnostics;

namespace SaferCity.Cli.Tests;

/// <summary>The CLI as a person starts it: its build output run by dotnet, with a clean environment.</summary>
internal static class CliProcess
{
    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(params string[] args) =>
        RunAsync(new Dictionary<string, string>(), args);

    public static Task<(int ExitCode, string StdOut, string StdErr)> RunAsync(IReadOnlyDictionary<string, string> environment,
        params string[] args) =>
        RunInAsync(Directory.GetCurrentDirectory(), environment, args);

    /// <param name="workingDirectory">Where the person runs it from (the repository root, for the README's commands).</param>
    public static async Task<(int ExitCode, string StdOut, string StdErr)> RunInAsync(string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true,
            WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "safercity.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        // The run must not pick up a developer's real settings.
        foreach (var key in new[] { "Tracker__SiteUrl", "SendGrid__ApiKey", "Storage__ConnectionString", "Storage__AccountUrl",
            "Reminders__Coordinator" })
            start.Environment.Remove(key);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang guard, not a timing assertion
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
