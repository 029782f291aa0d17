using SaferCity.Core.Model;

namespace SaferCity.Core.History;

/// <summary>The drift of every current action against a baseline, and the actions that went.</summary>
public sealed record DriftResult(
    Snapshot? Baseline,
    IReadOnlyDictionary<string, IReadOnlyList<DriftChange>> ByAction,
    IReadOnlyList<string> Removed)
{
    public static readonly DriftResult None = new(null, new Dictionary<string, IReadOnlyList<DriftChange>>(), []);

    public IReadOnlyList<DriftChange> For(string number) =>
        ByAction.TryGetValue(number, out var changes) ? changes : [];
}

/// <summary>
/// Compares the tracker with a baseline. An action hidden at the baseline and shown now counts as added, with no
/// from-values: nothing observed while an action was hidden may be published. The baseline is the latest snapshot taken at least
/// <c>windowDays</c> before as-of, else the oldest one before as-of; snapshots of the as-of day
/// itself never count, so running twice on one day gives the same drift.
/// </summary>
public static class DriftCalculator
{
    public static Snapshot? ChooseBaseline(IEnumerable<DateOnly> snapshotDays, DateOnly asOf, int windowDays, Func<DateOnly, Snapshot?> load)
    {
        var earlier = snapshotDays.Where(d => d < asOf).Order().ToList();
        if (earlier.Count == 0) return null;
        var cutoff = asOf.AddDays(-windowDays);
        var inWindow = earlier.Where(d => d <= cutoff).ToList();
        return load(inWindow.Count > 0 ? inWindow[^1] : earlier[0]);
    }

    public static DriftResult Compare(Snapshot? baseline, IReadOnlyList<TrackerAction> current)
    {
        if (baseline is null) return DriftResult.None;
        var before = new Dictionary<string, SnapshotAction>(baseline.Actions.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var a in baseline.Actions) before.TryAdd(a.Id, a);

        var byAction = new Dictionary<string, IReadOnlyList<DriftChange>>(StringComparer.OrdinalIgnoreCase);
        var present = new HashSet<string>(current.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var action in current)
        {
            present.Add(action.Number);
            if (Changes(before.GetValueOrDefault(action.Number), action) is { } changes) byAction[action.Number] = changes;
        }
        var removed = baseline.Actions.Where(a => !present.Contains(a.Id)).Select(a => a.Id)
            .Order(ActionNumberComparer.Instance).ToList();
        return new DriftResult(baseline, byAction, removed);
    }

    /// <summary>Null when nothing changed, as for most actions on most days: no empty list for each of them.</summary>
    private static List<DriftChange>? Changes(SnapshotAction? was, TrackerAction now)
    {
        // Shown now but hidden at the baseline: what it was then was never public, so it is new to the public.
        // (Hidden both then and now, the real changes stay: only its leads see them.)
        if (was is null || was.Hidden && !now.Hidden) return [new DriftChange(DriftKind.Added)];
        List<DriftChange>? changes = null;
        if (!was.Complete && now.Complete) (changes ??= []).Add(new DriftChange(DriftKind.Completed));
        if (was.Complete && !now.Complete) (changes ??= []).Add(new DriftChange(DriftKind.Reopened));
        if (was.Rag is { } from && now.Rag is { } to && from != to)
        {
            (changes ??= []).Add(DriftChange.Rating(from, to));
        }
        if (was.Deadline is { } oldDate && now.Deadline is { } newDate && oldDate != newDate)
        {
            (changes ??= []).Add(DriftChange.Deadline(oldDate, newDate));
        }
        return changes;
    }

    public static string Iso(DateOnly day) => Wording.Iso(day);
}
