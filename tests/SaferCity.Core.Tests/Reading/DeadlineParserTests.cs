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
    [InlineData("31 April 2017")]
    [InlineData("29 February 2017")]
    [InlineData("0 March 2017")]
    [InlineData("32 March 2017")]
    public void Parse_Unreadable_ReturnsNull(string text) => Assert.Null(DeadlineParser.Parse(text));

    [Theory]
    [InlineData("2016-12-31 00:00:00Z", "2016-12-31")]                   // a space for the T
    [InlineData("2016-09-29 23:00:00+00:00", "2016-09-30")]
    [InlineData("1900-01-01T12:00:00Z", "1900-01-01")]                   // the first and last years taken
    [InlineData("2200-06-01T00:00:00Z", "2200-06-01")]
    [InlineData("1/1/1900", "1900-01-01")]
    [InlineData("31/12/2200", "2200-12-31")]
    [InlineData("1900-01", "1900-01-31")]
    [InlineData("2200-1", "2200-01-31")]
    [InlineData("January 1900", "1900-01-31")]
    [InlineData("Dec 2200", "2200-12-31")]
    [InlineData("1 January 1900", "1900-01-01")]
    [InlineData("31 Dec 2200", "2200-12-31")]
    [InlineData("1.3.2017", "2017-03-01")]
    [InlineData("5 March 2017", "2017-03-05")]
    [InlineData("5 Mar 2017", "2017-03-05")]
    [InlineData("Sep. 2016", "2016-09-30")]
    [InlineData("SEPT. 2016", "2016-09-30")]
    [InlineData("jan 2017", "2017-01-31")]
    [InlineData("May 2017", "2017-05-31")]
    [InlineData("April 2017", "2017-04-30")]
    [InlineData("Apr 2017", "2017-04-30")]
    [InlineData("30 Sept 2017", "2017-09-30")]                           // the UK's own short form
    [InlineData("30 Sep 2017", "2017-09-30")]
    [InlineData("31st March 2017", "2017-03-31")]
    [InlineData("1st Sept. 2017", "2017-09-01")]
    [InlineData("05 March 2017", "2017-03-05")]
    [InlineData("end March, 2017", "2017-03-31")]
    public void Parse_EdgeShapesAndYears_Read(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DeadlineParser.Parse(text));

    [Theory]
    [InlineData("1899-12-31T12:00:00Z")]                                // just outside the years taken, in every shape
    [InlineData("2201-01-01T12:00:00Z")]
    [InlineData("31/12/1899")]
    [InlineData("1/1/2201")]
    [InlineData("1899-12")]
    [InlineData("2201-01")]
    [InlineData("December 1899")]
    [InlineData("January 2201")]
    [InlineData("31 December 1899")]
    [InlineData("1 Jan 2201")]
    [InlineData("2017-00")]
    [InlineData("2016-12-31X00:00:00Z")]                                // not a date column's shape
    [InlineData("2016/12/31T00:00:00Z")]
    [InlineData("2016-12/31T00:00:00Z")]
    [InlineData("Marc 2017")]                                           // four letters: a whole month name or nothing
    [InlineData("Mar.. 2017")]
    [InlineData("Ju 2017")]
    [InlineData("Sepember 2017")]
    public void Parse_OutsideTheYearsOrNotADeadline_ReturnsNull(string text) => Assert.Null(DeadlineParser.Parse(text));
}

public sealed class DeadlineShapesAsTypedTests
{
    [Theory]
    [InlineData("Q1 2016/17", "2016-06-30")]
    [InlineData("Q2 2016/17", "2016-09-30")]
    [InlineData("Q3 2016/17", "2016-12-31")]   // the UK financial year runs April to March
    [InlineData("Q4 2016/17", "2017-03-31")]
    [InlineData("q4 2016-17", "2017-03-31")]
    [InlineData("Q3 16/17", "2016-12-31")]
    [InlineData("31.01.17", "2017-01-31")]
    [InlineData("31/01/17", "2017-01-31")]
    [InlineData("Jan-17", "2017-01-31")]
    [InlineData("Mar-2017", "2017-03-31")]
    [InlineData("End of March 2017", "2017-03-31")]
    [InlineData("w/c 6 March 2017", "2017-03-12")]  // late once that week is over
    [InlineData("W/C 06/03/2017", "2017-03-12")]
    public void Parse_AsPeopleTypeThem_Read(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), DeadlineParser.Parse(text));

    [Theory]
    [InlineData("Q3 2016/18")]   // not one financial year
    [InlineData("Q5 2016/17")]
    [InlineData("Q2 2017")]      // calendar or financial: nobody can tell
    [InlineData("w/c March 2017")]
    public void Parse_AmbiguousShapes_ReturnsNull(string text) => Assert.Null(DeadlineParser.Parse(text));

    [Theory]
    [InlineData("Ongoing", true)]
    [InlineData("TBC", true)]
    [InlineData("N/A", true)]
    [InlineData("tbc.", true)]
    [InlineData("Soon", false)]
    [InlineData("March 2017", false)]
    public void IsNoDeadline_WordsMeaningNoDate(string text, bool expected) => Assert.Equal(expected, DeadlineParser.IsNoDeadline(text));
}
