using SaferCity.Cli;

namespace SaferCity.Cli.Tests;

/// <summary>
/// CliProgram in process, as the integration tests run it: everything it prints goes to the session's writers (not the
/// test host's console), and the session's settings stand where the environment stands, under the command line's.
/// </summary>
public sealed class CliProgramTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("safercity-cliprogram-").FullName;
    private readonly StringWriter stdout = new();
    private readonly StringWriter stderr = new();

    public void Dispose()
    {
        stdout.Dispose();
        stderr.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    private Task<int> RunAsync(Dictionary<string, string?> settings, params string[] args) =>
        CliProgram.RunAsync(args, new CliSession(stdout, stderr, settings), CancellationToken.None);

    [Fact]
    public async Task RunAsync_Help_UsageOnTheSessionsStdout()
    {
        Assert.Equal(0, await RunAsync([], "--help"));

        Assert.Equal(CliCommands.Usage() + Environment.NewLine, stdout.ToString());
        Assert.Empty(stderr.ToString());
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_OneLineOnTheSessionsStderrAndExit2()
    {
        Assert.Equal(2, await RunAsync([], "imprt"));

        Assert.StartsWith("Unknown command 'imprt': did you mean `import`?", stderr.ToString(), StringComparison.Ordinal);
        Assert.Single(stderr.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(stdout.ToString());
    }

    [Fact]
    public async Task RunAsync_SettingsOfTheSession_UsedUnderTheCommandLine()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Local:OutDir"] = Path.Combine(folder, "session-out"),
            ["Local:StateDir"] = Path.Combine(folder, "state"),
        };
        Assert.Equal(0, await RunAsync(settings, "run", "--as-of", "2017-01-16", "--dry-run"));
        Assert.True(Directory.Exists(Path.Combine(folder, "session-out", "preview")), stderr.ToString());
        Assert.Contains("Digests for 2017-W03: would send", stdout.ToString(), StringComparison.Ordinal);

        var commandLine = Path.Combine(folder, "command-line-out");
        Assert.Equal(0, await RunAsync(settings, "run", "--as-of", "2017-01-16", "--dry-run", "--out", commandLine));
        Assert.True(Directory.Exists(Path.Combine(commandLine, "preview")), stderr.ToString());
    }
}
