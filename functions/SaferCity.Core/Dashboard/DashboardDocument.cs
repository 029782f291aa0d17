using System.Collections;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

// dashboard.json, schemaVersion 1. The names and shapes are a contract (see the product brief):
// other tools read this file. Add fields freely; never rename or remove one. Nothing renders from it: the pages, the
// feed and the CSV take the typed PublicDashboard this is written from.

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

    public const int Version = 1;

    /// <summary>
    /// The contract's form of the public model: ISO days, lower-case ratings, drift kinds by their names in
    /// <see cref="Wording"/>. The actions are mapped as they are read, so writing the file holds no second copy of them.
    /// </summary>
    public static DashboardDocument From(PublicDashboard model)
    {
        var dates = new IsoDates();
        return new DashboardDocument(
            Version,
            Wording.Iso(model.AsOf),
            model.GeneratedAt,
            model.Summary,
            new MappedActions(model.Actions),
            model.Removed.Select(id => new RemovedAction(id)).ToList(),
            model.DataQuality.Select(f => new DataQualityItem(f.Id, f.Field, f.Problem, f.Value)).ToList())
        {
            DriftSince = dates.Of(model.DriftSince),
            Trend = model.Trend.Select(t => new TrendPoint(Wording.Iso(t.AsOf), t.Counts.Red, t.Counts.Amber, t.Counts.Green,
                t.Counts.Complete)).ToList(),
            Themes = model.Themes,
            StaleAfterDays = model.StaleAfterDays,
        };
    }

    private static DashboardAction ToAction(PublicAction a, IsoDates dates) =>
        new(a.Id, a.Theme, a.Text, dates.Of(a.Deadline), a.Leads, a.Rag?.ToWord(), Status(a.Complete), a.Overdue, a.DaysOverdue,
            a.DueSoon, a.RagMismatch, a.Comments, a.Drift.Count == 0 ? [] : a.Drift.Select(d => DriftItem.Of(d, dates)).ToList())
        {
            LastUpdated = dates.Of(a.LastUpdated),
            Stale = a.Stale,
            History = a.History.Select(p => new HistoryPoint(dates.Of(p.AsOf)!, p.Rag?.ToWord(), dates.Of(p.Deadline), Status(p.Complete)))
                .ToList(),
        };

    private static string Status(bool complete) => complete ? "complete" : "open";

    /// <summary>
    /// The public actions read through <see cref="ToAction"/>, one at a time: nothing is kept. dashboard.json is written
    /// from <see cref="Public"/> directly (<see cref="DashboardJsonWriter"/>).
    /// </summary>
    internal sealed class MappedActions(IReadOnlyList<PublicAction> items) : IReadOnlyList<DashboardAction>
    {
        public IReadOnlyList<PublicAction> Public => items;

        public DashboardAction this[int index] => ToAction(items[index], new IsoDates());

        public int Count => items.Count;

        public IEnumerator<DashboardAction> GetEnumerator()
        {
            var dates = new IsoDates(); // one per pass: two passes may run at once
            foreach (var item in items) yield return ToAction(item, dates);
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}

/// <summary>A tracker has few distinct dates and many actions: each date is formatted once per mapping.</summary>
internal sealed class IsoDates
{
    private readonly Dictionary<DateOnly, string> _formatted = [];

    public string? Of(DateOnly? day)
    {
        if (day is not { } d) return null;
        if (!_formatted.TryGetValue(d, out var text)) _formatted[d] = text = Wording.Iso(d);
        return text;
    }
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

public sealed record DriftItem(string Kind, string? From = null, string? To = null)
{
    /// <summary>The contract's form of a change: its kind's name, and lower-case ratings or ISO days.</summary>
    internal static DriftItem Of(DriftChange d, IsoDates dates) =>
        new(Wording.JsonName(d.Kind), d.FromRag?.ToWord() ?? dates.Of(d.FromDate), d.ToRag?.ToWord() ?? dates.Of(d.ToDate));

    /// <inheritdoc cref="Of(DriftChange, IsoDates)"/>
    public static DriftItem Of(DriftChange d) => Of(d, new IsoDates());
}

public sealed record HistoryPoint(string AsOf, string? Rag, string? Deadline, string Status);

public sealed record RemovedAction(string Id);

public sealed record DataQualityItem(string Id, string Field, string Problem, string? Value = null);

public sealed record TrendPoint(string AsOf, int Red, int Amber, int Green, int Complete);
