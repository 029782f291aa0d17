using SaferCity.Core.Pipeline;

namespace SaferCity.Infrastructure.Blob;

/// <summary>
/// Shared by the Blob adapters of one process: set when the run lock's lease is lost, so the state store
/// and the publisher refuse to write for the rest of that run (see <see cref="BlobRunLock"/> for why).
/// </summary>
internal sealed class LeaseGuard
{
    private volatile string? lostReason;

    public bool IsLost => lostReason is not null;

    public void Reset() => lostReason = null;

    public void MarkLost(string reason) => lostReason = reason;

    public void ThrowIfLost()
    {
        if (lostReason is { } reason)
            throw new PipelineException($"The run lock was lost ({reason}); nothing more is written or sent by this run.");
    }
}
