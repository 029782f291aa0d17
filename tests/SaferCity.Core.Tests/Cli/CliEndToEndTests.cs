using System.Diagnostics;
using System.Text.Json;
using MimeKit;

namespace SaferCity.Core.Tests.Cli;

/// <summary>The CLI as a person runs it: a process, its exit code, its files.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("safercity-cli-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static async Task<(int ExitCode, string StdOut, string StdErr)> RunCliAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "safercity.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        // The run must not pick up a developer's real settings.
        foreach (var key in new[] { "Tracker__SiteUrl", "SendGrid__ApiKey", "Storage__ConnectionString", "Storage__AccountUrl", "Reminders__Coordinator" })
            start.Environment.Remove(key);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromMinutes(2)); // hang guard, not a timing assertion
        await process.WaitForExitAsync(guard.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Run_BundledSample_WritesSiteAndOneDigestPerLeadWithSomethingToDo()
    {
        var (code, stdout, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);

        Assert.True(code == 0, stderr);
        Assert.Contains("42 actions, 15 complete, 27 open (0 red, 7 amber, 20 green); 2 overdue, 6 due soon, 2 RAG mismatch", stdout);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out, "site", "dashboard.json")));
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(42, summary.GetProperty("total").GetInt32());
        Assert.Equal(2, summary.GetProperty("ragMismatch").GetInt32());
        Assert.True(File.Exists(Path.Combine(_out, "site", "index.html")));
        Assert.True(File.Exists(Path.Combine(_out, "site", "actions.csv")));

        var digests = Directory.GetFiles(Path.Combine(_out, "outbox"), "*.eml")
            .Select(path => MimeMessage.Load(path))
            .ToDictionary(m => m.Headers["X-SaferCity-Digest"] ?? "", m => m);
        Assert.Equal(8, digests.Count); // seven leads and the coordinator
        var licensing = digests["2017-W03/licensing"];
        Assert.Equal("licensing@example.gov.uk", licensing.To.Mailboxes.Single().Address);
        Assert.Contains("- 4.2: ", licensing.TextBody);
        Assert.Contains("- 2.7: ", licensing.TextBody);
        Assert.DoesNotContain("- 2.5: ", licensing.TextBody);
        Assert.NotNull(licensing.HtmlBody);
        Assert.Contains("Action plan summary", digests["2017-W03/coordinator"].TextBody);
        Assert.False(digests.ContainsKey("2017-W03/westminster-drug-project")); // nothing to act on, no email
    }

    [Fact]
    public async Task Run_SecondTimeSameWeek_SendsNothingNew()
    {
        await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);
        Directory.Delete(Path.Combine(_out, "outbox"), recursive: true);

        var (code, stdout, _) = await RunCliAsync("run", "--as-of", "2017-01-18", "--out", _out);

        Assert.Equal(0, code);
        Assert.Contains("0 sent", stdout);
        Assert.False(Directory.Exists(Path.Combine(_out, "outbox")));
    }

    [Fact]
    public async Task Run_DryRun_WritesPreviewButNoState()
    {
        var state = Path.Combine(_out, "state");

        var (code, _, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out, "--state", state, "--dry-run");

        Assert.True(code == 0, stderr);
        Assert.Equal(8, Directory.GetFiles(Path.Combine(_out, "outbox"), "*.eml").Length);
        Assert.False(File.Exists(Path.Combine(state, "history.json")));
        Assert.False(Directory.Exists(Path.Combine(state, "ledger")));
    }

    [Theory]
    [InlineData("--as-of takes a date as yyyy-MM-dd, not '16/01/2017'.", "--as-of", "16/01/2017")]
    [InlineData("Unknown option '--frobnicate'.", "--frobnicate")]
    public async Task Run_BadArguments_ExitNonZeroWithOneLineReason(string reason, params string[] extra)
    {
        var (code, stdout, stderr) = await RunCliAsync(["run", .. extra]);

        Assert.Equal(2, code);
        var lines = stderr.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(reason, lines[0]);
        // The reason is that one line: what follows is only the usage text, never more reason or a stack trace.
        var rest = string.Join("\n", lines.Skip(1)).Trim();
        Assert.True(rest.Length == 0 || rest.StartsWith("Usage:", StringComparison.Ordinal), rest);
        Assert.DoesNotContain(lines.Skip(1), l => l.Contains(extra[^1], StringComparison.Ordinal));
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Run_MissingTrackerFile_FailsClearlyAndWritesNothing()
    {
        var (code, _, stderr) = await RunCliAsync("run", "--tracker", Path.Combine(_out, "nope.json"), "--out", _out);

        Assert.Equal(1, code);
        Assert.StartsWith("Run failed: Cannot read the tracker file", stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(_out, "site")));
    }

    [Fact]
    public async Task Run_MalformedTrackerFile_FailsClearlyAndWritesNothing()
    {
        var bad = Path.Combine(_out, "bad.json");
        await File.WriteAllTextAsync(bad, "{\"value\": [ {\"id\": \"1\", ");

        var (code, _, stderr) = await RunCliAsync("run", "--tracker", bad, "--out", _out);

        Assert.Equal(1, code);
        Assert.Contains("is not a Graph list-items response", stderr);
        Assert.False(Directory.Exists(Path.Combine(_out, "site")));
    }

    [Fact]
    public async Task Run_StateFolderUnwritable_FailsWithOneLineAndExitCode1()
    {
        // The state "folder" is a file: nothing can be written there.
        var state = Path.Combine(_out, "state-is-a-file");
        await File.WriteAllTextAsync(state, "not a folder");

        var (code, _, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out, "--state", state);

        Assert.Equal(1, code);
        var lines = stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("Run failed: ", lines[0]);
    }
}
