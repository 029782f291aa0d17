using System.Globalization;
using SaferCity.Core.History;
using SaferCity.Core.Reminders;

namespace SaferCity.Core.Pipeline;

/// <summary>
/// Keeps the private state no longer than State__RetentionDays: history points and weekly reminder ledgers older than
/// the cut-off go on each live run. (The update audit prunes itself; the CLI's outbox is pruned by the CLI.)
/// </summary>
public static class StateRetention
{
    /// <summary>The first day kept: as-of minus the retention period.</summary>
    public static DateOnly Cutoff(DateOnly asOf, StateOptions options) => asOf.AddDays(-options.RetentionDays);

    /// <summary>
    /// The history without days before <paramref name="cutoff"/>. Each action keeps the state it had at the cut-off
    /// (its last earlier entry), so every kept day's snapshot is rebuilt exactly; an action already gone by then goes.
    /// Returns this same instance when nothing is that old.
    /// </summary>
    public static TrackerHistory Prune(TrackerHistory history, DateOnly cutoff)
    {
        if (history.Days.Count == 0 || history.Days[0].AsOf >= cutoff) return history;
        var actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, entries) in history.Actions)
        {
            var before = entries.LastOrDefault(e => e.From < cutoff);
            var kept = entries.Where(e => e.From >= cutoff).ToList();
            if (before is { Gone: false }) kept.Insert(0, before);
            if (kept.Count > 0) actions[id] = kept;
        }
        return new TrackerHistory(history.Days.Where(d => d.AsOf >= cutoff).ToList(), actions);
    }

    /// <summary>Deletes every weekly ledger whose week ended before <paramref name="cutoff"/>; returns their names.</summary>
    public static async Task<IReadOnlyList<string>> PruneLedgersAsync(IStateStore state, DateOnly cutoff, CancellationToken cancellationToken)
    {
        var deleted = new List<string>();
        foreach (var name in await state.ListAsync(LedgerPrefix, cancellationToken))
        {
            if (WeekEnd(name) is { } end && end < cutoff && await state.DeleteAsync(name, cancellationToken)) deleted.Add(name);
        }
        return deleted;
    }

    private static readonly string LedgerPrefix = ReminderLedger.DocumentName("")[..^".json".Length];

    /// <summary>The Sunday of the ISO week a ledger is named after ("ledger/2017-W03.json"); null for any other name.</summary>
    public static DateOnly? WeekEnd(string name)
    {
        var week = Path.GetFileNameWithoutExtension(name);
        if (week.Length != 8 || week[4] != '-' || week[5] != 'W' ||
            !int.TryParse(week.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ||
            !int.TryParse(week.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) ||
            number < 1 || number > ISOWeek.GetWeeksInYear(year))
            return null;
        return DateOnly.FromDateTime(ISOWeek.ToDateTime(year, number, DayOfWeek.Sunday));
    }
}
