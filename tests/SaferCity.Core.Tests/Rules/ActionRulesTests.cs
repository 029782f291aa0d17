using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Rules;

public class ActionRulesTests
{
    private static readonly RemindersOptions Options = new() { DueSoonDays = 30 };

    private static TrackerAction Action(DateOnly? deadline, Rag? rag = Rag.Green, bool complete = false) => new()
    {
        ItemId = "1", Number = "1.1", Theme = "T", Text = "X", Deadline = deadline, LeadNames = [], Leads = [],
        Rag = rag, Complete = complete, Comments = "",
    };

    [Fact]
    public void Assess_AsOfEqualsDeadline_DueSoonNotOverdue()
    {
        var a = ActionRules.Assess(Action(new DateOnly(2017, 1, 31)), new DateOnly(2017, 1, 31), Options);

        Assert.False(a.Overdue);
        Assert.True(a.DueSoon);
        Assert.Equal(0, a.DaysOverdue);
    }

    [Fact]
    public void Assess_DayAfterDeadline_OverdueByOneDay()
    {
        var a = ActionRules.Assess(Action(new DateOnly(2017, 1, 31)), new DateOnly(2017, 2, 1), Options);

        Assert.True(a.Overdue);
        Assert.Equal(1, a.DaysOverdue);
        Assert.False(a.DueSoon);
    }

    [Fact]
    public void Assess_MonthEndAcrossLeapDay_CountsCalendarDays()
    {
        // December 2015 deadline, as of 1 March 2016: Jan 31 + Feb 29 + 1.
        var a = ActionRules.Assess(Action(new DateOnly(2015, 12, 31)), new DateOnly(2016, 3, 1), Options);

        Assert.Equal(61, a.DaysOverdue);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(0, true)]
    public void Assess_DueSoonWindow_IncludesBothEnds(int daysAhead, bool dueSoon)
    {
        var asOf = new DateOnly(2016, 2, 15);
        var a = ActionRules.Assess(Action(asOf.AddDays(daysAhead)), asOf, Options);

        Assert.Equal(dueSoon, a.DueSoon);
    }

    [Theory]
    [InlineData(Rag.Green, true)]
    [InlineData(Rag.Amber, true)]
    [InlineData(Rag.Red, false)]
    [InlineData(null, true)]
    public void Assess_OverdueAndNotRed_IsRagMismatch(Rag? rag, bool mismatch) =>
        Assert.Equal(mismatch, ActionRules.Assess(Action(new DateOnly(2016, 12, 31), rag), new DateOnly(2017, 1, 16), Options).RagMismatch);

    [Fact]
    public void Assess_Complete_NeitherOverdueNorDueSoonNorMismatch()
    {
        var a = ActionRules.Assess(Action(new DateOnly(2016, 12, 31), complete: true), new DateOnly(2017, 1, 16), Options);

        Assert.False(a.Overdue || a.DueSoon || a.RagMismatch);
    }

    [Fact]
    public void Assess_NoDeadline_NeitherOverdueNorDueSoon()
    {
        var a = ActionRules.Assess(Action(null), new DateOnly(2017, 1, 16), Options);

        Assert.False(a.Overdue || a.DueSoon);
    }

    [Fact]
    public void Escalated_OverdueLongerThanSetting_Escalates()
    {
        var options = new RemindersOptions { EscalateAfterDays = 28 };
        var deadline = new DateOnly(2016, 12, 1);

        Assert.False(ActionRules.Assess(Action(deadline), deadline.AddDays(28), options).Escalated(options));
        Assert.True(ActionRules.Assess(Action(deadline), deadline.AddDays(29), options).Escalated(options));
    }

    [Fact]
    public void Assess_CompleteWithDeadlineAhead_NotDueSoon()
    {
        var asOf = new DateOnly(2017, 1, 16);

        var a = ActionRules.Assess(Action(asOf.AddDays(10), complete: true), asOf, Options);

        Assert.False(a.DueSoon);
        Assert.True(ActionRules.Assess(Action(asOf.AddDays(10)), asOf, Options).DueSoon); // the same action, open
    }

    [Fact]
    public void Escalated_NotOverdue_NeverEscalates()
    {
        // Escalation needs the action to be overdue, whatever the setting: at the lowest setting an action due today still waits.
        var options = new RemindersOptions { EscalateAfterDays = 1 };
        var asOf = new DateOnly(2017, 1, 16);

        Assert.False(ActionRules.Assess(Action(asOf), asOf, options).Escalated(options));
        Assert.False(ActionRules.Assess(Action(new DateOnly(2016, 1, 1), complete: true), asOf, options).Escalated(options));
        Assert.True(ActionRules.Assess(Action(new DateOnly(2016, 1, 1)), asOf, options).Escalated(options));
    }

    [Theory]
    [InlineData(DriftKind.RagWorsened, true)]
    [InlineData(DriftKind.DeadlineSlipped, true)]
    [InlineData(DriftKind.Reopened, true)]
    [InlineData(DriftKind.RagImproved, false)]
    [InlineData(DriftKind.DeadlineBroughtForward, false)]
    [InlineData(DriftKind.Completed, false)]
    [InlineData(DriftKind.Added, false)]
    public void WorseningDrift_EachKind_OnlyWhatALeadMustActOn(DriftKind kind, bool worsening)
    {
        var change = new DriftChange(kind);
        var others = new[] { DriftChange.Rating(Rag.Red, Rag.Amber), new DriftChange(DriftKind.Added) };

        var a = ActionRules.Assess(Action(null), new DateOnly(2017, 1, 16), Options, [.. others, change]);

        Assert.Equal(worsening ? [change] : [], a.WorseningDrift.ToList());
        Assert.Equal(3, a.Drift.Count);
    }
}
