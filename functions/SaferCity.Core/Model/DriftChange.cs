namespace SaferCity.Core.Model;

/// <summary>What changed about an action since the drift baseline.</summary>
public enum DriftKind
{
    RagWorsened,
    RagImproved,
    DeadlineSlipped,
    DeadlineBroughtForward,
    Completed,
    Reopened,
    Added,
}

/// <summary>One change since the baseline snapshot. From/To are RAG words or ISO dates.</summary>
public sealed record DriftChange(DriftKind Kind, string? From = null, string? To = null)
{
    /// <summary>The name used in dashboard.json: "ragWorsened", "deadlineSlipped"…</summary>
    public string KindName => Kind switch
    {
        DriftKind.RagWorsened => "ragWorsened",
        DriftKind.RagImproved => "ragImproved",
        DriftKind.DeadlineSlipped => "deadlineSlipped",
        DriftKind.DeadlineBroughtForward => "deadlineBroughtForward",
        DriftKind.Completed => "completed",
        DriftKind.Reopened => "reopened",
        DriftKind.Added => "added",
        _ => throw new ArgumentOutOfRangeException(nameof(Kind)),
    };
}
