namespace SaferCity.Core.Dashboard;

// dashboard.json, schemaVersion 1. The names and shapes are a contract (see the product brief):
// other tools read this file. Add fields freely; never rename or remove one.

public sealed record DashboardDocument(
    int SchemaVersion,
    string AsOf,
    DateTimeOffset GeneratedAt,
    DashboardSummary Summary,
    IReadOnlyList<DashboardAction> Actions,
    IReadOnlyList<RemovedAction> Removed,
    IReadOnlyList<DataQualityItem> DataQuality)
{
    /// <summary>The day drift is measured from; null on the first run.</summary>
    public string? DriftSince { get; init; }

    /// <summary>RAG counts per stored snapshot, oldest first: the trend chart.</summary>
    public IReadOnlyList<TrendPoint> Trend { get; init; } = [];

    /// <summary>Themes in tracker order.</summary>
    public IReadOnlyList<string> Themes { get; init; } = [];

    /// <summary>Days without an update after which an open action is stale; 0 when the flag is off.</summary>
    public int StaleAfterDays { get; init; }
}

public sealed record DashboardSummary(
    int Total, int Complete, int Open, int Overdue, int DueSoon, int Red, int Amber, int Green, int RagMismatch)
{
    /// <summary>Open actions with no readable rating.</summary>
    public int Unrated { get; init; }

    /// <summary>Open actions not updated for more than the stale period (<see cref="DashboardDocument.StaleAfterDays"/>).</summary>
    public int Stale { get; init; }
}

public sealed record DashboardAction(
    string Id,
    string Theme,
    string Text,
    string? Deadline,
    IReadOnlyList<string> Leads,
    string? Rag,
    string Status,
    bool Overdue,
    int DaysOverdue,
    bool DueSoon,
    bool RagMismatch,
    string Comments,
    IReadOnlyList<DriftItem> Drift)
{
    /// <summary>The UK day (yyyy-MM-dd) of the last change to its comment, rating, deadline or status that the public could see.</summary>
    public string? LastUpdated { get; init; }

    /// <summary>Open and not updated for more than the stale period.</summary>
    public bool Stale { get; init; }

    /// <summary>The action's RAG, deadline and status at each change, oldest first.</summary>
    public IReadOnlyList<HistoryPoint> History { get; init; } = [];
}

public sealed record DriftItem(string Kind, string? From = null, string? To = null);

public sealed record HistoryPoint(string AsOf, string? Rag, string? Deadline, string Status);

public sealed record RemovedAction(string Id);

public sealed record DataQualityItem(string Id, string Field, string Problem, string? Value = null);

public sealed record TrendPoint(string AsOf, int Red, int Amber, int Green, int Complete);
