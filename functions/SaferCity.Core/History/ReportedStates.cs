using System.Text.Json;
using SaferCity.Core.Model;

namespace SaferCity.Core.History;

/// <summary>Where one recipient's last digest stands: the day it was sent, and the day of the stored state it reported.</summary>
public sealed record ReportedPointer(DateOnly Sent, DateOnly State);

/// <summary>
/// The state each recipient's previous digest reported, so the next one counts its changes against exactly that:
/// every change between two digests is in one of them, "since" the day of the first. The history cannot serve, as it
/// keeps one snapshot a day and a later run that day replaces it: a change made on a Monday after the 07:00 digests
/// would be in neither Monday's digest nor the next. Here a day's state, once recorded, is never rewritten.
/// Stored as <c>reported.json</c>: the reported states as changes (the history's format) and one pointer per
/// recipient, keyed as the reminder ledger keys them (<c>lead/{item id}</c>, <c>summary</c>).
/// </summary>
public sealed record ReportedStates(TrackerHistory States, IReadOnlyDictionary<string, ReportedPointer> Last)
{
    public const string DocumentName = "reported.json";

    public static readonly ReportedStates Empty = new(TrackerHistory.Empty, new Dictionary<string, ReportedPointer>());

    /// <summary>
    /// The problems in the lists the coordinator's previous summary told of: the next one counts them instead of listing
    /// them again.
    /// </summary>
    public IReadOnlyList<string> SummaryProblems { get; init; } = [];

    /// <summary>The state the recipient's previous digest reported, dated the day it was sent; null before its first.</summary>
    public Snapshot? BaselineFor(string key) =>
        Last.TryGetValue(key, out var p) && States.SnapshotAt(p.State) is { } state ? state with { AsOf = p.Sent } : null;

    /// <summary>
    /// Records that these recipients' digests reported <paramref name="state"/>. A day already recorded keeps the state
    /// it had (the first digest that day reported it); a state equal to the last one recorded points there.
    /// </summary>
    public ReportedStates Reported(IEnumerable<string> keys, Snapshot state)
    {
        var day = state.AsOf;
        var states = States.Days.Any(d => d.AsOf == day) ? States : States.Record(state, new RagCounts(0, 0, 0, 0), everyDay: true);
        var last = new Dictionary<string, ReportedPointer>(Last, StringComparer.Ordinal);
        foreach (var key in keys) last[key] = new ReportedPointer(day, day);
        return this with { States = states, Last = last };
    }

    /// <summary>
    /// The state digests reported on <paramref name="day"/>, if any went that day: for the dashboard's drift baseline,
    /// which would otherwise take that day's last snapshot and miss a change made after the digests.
    /// </summary>
    public Snapshot? ReportedOn(DateOnly day) => States.SnapshotAt(day);

    public static async Task<(ReportedStates States, string? Version)> ReadAsync(IStateStore state, CancellationToken cancellationToken)
    {
        var stored = await state.ReadAsync(DocumentName, cancellationToken);
        if (stored is null) return (Empty, null);
        try
        {
            return (Deserialize(stored.Content.Span), stored.Version);
        }
        catch (JsonException e)
        {
            throw new PipelineException($"The stored record of what digests reported ({DocumentName}) is unreadable: {e.Message}", e);
        }
    }

    /// <summary>Written by hand (<see cref="HistoryJsonWriter"/>): the serializer's bytes, without its metadata path.</summary>
    public byte[] Serialize() => HistoryJsonWriter.Serialize(this);

    public static ReportedStates Deserialize(ReadOnlySpan<byte> json)
    {
        var read = HistoryJson.Read(json, c => c.ReportedStates) ?? throw new JsonException("Empty reported states.");
        return read with { States = HistoryJson.CaseInsensitive(read.States) };
    }
}
