using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Tests.History;

public class TrackerHistoryTests
{
    private static readonly RagCounts Counts = new(0, 0, 1, 0);

    private static Snapshot Snap(string day, params (string Id, Rag Rag)[] actions) =>
        new(DateOnly.Parse(day), DateTimeOffset.Parse(day + "T07:00:00Z"),
            actions.Select(a => new SnapshotAction(a.Id, a.Rag, new DateOnly(2017, 3, 31), false, false)).ToList());

    [Fact]
    public void Record_ThenSnapshotAt_RebuildsEachDay()
    {
        var history = TrackerHistory.Empty
            .Record(Snap("2017-01-02", ("1.1", Rag.Green), ("1.2", Rag.Green)), Counts)
            .Record(Snap("2017-01-09", ("1.1", Rag.Amber)), Counts)
            .Record(Snap("2017-01-16", ("1.1", Rag.Amber), ("1.3", Rag.Red)), Counts);

        Assert.Equal(Snap("2017-01-02", ("1.1", Rag.Green), ("1.2", Rag.Green)).Actions, history.SnapshotAt(new DateOnly(2017, 1, 2))!.Actions);
        Assert.Equal(Snap("2017-01-09", ("1.1", Rag.Amber)).Actions, history.SnapshotAt(new DateOnly(2017, 1, 9))!.Actions);
        Assert.Equal(Snap("2017-01-16", ("1.1", Rag.Amber), ("1.3", Rag.Red)).Actions, history.Latest()!.Actions);
        Assert.Null(history.SnapshotAt(new DateOnly(2017, 1, 5)));
        Assert.Equal(2, history.Actions["1.1"].Count); // stored as changes, not copies
    }

    [Fact]
    public void Record_UnchangedContent_ReturnsSameInstance()
    {
        var history = TrackerHistory.Empty.Record(Snap("2017-01-02", ("1.1", Rag.Green)), Counts);

        Assert.Same(history, history.Record(Snap("2017-01-09", ("1.1", Rag.Green)), Counts));
        Assert.Same(history, history.Record(Snap("2017-01-02", ("1.1", Rag.Green)), Counts));
    }

    [Fact]
    public void Record_SameDayAgain_ReplacesThatDay()
    {
        var history = TrackerHistory.Empty
            .Record(Snap("2017-01-02", ("1.1", Rag.Green)), Counts)
            .Record(Snap("2017-01-09", ("1.1", Rag.Amber)), Counts)
            .Record(Snap("2017-01-09", ("1.1", Rag.Red)), Counts);

        Assert.Equal(2, history.Days.Count);
        Assert.Equal(Rag.Red, history.Latest()!.Actions[0].Rag);
        Assert.Equal([Rag.Green, Rag.Red], history.Actions["1.1"].Select(e => e.Rag));
    }

    [Fact]
    public void Serialize_RoundTrip_KeepsEverything()
    {
        var history = TrackerHistory.Empty
            .Record(Snap("2017-01-02", ("1.1", Rag.Green), ("1.2", Rag.Red)), new RagCounts(1, 0, 1, 0))
            .Record(Snap("2017-01-09", ("1.1", Rag.Amber)), new RagCounts(0, 1, 0, 0));

        var back = HistoryJson.Deserialize(HistoryJson.Serialize(history));

        Assert.Equal(history.Days, back.Days);
        Assert.Equal(history.Latest()!.Actions, back.Latest()!.Actions);
        Assert.Equal(history.SnapshotAt(new DateOnly(2017, 1, 2))!.Actions, back.SnapshotAt(new DateOnly(2017, 1, 2))!.Actions);
    }

    [Fact]
    public void SameContentAs_SameActionsInAnotherOrder_IsTheSame()
    {
        var a = Snap("2017-01-02", ("1.1", Rag.Green), ("1.2", Rag.Red));
        var b = Snap("2017-01-09", ("1.2", Rag.Red), ("1.1", Rag.Green));
        var c = Snap("2017-01-09", ("1.2", Rag.Red), ("1.1", Rag.Amber));

        Assert.True(a.SameContentAs(b));
        Assert.False(a.SameContentAs(c));
        Assert.False(a.SameContentAs(Snap("2017-01-09", ("1.1", Rag.Green))));
    }
}
