namespace SaferCity.Core.Model;

/// <summary>An action with what the rules say about it on the as-of day.</summary>
public sealed record Assessment(
    TrackerAction Action,
    bool Overdue,
    int DaysOverdue,
    bool DueSoon,
    bool RagMismatch,
    IReadOnlyList<DriftChange> Drift)
{
    /// <summary>The UK day of the last change to its comment, rating, deadline or status (from the history).</summary>
    public DateOnly? LastUpdated { get; init; }

    /// <summary>Open and not updated for more than Reminders__StaleAfterDays (<c>ActionRules.WithLastUpdate</c>).</summary>
    public bool Stale { get; init; }

    /// <summary>Drift a lead must act on: it got worse or it slipped.</summary>
    public IEnumerable<DriftChange> WorseningDrift =>
        Drift.Where(d => d.Kind is DriftKind.RagWorsened or DriftKind.DeadlineSlipped or DriftKind.Reopened);
}
