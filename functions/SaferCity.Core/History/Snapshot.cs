using SaferCity.Core.Model;

namespace SaferCity.Core.History;

/// <summary>What a run saw, kept so the next run can tell what changed. One per UK day at most.</summary>
public sealed record Snapshot(DateOnly AsOf, DateTimeOffset TakenAt, IReadOnlyList<SnapshotAction> Actions)
{
    public static Snapshot Of(DateOnly asOf, DateTimeOffset takenAt, IEnumerable<TrackerAction> actions) =>
        new(asOf, takenAt, actions.Select(SnapshotAction.Of).ToList());

    /// <summary>Same tracker content, whenever it was taken, in whatever order it was listed.</summary>
    public bool SameContentAs(Snapshot? other)
    {
        if (other is null || other.Actions.Count != Actions.Count) return false;
        var theirs = new Dictionary<string, SnapshotAction>(other.Actions.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var a in other.Actions) theirs.TryAdd(a.Id, a);
        foreach (var a in Actions)
        {
            if (!theirs.TryGetValue(a.Id, out var same) || same != a) return false;
        }
        return true;
    }
}

/// <summary>The parts of an action whose change is drift, plus enough to show history.</summary>
public sealed record SnapshotAction(string Id, Rag? Rag, DateOnly? Deadline, bool Complete, bool Hidden)
{
    public static SnapshotAction Of(TrackerAction a) => new(a.Number, a.Rag, a.Deadline, a.Complete, a.Hidden);
}
