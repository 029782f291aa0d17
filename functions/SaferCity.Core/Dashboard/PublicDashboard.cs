using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// The run as the public sees it, typed: hidden actions left out and every free-text value screened
/// (<see cref="DashboardBuilder"/>). The page, the committee paper, the feed and the CSV render from it, and
/// dashboard.json is written from it (<see cref="DashboardDocument.From"/>).
/// </summary>
public sealed record PublicDashboard(
    DateOnly AsOf,
    DateTimeOffset GeneratedAt,
    DashboardSummary Summary,
    IReadOnlyList<PublicAction> Actions,
    IReadOnlyList<string> Removed,
    IReadOnlyList<Finding> DataQuality)
{
    /// <summary>The day drift is measured from; null on the first run.</summary>
    public DateOnly? DriftSince { get; init; }

    /// <summary>Public RAG counts per stored snapshot, oldest first, ending with this run: the trend chart.</summary>
    public IReadOnlyList<TrendDay> Trend { get; init; } = [];

    /// <summary>Themes in tracker order.</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];

    /// <summary>Days without an update after which an open action is stale; 0 when the flag is off.</summary>
    public int StaleAfterDays { get; init; }
}

/// <summary>One published action: screened text, typed values.</summary>
public sealed record PublicAction(
    string Id,
    string Theme,
    string Text,
    DateOnly? Deadline,
    IReadOnlyList<string> Leads,
    Rag? Rag,
    bool Complete,
    bool Overdue,
    int DaysOverdue,
    bool DueSoon,
    bool RagMismatch,
    string Comments,
    IReadOnlyList<DriftChange> Drift)
{
    /// <summary>The UK day of the last change to its comment, rating, deadline or status that the public could see.</summary>
    public DateOnly? LastUpdated { get; init; }

    /// <summary>Open and not updated for more than the stale period.</summary>
    public bool Stale { get; init; }

    /// <summary>The action's rating, deadline and status at each public change, oldest first.</summary>
    public IReadOnlyList<PublicState> History { get; init; } = [];

    public bool Open => !Complete;

    public bool Has(DriftKind kind)
    {
        foreach (var d in Drift)
            if (d.Kind == kind) return true;
        return false;
    }
}

/// <summary>An action's public state from one day on.</summary>
public sealed record PublicState(DateOnly AsOf, Rag? Rag, DateOnly? Deadline, bool Complete);

/// <summary>The public counts on one snapshot's day.</summary>
public sealed record TrendDay(DateOnly AsOf, RagCounts Counts);
