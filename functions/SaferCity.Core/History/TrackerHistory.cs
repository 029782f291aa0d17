using SaferCity.Core.Model;

namespace SaferCity.Core.History;

/// <summary>
/// Every snapshot, stored as changes: for each action, the states it has had and from which day.
/// One document, so it is written whole or not at all, and it grows with change, not with runs.
/// Any day's snapshot can be rebuilt from it (<see cref="SnapshotAt"/>).
/// </summary>
public sealed record TrackerHistory(
    IReadOnlyList<HistoryDay> Days,
    IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>> Actions)
{
    public static readonly TrackerHistory Empty = new([], new Dictionary<string, IReadOnlyList<HistoryEntry>>());

    public Snapshot? SnapshotAt(DateOnly day)
    {
        var taken = Days.LastOrDefault(d => d.AsOf == day);
        if (taken is null) return null;
        var actions = new List<SnapshotAction>();
        foreach (var (id, entries) in Actions)
        {
            var state = entries.LastOrDefault(e => e.From <= day);
            if (state is { Gone: false }) actions.Add(new SnapshotAction(id, state.Rag, state.Deadline, state.Complete, state.Hidden));
        }
        return new Snapshot(day, taken.TakenAt, actions);
    }

    public Snapshot? Latest() => Days.Count == 0 ? null : SnapshotAt(Days[^1].AsOf);

    /// <summary>
    /// Records the snapshot for its day, replacing what that day had. Returns this same instance
    /// when the content equals the latest earlier snapshot, so callers can skip the write.
    /// </summary>
    public TrackerHistory Record(Snapshot snapshot, RagCounts counts)
    {
        var day = snapshot.AsOf;
        if (Days.Any(d => d.AsOf == day) && snapshot.SameContentAs(SnapshotAt(day))) return this;
        var trimmed = WithoutDaysFrom(day);
        if (snapshot.SameContentAs(trimmed.Latest())) return trimmed;

        var actions = trimmed.Actions.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.OrdinalIgnoreCase);
        var now = snapshot.Actions.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, state) in now)
        {
            var entry = new HistoryEntry(day, state.Rag, state.Deadline, state.Complete, state.Hidden, Gone: false);
            if (!actions.TryGetValue(id, out var list)) actions[id] = list = [];
            if (list.Count == 0 || !list[^1].SameStateAs(entry)) list.Add(entry);
        }
        foreach (var (id, list) in actions)
        {
            if (!now.ContainsKey(id) && list.Count > 0 && !list[^1].Gone)
                list.Add(new HistoryEntry(day, null, null, false, false, Gone: true));
        }
        var days = trimmed.Days.Append(new HistoryDay(day, snapshot.TakenAt, counts)).ToList();
        return new TrackerHistory(days, actions.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<HistoryEntry>)kv.Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether the action was hidden in the state it had on <paramref name="day"/> or in any later one: then whatever
    /// happened to it since (a deletion, a change) happened out of public sight and must not be announced.
    /// </summary>
    public bool HiddenSince(string id, DateOnly day)
    {
        if (!Actions.TryGetValue(id, out var entries)) return false;
        var atDay = entries.LastOrDefault(e => e.From <= day);
        return atDay is { Hidden: true } || entries.Any(e => e.From > day && e.Hidden);
    }

    /// <summary>This history as it was before <paramref name="day"/>.</summary>
    public TrackerHistory WithoutDaysFrom(DateOnly day)
    {
        if (Days.All(d => d.AsOf < day)) return this;
        var actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, entries) in Actions)
        {
            var kept = entries.Where(e => e.From < day).ToList();
            if (kept.Count > 0) actions[id] = kept;
        }
        return new TrackerHistory(Days.Where(d => d.AsOf < day).ToList(), actions);
    }
}

public sealed record HistoryDay(DateOnly AsOf, DateTimeOffset TakenAt, RagCounts Counts);

/// <summary>Open actions by rating, and complete ones, on a day: the trend chart's data.</summary>
public sealed record RagCounts(int Red, int Amber, int Green, int Complete);

public sealed record HistoryEntry(DateOnly From, Rag? Rag, DateOnly? Deadline, bool Complete, bool Hidden, bool Gone)
{
    public bool SameStateAs(HistoryEntry other) =>
        Rag == other.Rag && Deadline == other.Deadline && Complete == other.Complete && Hidden == other.Hidden && Gone == other.Gone;
}
