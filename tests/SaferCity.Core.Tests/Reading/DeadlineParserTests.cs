using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

public class DeadlineParserTests
{
    [Theory]
    [InlineData("December 2016", "2016-12-31")]
    [InlineData("Dec 2016", "2016-12-31")]
    [InlineData("dec 2016", "2016-12-31")]
    [InlineData("Sept 2016", "2016-09-30")]
    [InlineData("31/12/2016", "2016-12-31")]
    [InlineData("1/2/2017", "2017-02-01")]
    [InlineData("2016-12", "2016-12-31")]
    [InlineData("2016-12-15", "2016-12-15")]
    [InlineData("  November 2015 ", "2015-11-30")]
    [InlineData("End of March 2017", "2017-03-31")]
    public void Parse_TextShapes_MonthMeansItsLastDay(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DeadlineParser.Parse(text));

    [Theory]
    [InlineData("February 2016", "2016-02-29")]
    [InlineData("2016-02", "2016-02-29")]
    [InlineData("February 2017", "2017-02-28")]
    [InlineData("29/02/2016", "2016-02-29")]
    public void Parse_February_HonoursLeapYears(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DeadlineParser.Parse(text));

    [Theory]
    [InlineData("2016-12-31T00:00:00Z", "2016-12-31")]
    [InlineData("2016-09-29T23:00:00Z", "2016-09-30")] // a UK date in summer is stored as 23:00 UTC the day before
    [InlineData("2017-03-25T00:00:00Z", "2017-03-25")]
    [InlineData("2017-03-26T23:00:00Z", "2017-03-27")] // first day of BST
    [InlineData("2016-12-31T00:00:00+00:00", "2016-12-31")]
    public void Parse_DateColumn_GivesTheUkDate(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DeadlineParser.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("TBC")]
    [InlineData("Ongoing")]
    [InlineData("31/02/2017")]
    [InlineData("2016-13")]
    [InlineData("Smarch 2017")]
    [InlineData("Ma 2017")]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    [InlineData("31/12/0201")]
    [InlineData("December 20177")]
    public void Parse_Unreadable_ReturnsNull(string text) => Assert.Null(DeadlineParser.Parse(text));
}
