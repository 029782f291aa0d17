namespace SaferCity.Core.Model;

/// <summary>
/// What changed about an action since the drift baseline. Every kind has its words and its dashboard.json name in
/// <see cref="Wording"/>: a new kind is one value here and one entry there.
/// </summary>
public enum DriftKind
{
    RagWorsened,
    RagImproved,
    DeadlineSlipped,
    DeadlineBroughtForward,
    Completed,
    Reopened,
    Added,

    /// <summary>No longer in the tracker: a change to the plan (the feed, the committee paper), never in an action's own drift.</summary>
    Removed,
}

/// <summary>
/// One change since the baseline snapshot. A change of rating carries the ratings, a change of deadline the days;
/// the other kinds carry nothing.
/// </summary>
public sealed record DriftChange(DriftKind Kind)
{
    public Rag? FromRag { get; init; }

    public Rag? ToRag { get; init; }

    public DateOnly? FromDate { get; init; }

    public DateOnly? ToDate { get; init; }

    /// <summary>Worse or better: a higher rating is more severe.</summary>
    public static DriftChange Rating(Rag from, Rag to) =>
        new(to > from ? DriftKind.RagWorsened : DriftKind.RagImproved) { FromRag = from, ToRag = to };

    /// <summary>Slipped or brought forward.</summary>
    public static DriftChange Deadline(DateOnly from, DateOnly to) =>
        new(to > from ? DriftKind.DeadlineSlipped : DriftKind.DeadlineBroughtForward) { FromDate = from, ToDate = to };

    /// <summary>Whether it carries a value before and after (a rating or a deadline).</summary>
    public bool HasValues => FromRag is not null && ToRag is not null || FromDate is not null && ToDate is not null;
}
