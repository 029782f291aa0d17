using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>The milestone days are parsed once per value of their setting, and again when the setting changes.</summary>
public sealed class MilestoneDaysTests
{
    [Fact]
    public void OverdueMilestoneDays_SettingChangedAfterRead_GivesTheNewDays()
    {
        var options = new RemindersOptions { OverdueMilestones = "1,14,28" };
        Assert.Equal([1, 14, 28], options.OverdueMilestoneDays);

        options.OverdueMilestones = "28, 7,7";

        Assert.Equal([7, 28], options.OverdueMilestoneDays);
    }

    [Fact]
    public void DueSoonMilestoneDays_SettingChangedAfterRead_GivesTheNewDays()
    {
        var options = new RemindersOptions { DueSoonMilestones = "14,7,1" };
        Assert.Equal([1, 7, 14], options.DueSoonMilestoneDays);

        options.DueSoonMilestones = "x";

        Assert.Empty(options.DueSoonMilestoneDays);
        options.DueSoonMilestones = "3";
        Assert.Equal([3], options.DueSoonMilestoneDays);
    }

    [Fact]
    public void OverdueMilestoneDays_ReadTwice_IsTheSameParsedList()
    {
        var options = new RemindersOptions();

        Assert.Same(options.OverdueMilestoneDays, options.OverdueMilestoneDays);
    }
}
