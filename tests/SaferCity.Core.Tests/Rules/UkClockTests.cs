using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Rules;

public class UkClockTests
{
    [Theory]
    [InlineData("2017-01-15", "2017-W02")] // Sunday
    [InlineData("2017-01-16", "2017-W03")] // Monday
    [InlineData("2017-01-01", "2016-W52")] // a Sunday in the last ISO week of 2016
    [InlineData("2015-12-31", "2015-W53")]
    [InlineData("2017-03-26", "2017-W12")] // the Sunday the clocks go forward
    [InlineData("2017-03-27", "2017-W13")]
    [InlineData("2017-10-29", "2017-W43")] // the Sunday the clocks go back
    public void IsoWeek_UkDate_GivesIsoWeek(string day, string week) =>
        Assert.Equal(week, UkClock.IsoWeek(DateOnly.Parse(day)));

    [Theory]
    [InlineData("2017-01-16T07:00:00Z", "2017-01-16")]
    [InlineData("2017-03-26T23:30:00Z", "2017-03-27")] // 00:30 BST on Monday
    [InlineData("2017-10-29T23:30:00Z", "2017-10-29")] // 23:30 GMT, still Sunday
    [InlineData("2017-01-15T23:59:00Z", "2017-01-15")]
    public void Today_InjectedClock_IsTheUkDate(string utc, string expected)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc));

        Assert.Equal(DateOnly.Parse(expected), UkClock.Today(time));
    }

    [Fact]
    public void At_SummerAndWinter_AppliesTheUkOffset()
    {
        Assert.Equal(TimeSpan.Zero, UkClock.At(new DateOnly(2017, 1, 16), new TimeOnly(7, 0)).Offset);
        Assert.Equal(TimeSpan.FromHours(1), UkClock.At(new DateOnly(2017, 6, 5), new TimeOnly(7, 0)).Offset);
    }
}
