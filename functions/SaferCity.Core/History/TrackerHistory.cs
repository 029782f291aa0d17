using System.Runtime.InteropServices;
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

    /// <summary>
    /// Which tracker this history is of (<see cref="TrackerIdentity.Name"/>); null in histories from before it was kept.
    /// Set by the run as it writes; <see cref="Record"/> leaves it to the caller.
    /// </summary>
    public string? Tracker { get; init; }

    public Snapshot? SnapshotAt(DateOnly day)
    {
        var taken = Days.LastOrDefault(d => d.AsOf == day);
        if (taken is null) return null;
        var actions = new List<SnapshotAction>();
        foreach (var (id, entries) in Actions)
        {
            var state = entries.LastOrDefault(e => e.From <= day);
            if (state is { Gone: false })
                actions.Add(new SnapshotAction(id, state.Rag, state.Deadline, state.Complete, state.Hidden, state.Comment)
                {
                    Updated = state.Updated,
                });
        }
        return new Snapshot(day, taken.TakenAt, actions);
    }

    public Snapshot? Latest() => Days.Count == 0 ? null : SnapshotAt(Days[^1].AsOf);

    /// <summary>
    /// Records the snapshot for its day, replacing what that day had. Returns this same instance
    /// when the content equals the latest earlier snapshot, so callers can skip the write.
    /// Each new state carries the day of the action's last update (<see cref="HistoryEntry.Updated"/>), worked out
    /// from the state before it alone, so no run ever walks an action's history to find it.
    /// </summary>
    /// <param name="everyDay">Keep the day even when nothing changed since the one before (what digests reported).</param>
    public TrackerHistory Record(Snapshot snapshot, RagCounts counts, bool everyDay = false)
    {
        var day = snapshot.AsOf;
        if (Days.Any(d => d.AsOf == day) && Holds(snapshot, day)) return this;
        var trimmed = WithoutDaysFrom(day);
        if (snapshot.SameContentAs(trimmed.Latest()))
            return everyDay ? trimmed with { Days = [.. trimmed.Days, new HistoryDay(day, snapshot.TakenAt, counts)] } : trimmed;

        var days = new List<HistoryDay>(trimmed.Days.Count + 1);
        days.AddRange(trimmed.Days);
        days.Add(new HistoryDay(day, snapshot.TakenAt, counts));
        return new TrackerHistory(days, trimmed.RecordedActions(snapshot));
    }

    /// <summary>
    /// The actions' states with the snapshot's added: each action gains at most one entry (its new state, or gone), so an
    /// action whose state did not change keeps its list as it was (states are never changed once recorded), and one that
    /// changed gets a copy with the entry added. Built straight into the history's dictionary, in the order the old one
    /// listed them, then the new ones in the snapshot's order: one pass, where a dictionary per step copied every action.
    /// </summary>
    private Dictionary<string, IReadOnlyList<HistoryEntry>> RecordedActions(Snapshot snapshot)
    {
        var day = snapshot.AsOf;
        var actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(
            Math.Max(Actions.Count, snapshot.Actions.Count) + 16, StringComparer.OrdinalIgnoreCase);
        foreach (var (id, entries) in Actions) actions.Add(id, entries);
        var now = new HashSet<string>(snapshot.Actions.Count, StringComparer.OrdinalIgnoreCase);
        var previous = Days.Count > 0 ? Days[^1].TakenAt : (DateTimeOffset?)null;
        foreach (var state in snapshot.Actions)
        {
            if (!now.Add(state.Id)) throw new ArgumentException($"An action is in the snapshot twice: {state.Id}.", nameof(snapshot));
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(actions, state.Id, out _);
            var last = list is { Count: > 0 } && !list[^1].Gone ? list[^1] : null;
            var entry = new HistoryEntry(day, state.Rag, state.Deadline, state.Complete, state.Hidden, Gone: false, state.Comment,
                LastUpdate(last, state, day, previous));
            if (list is not { Count: > 0 } || !list[^1].SameStateAs(entry)) list = Appended(list, entry);
        }
        foreach (var (id, list) in Actions)
        {
            // Not in the snapshot, so its list is still the one held here.
            if (!now.Contains(id) && list.Count > 0 && !list[^1].Gone)
                actions[id] = Appended(list, new HistoryEntry(day, null, null, false, false, Gone: true));
        }
        return actions;
    }

    private static List<HistoryEntry> Appended(IReadOnlyList<HistoryEntry>? entries, HistoryEntry entry)
    {
        var list = new List<HistoryEntry>((entries?.Count ?? 0) + 1);
        if (entries is not null) list.AddRange(entries);
        list.Add(entry);
        return list;
    }

    /// <summary>
    /// Whether the day's recorded snapshot has the content of <paramref name="snapshot"/> (as <see cref="Snapshot.SameContentAs"/>
    /// has it, action numbers compared as the history keys them), read from the states in place: a rerun on a recorded day
    /// asks this, and rebuilding the day's snapshot to compare would copy every action.
    /// </summary>
    private bool Holds(Snapshot snapshot, DateOnly day)
    {
        var shown = Actions.Values.Count(entries => StateOn(entries, day) is { Gone: false });
        if (shown != snapshot.Actions.Count) return false;
        foreach (var a in snapshot.Actions)
        {
            if (!Actions.TryGetValue(a.Id, out var entries) || StateOn(entries, day) is not { Gone: false } s ||
                s.Rag != a.Rag || s.Deadline != a.Deadline || s.Complete != a.Complete || s.Hidden != a.Hidden || s.Comment != a.Comment)
                return false;
        }
        return true;
    }

    /// <summary>The state an action had on <paramref name="day"/>: its last entry from that day or before.</summary>
    private static HistoryEntry? StateOn(IReadOnlyList<HistoryEntry> entries, DateOnly day)
    {
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].From <= day) return entries[i];
        }
        return null;
    }

    /// <summary>
    /// The UK day of the action's last update: a change to its comment, rating, deadline or status (not its theme, its
    /// visibility or any other column). A change is dated by when the item says it was modified, if that is after the
    /// previous snapshot was taken, else by this run, the first to see it. An action seen for the first time is dated by
    /// when it was modified, or this run.
    /// </summary>
    private static DateOnly LastUpdate(HistoryEntry? last, SnapshotAction now, DateOnly day, DateTimeOffset? previous)
    {
        DateOnly Modified(DateOnly fallback) =>
            now.Modified is { } m && (previous is null || m > previous) && Rules.UkClock.DateOf(m) is var d && d <= day ? d : fallback;
        if (last is null) return Modified(day);
        // A history from before comments were fingerprinted has none: an unknown comment is not a changed one.
        var changed = last.Rag != now.Rag || last.Deadline != now.Deadline || last.Complete != now.Complete ||
                      last.Comment is not null && last.Comment != now.Comment;
        if (changed) return Modified(day);
        // Kept from the state before; a history from before this was recorded starts from the item's own date.
        return last.Updated ?? (now.Modified is { } lm ? Min(Rules.UkClock.DateOf(lm), day) : last.From);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    /// <summary>
    /// The day of the action's last update as the history has it on <paramref name="day"/>; null when it has no state then.
    /// The latest state is the last one, so a live run finds it in one step.
    /// </summary>
    public DateOnly? UpdatedOn(string id, DateOnly day)
    {
        if (!Actions.TryGetValue(id, out var entries)) return null;
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i].From > day) continue;
            return entries[i].Gone ? null : entries[i].Updated;
        }
        return null;
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

/// <param name="Comment">The comment's fingerprint (<see cref="SnapshotAction.Fingerprint"/>); null in histories from before it was kept.</param>
/// <param name="Updated">The UK day of the action's last update as of this state; null in histories from before it was kept.</param>
public sealed record HistoryEntry(DateOnly From, Rag? Rag, DateOnly? Deadline, bool Complete, bool Hidden, bool Gone,
    string? Comment = null, DateOnly? Updated = null)
{
    public bool SameStateAs(HistoryEntry other) =>
        Rag == other.Rag && Deadline == other.Deadline && Complete == other.Complete && Hidden == other.Hidden && Gone == other.Gone &&
        Comment == other.Comment && Updated == other.Updated;
}
