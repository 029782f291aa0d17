namespace SaferCity.Core.Updates;

/// <summary>
/// Counts requests per key in fixed one-hour windows, in memory. One instance per process: in the cloud each
/// instance counts for itself, which still bounds what one link or one address can do to a small multiple.
/// </summary>
public sealed class SubmissionLimiter(TimeProvider time, int perHour)
{
    private readonly Dictionary<string, (long Window, int Count)> _counts = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>Counts one request; false when the key has had its hour's allowance already.</summary>
    public bool TryTake(string key)
    {
        var window = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        lock (_gate)
        {
            if (_counts.Count > 100_000) Prune(window);
            var (w, count) = _counts.GetValueOrDefault(key);
            if (w != window) count = 0;
            if (count >= perHour) return false;
            _counts[key] = (window, count + 1);
            return true;
        }
    }

    private void Prune(long window)
    {
        foreach (var key in _counts.Where(c => c.Value.Window != window).Select(c => c.Key).ToList()) _counts.Remove(key);
    }
}
