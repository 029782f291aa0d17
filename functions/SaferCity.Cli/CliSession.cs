namespace SaferCity.Cli;

/// <summary>
/// Where one CLI invocation runs: its stdout and stderr, and settings that stand where environment variables stand
/// (a command line's options still win over them). The process passes its own console and no settings; a test passes
/// writers it reads and its stand-ins' settings, so it can run the CLI in process.
/// </summary>
/// <param name="Settings">Configuration keys ("Section:Key") over the environment; a null value unsets one.</param>
public sealed record CliSession(TextWriter Out, TextWriter Error, IReadOnlyDictionary<string, string?> Settings)
{
    /// <summary>The process's own console and environment.</summary>
    public static CliSession Console() => new(System.Console.Out, System.Console.Error, new Dictionary<string, string?>());
}
