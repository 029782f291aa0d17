namespace SaferCity.Cli;

/// <summary>What a command handler gets: the started host's services, where it prints, and the Ctrl+C token.</summary>
/// <param name="Out">stdout: what the command did, for the person at the terminal.</param>
/// <param name="Error">stderr: the one plain line of a problem, warnings, who an admin command signs in as.</param>
public sealed record CliContext(IServiceProvider Services, TextWriter Out, TextWriter Error, CancellationToken Cancel);
