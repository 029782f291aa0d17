using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>
/// Date-only values as SharePoint stores them: the UTC instant of midnight in the site's time zone, across the
/// clock changes of a London site and on sites elsewhere.
/// </summary>
public sealed class SiteDatesTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById("America/Los_Angeles");
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    [Theory]
    [InlineData("2017-03-30T23:00:00Z", "2017-03-31")] // BST: midnight is 23:00 UTC the day before
    [InlineData("2016-12-31T00:00:00Z", "2016-12-31")] // GMT
    [InlineData("2017-03-26T00:00:00Z", "2017-03-26")] // clocks go forward at 01:00: that midnight is still GMT
    [InlineData("2017-03-26T23:00:00Z", "2017-03-27")] // the first BST midnight
    [InlineData("2017-10-28T23:00:00Z", "2017-10-29")] // clocks go back at 02:00: that midnight is still BST
    [InlineData("2017-10-30T00:00:00Z", "2017-10-30")] // the first GMT midnight
    public void Read_LondonSiteAcrossClockChanges_GivesTheSitesDay(string stored, string day) =>
        Assert.Equal(day, SiteDates.Read(stored, London));

    [Theory]
    [InlineData("2017-03-26", "2017-03-26T00:00:00Z")]
    [InlineData("2017-03-27", "2017-03-26T23:00:00Z")]
    [InlineData("2017-10-29", "2017-10-28T23:00:00Z")]
    [InlineData("2017-10-30", "2017-10-30T00:00:00Z")]
    [InlineData("2017-03-31T00:00:00Z", "2017-03-30T23:00:00Z")] // a day as the plan writes it
    public void Write_LondonSiteAcrossClockChanges_SendsTheSitesMidnight(string day, string sent) =>
        Assert.Equal(sent, SiteDates.Write(day, London));

    [Theory]
    [InlineData("America/Los_Angeles", "2016-12-31", "2016-12-31T08:00:00Z")]
    [InlineData("America/Los_Angeles", "2017-06-30", "2017-06-30T07:00:00Z")]
    [InlineData("Australia/Sydney", "2016-12-31", "2016-12-30T13:00:00Z")]
    [InlineData("Australia/Sydney", "2017-06-30", "2017-06-29T14:00:00Z")]
    public void Write_SiteElsewhere_SendsThatSitesMidnightAndReadsTheSameDayBack(string zoneId, string day, string sent)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        Assert.Equal(sent, SiteDates.Write(day, zone));
        Assert.Equal(day, SiteDates.Read(sent, zone));
    }

    [Fact]
    public void Read_PacificMidnightAsLondonWouldReadIt_IsTheDayItWasMeantToBe()
    {
        // 31 December on a Pacific site; read as London time it would be 31 December 08:00, the same day, but
        // 30 June on a Sydney site is 29 June 15:00 in London: a day early without the site's zone.
        Assert.Equal("2017-06-30", SiteDates.Read("2017-06-29T14:00:00Z", Sydney));
        Assert.Equal("2016-12-31", SiteDates.Read("2016-12-31T08:00:00Z", Pacific));
    }

    [Theory]
    [InlineData("December 2016")]
    [InlineData("31/12/2016")]
    [InlineData("2016-12-31T09:30:00Z-ish")]
    public void Write_TextThatIsNotADay_SentAsItIs(string text) => Assert.Equal(text, SiteDates.Write(text, London));

    [Fact]
    public void Read_TextOrNull_LeftForTheParser()
    {
        Assert.Equal("December 2016", SiteDates.Read("December 2016", London));
        Assert.Null(SiteDates.Read(null, London));
    }

    [Fact]
    public void MidnightOf_ZoneWhoseClocksGoForwardAtMidnight_IsTheDaysFirstMoment()
    {
        // Santiago moved its clocks from 00:00 to 01:00 on 14 August 2016: that day began at 01:00 local, 04:00 UTC.
        var santiago = TimeZoneInfo.FindSystemTimeZoneById("America/Santiago");
        Assert.Equal(new DateTimeOffset(2016, 8, 14, 4, 0, 0, TimeSpan.Zero), SiteDates.MidnightOf(new DateOnly(2016, 8, 14), santiago));
    }

    [Theory]
    [InlineData(2, "Europe/London")]
    [InlineData(13, "America/Los_Angeles")]
    [InlineData(76, "Australia/Sydney")]
    public void FromSharePointId_KnownZone_IsThatZone(int id, string iana) =>
        Assert.Equal(TimeZoneInfo.FindSystemTimeZoneById(iana).BaseUtcOffset, SiteDates.FromSharePointId(id)!.BaseUtcOffset);

    [Fact]
    public void FromSharePointId_UnknownZone_IsNull() => Assert.Null(SiteDates.FromSharePointId(999));
}
