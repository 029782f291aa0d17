using System.Globalization;

namespace SaferCity.Functions;

/// <summary>
/// A clock that starts at a chosen moment and then ticks in real time, so a local run (or the host stand-in tests)
/// can be "Monday 07:00 in London" without waiting for one. Set <c>SAFERCITY_DEVELOPMENT_CLOCK_START</c> (an ISO 8601
/// instant with offset). It is honoured only when <c>AZURE_FUNCTIONS_ENVIRONMENT</c> is Development, which Azure never
/// sets by itself; anywhere else the worker refuses to start, so a stray setting cannot move a deployed app's clock.
/// </summary>
internal sealed class DevelopmentClock(DateTimeOffset start) : TimeProvider
{
    public const string Variable = "SAFERCITY_DEVELOPMENT_CLOCK_START";

    private readonly long origin = System.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => start.ToUniversalTime() + System.GetElapsedTime(origin);

    /// <summary>The clock the environment asks for, or null for the system clock.</summary>
    public static TimeProvider? FromEnvironment()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (!string.Equals(Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT"), "Development", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"{Variable} is set, but AZURE_FUNCTIONS_ENVIRONMENT is not Development: remove {Variable} from the app settings.");
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
            throw new InvalidOperationException($"{Variable} must be an ISO 8601 instant such as 2017-01-16T07:00:00Z, not \"{value}\".");
        return new DevelopmentClock(start);
    }
}
