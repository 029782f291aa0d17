using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

/// <summary>The GOV.UK date input read on the server: all three parts or none, and each error names its part.</summary>
public sealed class DateInputTests
{
    [Theory]
    [InlineData("31", "3", "2017", "2017-03-31")]
    [InlineData("1", "03", "2017", "2017-03-01")]
    [InlineData("29", "feb", "2016", "2016-02-29")]
    [InlineData("9", "September", "2017", "2017-09-09")]
    public void Read_AllThreeParts_GivesTheDate(string day, string month, string year, string expected) =>
        Assert.Equal((expected, null), DateInput.Read("deadline", "Deadline", new DateParts(day, month, year)));

    [Fact]
    public void Read_NoneOfThem_IsNoDate() => Assert.Equal((null, null), DateInput.Read("deadline", "Deadline", DateParts.Empty));

    [Theory]
    [InlineData("", "3", "2017", "day", "Deadline must include a day")]
    [InlineData("31", "", "2017", "month", "Deadline must include a month")]
    [InlineData("", "", "2017", "day", "Deadline must include a day and month")]
    [InlineData("32", "3", "2017", "day", "Deadline day must be a number from 1 to 31")]
    [InlineData("x", "3", "2017", "day", "Deadline day must be a number from 1 to 31")]
    [InlineData("31", "0", "2017", "month", "Deadline month must be a number from 1 to 12, or the month\u2019s name")]
    [InlineData("31", "3", "70331", "year", "Deadline year must include 4 numbers, for example 2017")]
    [InlineData("31", "3", "1999", "year", "Deadline year must be between 2000 and 2100")]
    [InlineData("31", "4", "2017", "day", "Deadline must be a real date: April 2017 has 30 days")]
    [InlineData("29", "2", "2017", "day", "Deadline must be a real date: February 2017 has 28 days")]
    public void Read_PartFilledOrImpossible_NamesThePart(string day, string month, string year, string part, string message)
    {
        var (iso, error) = DateInput.Read("deadline", "Deadline", new DateParts(day, month, year));

        Assert.Null(iso);
        Assert.Equal((part, $"deadline-{part}", message), (error!.Parts[0], error.FirstField, error.Message));
    }
}
