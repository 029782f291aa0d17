using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Tests.History;

/// <summary>
/// A rerun on a recorded day: the day's states are compared in place, and the history comes back as the same instance
/// (nothing to write) only when every action's content is as recorded.
/// </summary>
public sealed class RecordSameDayTests
{
    private static readonly RagCounts Counts = new(0, 0, 1, 0);
    private static readonly DateOnly Monday = new(2017, 1, 16);

    private static SnapshotAction Action(string id, Rag rag = Rag.Green, bool hidden = false, string? comment = "c1") =>
        new(id, rag, new DateOnly(2017, 3, 31), false, hidden, comment);

    private static Snapshot On(DateOnly day, params SnapshotAction[] actions) => new(day, day.ToDateTime(TimeOnly.MinValue), actions);

    /// <summary>Three actions over two days: 1.3 went on the earlier day, so it is not in Monday's snapshot.</summary>
    private static TrackerHistory Recorded() => TrackerHistory.Empty
        .Record(On(Monday.AddDays(-7), Action("1.1"), Action("1.2"), Action("1.3")), Counts)
        .Record(On(Monday, Action("1.1", Rag.Amber), Action("1.2")), Counts);

    [Fact]
    public void Record_SameDaySameContentInAnotherOrder_ReturnsSameInstance()
    {
        var history = Recorded();

        Assert.Same(history, history.Record(On(Monday, Action("1.2"), Action("1.1", Rag.Amber)), Counts));
    }

    public static TheoryData<string> Changes() => ["rating", "comment", "hidden", "one more", "one fewer", "a gone one back"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Record_SameDayOneThingChanged_RecordsIt(string change)
    {
        var history = Recorded();
        SnapshotAction[] actions = change switch
        {
            "rating" => [Action("1.1", Rag.Red), Action("1.2")],
            "comment" => [Action("1.1", Rag.Amber), Action("1.2", comment: "c2")],
            "hidden" => [Action("1.1", Rag.Amber), Action("1.2", hidden: true)],
            "one more" => [Action("1.1", Rag.Amber), Action("1.2"), Action("1.4")],
            "one fewer" => [Action("1.1", Rag.Amber)],
            _ => [Action("1.1", Rag.Amber), Action("1.2"), Action("1.3")],
        };

        var again = history.Record(On(Monday, actions), Counts);

        Assert.NotSame(history, again);
        Assert.Equal(actions.OrderBy(a => a.Id, StringComparer.Ordinal),
            again.SnapshotAt(Monday)!.Actions.OrderBy(a => a.Id, StringComparer.Ordinal));
    }
}
