namespace SaferCity.Cli;

/// <summary>What a command handler gets: the started host's services and the Ctrl+C token.</summary>
public sealed record CliContext(IServiceProvider Services, CancellationToken Cancel);
