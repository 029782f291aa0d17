using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.History;

/// <summary>
/// <see cref="TrackerHistory.Record"/> keeps the lists of unchanged actions and builds its dictionary in one pass: the
/// history it records must be the document the copying form recorded (<see cref="Reference"/>, the earlier code).
/// </summary>
public class TrackerHistoryRecordTests
{
    private static readonly RagCounts Counts = new(1, 2, 3, 4);

    private static SnapshotAction Action(string id, Rag? rag, string? comment = null, bool hidden = false, bool complete = false,
        string? modified = null) =>
        new(id, rag, new DateOnly(2017, 3, 31), complete, hidden, comment)
        {
            Modified = modified is null ? null : DateTimeOffset.Parse(modified, System.Globalization.CultureInfo.InvariantCulture),
        };

    private static Snapshot Snap(string day, params SnapshotAction[] actions) =>
        new(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(day + "T07:00:00Z", System.Globalization.CultureInfo.InvariantCulture), actions);

    public static TheoryData<Snapshot[]> Sequences => new()
    {
        // New, changed, gone, back again, renumbered in another case, hidden, completed, dated by the list.
        new[]
        {
            Snap("2017-01-02", Action("1.1", Rag.Green, "a"), Action("1.2", Rag.Red), Action("A.1", Rag.Amber)),
            Snap("2017-01-09", Action("1.1", Rag.Amber, "a", modified: "2017-01-05T10:00:00Z"), Action("a.1", Rag.Amber),
                Action("1.3", null, hidden: true)),
            Snap("2017-01-16", Action("1.2", Rag.Red), Action("1.1", Rag.Amber, "b"), Action("1.3", Rag.Green, complete: true)),
            Snap("2017-01-23", Action("1.3", Rag.Green, complete: true)),
            Snap("2017-01-30", Action("1.1", Rag.Red, modified: "2017-01-29T23:30:00Z"), Action("1.4", Rag.Green)),
        },
        // The same day recorded again with other content, then a day earlier than the last (a rewrite of later days).
        new[]
        {
            Snap("2017-01-02", Action("1.1", Rag.Green), Action("1.2", Rag.Red)),
            Snap("2017-01-09", Action("1.1", Rag.Amber)),
            Snap("2017-01-09", Action("1.1", Rag.Red), Action("1.2", Rag.Red, "back")),
            Snap("2017-01-05", Action("1.2", Rag.Green)),
        },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void Record_AwkwardSequences_WritesTheDocumentTheCopyingFormWrote(Snapshot[] snapshots)
    {
        var history = TrackerHistory.Empty;
        var reference = TrackerHistory.Empty;
        foreach (var snapshot in snapshots)
        {
            history = history.Record(snapshot, Counts);
            reference = Reference.Record(reference, snapshot, Counts);
            Assert.Equal(HistoryJson.Serialize(reference), HistoryJson.Serialize(history));
        }
    }

    [Fact]
    public void Record_UnchangedAction_KeepsItsRecordedStates()
    {
        var first = TrackerHistory.Empty.Record(Snap("2017-01-02", Action("1.1", Rag.Green), Action("1.2", Rag.Red)), Counts);

        var second = first.Record(Snap("2017-01-09", Action("1.1", Rag.Green), Action("1.2", Rag.Amber)), Counts);

        Assert.Same(first.Actions["1.1"], second.Actions["1.1"]);
        Assert.Single(first.Actions["1.2"]);
        Assert.Equal(2, second.Actions["1.2"].Count);
    }

    /// <summary>The earlier form of <see cref="TrackerHistory.Record"/>'s recording step, which copied every action's states.</summary>
    private static class Reference
    {
        public static TrackerHistory Record(TrackerHistory history, Snapshot snapshot, RagCounts counts)
        {
            var day = snapshot.AsOf;
            if (history.Days.Any(d => d.AsOf == day) && history.Latest() is { } l && l.AsOf == day && snapshot.SameContentAs(l))
                return history;
            var trimmed = history.WithoutDaysFrom(day);
            if (snapshot.SameContentAs(trimmed.Latest())) return trimmed;
            var actions = trimmed.Actions.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.OrdinalIgnoreCase);
            var now = snapshot.Actions.ToDictionary(a => a.Id, StringComparer.OrdinalIgnoreCase);
            var previous = trimmed.Days.Count > 0 ? trimmed.Days[^1].TakenAt : (DateTimeOffset?)null;
            foreach (var (id, state) in now)
            {
                if (!actions.TryGetValue(id, out var list)) actions[id] = list = [];
                var last = list.Count > 0 && !list[^1].Gone ? list[^1] : null;
                var entry = new HistoryEntry(day, state.Rag, state.Deadline, state.Complete, state.Hidden, Gone: false, state.Comment,
                    LastUpdate(last, state, day, previous));
                if (list.Count == 0 || !list[^1].SameStateAs(entry)) list.Add(entry);
            }
            foreach (var (id, list) in actions)
            {
                if (!now.ContainsKey(id) && list.Count > 0 && !list[^1].Gone) list.Add(new HistoryEntry(day, null, null, false, false, Gone: true));
            }
            var days = trimmed.Days.Append(new HistoryDay(day, snapshot.TakenAt, counts)).ToList();
            return new TrackerHistory(days,
                actions.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<HistoryEntry>)kv.Value, StringComparer.OrdinalIgnoreCase));
        }

        private static DateOnly LastUpdate(HistoryEntry? last, SnapshotAction now, DateOnly day, DateTimeOffset? previous)
        {
            DateOnly Modified(DateOnly fallback) =>
                now.Modified is { } m && (previous is null || m > previous) && UkClock.DateOf(m) is var d && d <= day ? d : fallback;
            if (last is null) return Modified(day);
            var changed = last.Rag != now.Rag || last.Deadline != now.Deadline || last.Complete != now.Complete ||
                          last.Comment is not null && last.Comment != now.Comment;
            if (changed) return Modified(day);
            return last.Updated ?? (now.Modified is { } lm ? (UkClock.DateOf(lm) < day ? UkClock.DateOf(lm) : day) : last.From);
        }
    }
}
