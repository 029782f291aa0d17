using Microsoft.Extensions.Logging;

namespace SaferCity.Core.Tests.Support;

/// <summary>Keeps every formatted log line, with its exception's message, so a test can check what a log would hold.</summary>
internal sealed class RecordingLogger : ILogger<SaferCity.Core.Updates.UpdateService>
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines) return [.. lines];
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (lines) lines.Add(formatter(state, exception) + (exception is null ? "" : $" {exception}"));
    }
}
