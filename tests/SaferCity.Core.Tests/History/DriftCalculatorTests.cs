using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Tests.History;

public class DriftCalculatorTests
{
    private static readonly DateOnly Day = new(2017, 1, 16);

    private static TrackerAction Action(string number, Rag? rag = Rag.Green, DateOnly? deadline = null, bool complete = false) => new()
    {
        ItemId = number, Number = number, Theme = "T", Text = "X", Deadline = deadline ?? new DateOnly(2017, 3, 31),
        LeadNames = [], Leads = [], Rag = rag, Complete = complete, Comments = "",
    };

    private static Snapshot Snap(DateOnly day, params TrackerAction[] actions) => Snapshot.Of(day, default, actions);

    [Fact]
    public void Compare_EveryKindOfChange_IsNamedWithFromAndTo()
    {
        var before = Snap(Day.AddDays(-21),
            Action("1.1", Rag.Green), Action("1.2", Rag.Red), Action("1.3"), Action("1.4"), Action("1.5", complete: true),
            Action("1.6", deadline: new DateOnly(2017, 3, 31)), Action("1.7"));
        var now = new[]
        {
            Action("1.1", Rag.Amber), Action("1.2", Rag.Green), Action("1.3", deadline: new DateOnly(2017, 6, 30)),
            Action("1.4", complete: true), Action("1.5"), Action("1.6", deadline: new DateOnly(2017, 1, 31)), Action("1.8"),
        };

        var drift = DriftCalculator.Compare(before, now);

        Assert.Equal([DriftChange.Rating(Rag.Green, Rag.Amber)], drift.For("1.1"));
        Assert.Equal([DriftChange.Rating(Rag.Red, Rag.Green)], drift.For("1.2"));
        Assert.Equal([DriftChange.Deadline(new DateOnly(2017, 3, 31), new DateOnly(2017, 6, 30))], drift.For("1.3"));
        Assert.Equal([new DriftChange(DriftKind.Completed)], drift.For("1.4"));
        Assert.Equal([new DriftChange(DriftKind.Reopened)], drift.For("1.5"));
        Assert.Equal([DriftChange.Deadline(new DateOnly(2017, 3, 31), new DateOnly(2017, 1, 31))], drift.For("1.6"));
        Assert.Equal([new DriftChange(DriftKind.Added)], drift.For("1.8"));
        Assert.Equal(["1.7"], drift.Removed);
    }

    [Fact]
    public void Compare_NoBaseline_NoDrift()
    {
        var drift = DriftCalculator.Compare(null, [Action("1.1")]);

        Assert.Empty(drift.ByAction);
        Assert.Empty(drift.Removed);
    }

    [Fact]
    public void Compare_RagBecomesUnknown_IsNotDrift()
    {
        var drift = DriftCalculator.Compare(Snap(Day.AddDays(-7), Action("1.1", Rag.Green)), [Action("1.1", null)]);

        Assert.Empty(drift.For("1.1"));
    }

    [Fact]
    public void ChooseBaseline_LatestAtLeastWindowBefore()
    {
        var days = new[] { Day.AddDays(-20), Day.AddDays(-8), Day.AddDays(-7), Day.AddDays(-3), Day };

        var chosen = DriftCalculator.ChooseBaseline(days, Day, 7, d => Snap(d));

        Assert.Equal(Day.AddDays(-7), chosen!.AsOf);
    }

    [Fact]
    public void ChooseBaseline_NoneOldEnough_OldestEarlier()
    {
        var days = new[] { Day.AddDays(-3), Day.AddDays(-1), Day };

        Assert.Equal(Day.AddDays(-3), DriftCalculator.ChooseBaseline(days, Day, 7, d => Snap(d))!.AsOf);
    }

    [Fact]
    public void ChooseBaseline_OnlyTheSameDay_None()
    {
        // The same day's snapshot never counts, so a second run that day sees the same drift as the first.
        Assert.Null(DriftCalculator.ChooseBaseline([Day], Day, 7, d => Snap(d)));
    }

    [Fact]
    public void ChooseBaseline_LaterSnapshots_Ignored()
    {
        var days = new[] { Day.AddDays(-10), Day.AddDays(5) };

        Assert.Equal(Day.AddDays(-10), DriftCalculator.ChooseBaseline(days, Day, 7, d => Snap(d))!.AsOf);
    }
}
