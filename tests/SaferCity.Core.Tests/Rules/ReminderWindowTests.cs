using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Rules;

public sealed class ReminderWindowTests
{
    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void IsDue_WinterMonday0700Utc_True() => Assert.True(ReminderWindow.IsDue(Utc(2017, 1, 16, 7)));

    [Fact]
    public void IsDue_WinterMonday0600Utc_False() => Assert.False(ReminderWindow.IsDue(Utc(2017, 1, 16, 6)));

    [Fact]
    public void IsDue_SummerMonday0600Utc_True() => Assert.True(ReminderWindow.IsDue(Utc(2017, 7, 17, 6)));

    [Fact]
    public void IsDue_SummerMonday0700Utc_False() => Assert.False(ReminderWindow.IsDue(Utc(2017, 7, 17, 7)));

    // Clocks went forward on Sunday 26 March 2017: the next morning is already summer time.
    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void IsDue_MondayAfterClocksGoForward_SummerRule(int utcHour, bool due) =>
        Assert.Equal(due, ReminderWindow.IsDue(Utc(2017, 3, 27, utcHour)));

    // Clocks went back on Sunday 29 October 2017: the next morning is winter time again.
    [Theory]
    [InlineData(6, false)]
    [InlineData(7, true)]
    public void IsDue_MondayAfterClocksGoBack_WinterRule(int utcHour, bool due) =>
        Assert.Equal(due, ReminderWindow.IsDue(Utc(2017, 10, 30, utcHour)));

    [Fact]
    public void IsDue_RetryMinutesLaterInTheSameHour_True() => Assert.True(ReminderWindow.IsDue(Utc(2017, 1, 16, 7, 10)));

    [Fact]
    public void IsDue_Tuesday0700Uk_False() => Assert.False(ReminderWindow.IsDue(Utc(2017, 1, 17, 7)));

    // Late Sunday UTC is never Monday 07:00 in London, whatever the offset.
    [Fact]
    public void IsDue_SundayEveningUtc_False() => Assert.False(ReminderWindow.IsDue(Utc(2017, 1, 15, 23)));

    // The daily trigger: Monday's 07:00 UK hour sends the week, the same hour on other days catches up, other hours nothing.
    [Theory]
    [InlineData(2017, 1, 16, 7, ReminderTrigger.Weekly)]   // winter Monday 07:00 UTC = 07:00 UK
    [InlineData(2017, 1, 17, 7, ReminderTrigger.CatchUp)]  // winter Tuesday
    [InlineData(2017, 1, 22, 7, ReminderTrigger.CatchUp)]  // Sunday: still the same ISO week
    [InlineData(2017, 1, 17, 6, ReminderTrigger.None)]     // winter 06:00 UTC = 06:00 UK
    [InlineData(2017, 7, 18, 6, ReminderTrigger.CatchUp)]  // summer Tuesday 06:00 UTC = 07:00 UK
    [InlineData(2017, 7, 18, 7, ReminderTrigger.None)]     // summer 07:00 UTC = 08:00 UK
    public void Classify_DailyTrigger_MondaySendsTheWeekOtherDaysCatchUp(int year, int month, int day, int utcHour, ReminderTrigger expected) =>
        Assert.Equal(expected, ReminderWindow.Classify(Utc(year, month, day, utcHour)));
}
