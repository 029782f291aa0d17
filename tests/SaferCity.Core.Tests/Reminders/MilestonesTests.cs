using System.ComponentModel.DataAnnotations;
using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>Reminders at milestones: met by the first weekly digest on or after the milestone's day.</summary>
public sealed class MilestonesTests
{
    private static readonly RemindersOptions Defaults = new();

    private static Assessment Action(DateOnly deadline, DateOnly asOf, DateOnly? lastUpdated = null, RemindersOptions? options = null)
    {
        var action = new TrackerAction
        {
            ItemId = "1", Number = "3.4", Theme = "3. Theme", Text = "Test purchasing", Deadline = deadline,
            LeadNames = ["Trading Standards"], Leads = ["Trading Standards"], Rag = Rag.Green, Comments = "",
        };
        var a = ActionRules.Assess(action, asOf, options ?? Defaults);
        return ActionRules.WithLastUpdate(a, lastUpdated ?? asOf, asOf, (options ?? Defaults).StaleAfterDays);
    }

    private static readonly DateOnly Deadline = new(2017, 1, 31); // a Tuesday

    [Theory]
    [InlineData("2017-01-16", null)]                // 15 days before: between milestones
    [InlineData("2017-01-23", "due in 14 days")]   // the 14-day milestone (17 January) is met by the next Monday
    [InlineData("2017-01-30", "due in 1 day")]     // 7 (24 January) and 1 (30 January) fall in one week: the later is said
    [InlineData("2017-02-06", "overdue 1 day")]
    [InlineData("2017-02-13", null)]
    [InlineData("2017-02-20", "overdue 14 days")]
    [InlineData("2017-02-27", null)]
    [InlineData("2017-03-06", "overdue 28 days")]
    [InlineData("2017-03-13", null)]
    [InlineData("2017-04-03", "overdue 56 days")]  // after the last configured one, every 28 days
    [InlineData("2017-05-01", "overdue 84 days")]
    public void Reached_WeeklyDigests_MeetEachMilestoneOnce(string monday, string? expected)
    {
        var asOf = DateOnly.Parse(monday);

        Assert.Equal(expected, Milestones.Reached(Action(Deadline, asOf), asOf, Defaults));
    }

    [Fact]
    public void Reached_LaterRunInTheSameWeek_SameMilestonesAsMonday()
    {
        var thursday = new DateOnly(2017, 2, 23);

        Assert.Equal("overdue 14 days", Milestones.Reached(Action(Deadline, thursday), thursday, Defaults));
    }

    [Fact]
    public void Reached_OverdueAndStale_FollowsTheOverdueMilestonesAlone()
    {
        var asOf = new DateOnly(2017, 2, 27); // 27 days overdue, between milestones
        var stale = Action(Deadline, asOf, lastUpdated: new DateOnly(2017, 1, 13)); // first flagged 25 February

        Assert.True(stale.Stale);
        Assert.Null(Milestones.Reached(stale, asOf, Defaults));
    }

    [Theory]
    [InlineData("2017-02-27", true)]   // first flagged on Saturday 25 February
    [InlineData("2017-03-06", false)]
    [InlineData("2017-03-27", true)]   // 28 days after it was first flagged
    public void Reached_StaleNotDue_WhenFirstFlaggedThenEvery28Days(string monday, bool expected)
    {
        var asOf = DateOnly.Parse(monday);
        var a = Action(new DateOnly(2017, 12, 31), asOf, lastUpdated: new DateOnly(2017, 1, 13));

        Assert.Equal(expected ? "needs an update" : null, Milestones.Reached(a, asOf, Defaults));
    }

    [Fact]
    public void EscalatedOn_PassedTheThreshold_TheFirstWeeklySummaryOnOrAfter()
    {
        // 28 days overdue on 28 February; escalated (more than 28) from 1 March; the summary of Monday 6 March says so.
        foreach (var monday in new[] { new DateOnly(2017, 3, 6), new DateOnly(2017, 3, 20) })
            Assert.Equal(new DateOnly(2017, 3, 6), Milestones.EscalatedOn(Action(Deadline, monday), monday, Defaults));
        Assert.True(Milestones.EscalatedThisWeek(Action(Deadline, new DateOnly(2017, 3, 6)), new DateOnly(2017, 3, 6), Defaults));
        Assert.False(Milestones.EscalatedThisWeek(Action(Deadline, new DateOnly(2017, 3, 13)), new DateOnly(2017, 3, 13), Defaults));
        Assert.Null(Milestones.EscalatedOn(Action(Deadline, new DateOnly(2017, 2, 27)), new DateOnly(2017, 2, 27), Defaults));
    }

    [Fact]
    public void Reached_CustomMilestones_Read()
    {
        var options = new RemindersOptions { DueSoonMilestones = "3", OverdueMilestones = "7" };
        var asOf = new DateOnly(2017, 1, 30);

        Assert.Equal("due in 3 days", Milestones.Reached(Action(new DateOnly(2017, 2, 2), asOf, options: options), asOf, options));
        Assert.Null(Milestones.Reached(Action(new DateOnly(2017, 2, 13), asOf, options: options), asOf, options));
    }

    [Theory]
    [InlineData("14,7,1", "1,14,28", true)]
    [InlineData("14, 7, 1", " 7 ", true)]
    [InlineData("", "1,14,28", true)]            // no due-soon reminders at all
    [InlineData("14,seven", "1,14,28", false)]
    [InlineData("-1", "1,14,28", false)]
    [InlineData("14,7,1", "", false)]            // overdue actions must reach their lead
    [InlineData("14,7,1", "0,14", false)]
    [InlineData("14,7,1", "1,30", false)]        // 29 days without a reminder
    [InlineData("14,7,1", "29", false)]
    public void Validate_Milestones_WholeDaysAndNoOverdueGapOver28(string dueSoon, string overdue, bool valid)
    {
        var options = new RemindersOptions { DueSoonMilestones = dueSoon, OverdueMilestones = overdue };
        var results = new List<ValidationResult>();

        var ok = Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);

        Assert.Equal(valid, ok);
        if (!valid) Assert.Contains(results, r => r.ErrorMessage!.Contains("Milestones", StringComparison.Ordinal));
    }
}
