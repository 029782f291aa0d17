using System.Globalization;

namespace SaferCity.Core.Reading;

/// <summary>
/// A SharePoint date-only value is the UTC instant of midnight in the SITE's time zone: 31 March 2017 on a London site
/// (BST) is <c>2017-03-30T23:00:00Z</c>, on a Pacific site <c>2017-03-31T07:00:00Z</c>. A value written as an instant is
/// turned into the site's local time and cut to its day, so <c>…T00:00:00Z</c> lands a day early west of Greenwich.
/// Reading and writing through the site's zone keeps every deadline's calendar day.
/// </summary>
public static class SiteDates
{
    /// <summary>The site's calendar day of a Date column's instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, zone).DateTime);

    /// <summary>The instant of the day's first local moment on the site (midnight, or the end of a gap at midnight).</summary>
    public static DateTimeOffset MidnightOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // Where clocks go forward at midnight (Santiago, Havana …) the day starts at 01:00.
        while (zone.IsInvalidTime(local)) local = local.AddMinutes(30);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The value to send for a day: the instant as SharePoint stores it (<c>yyyy-MM-ddTHH:mm:ssZ</c>).</summary>
    public static string Wire(DateOnly day, TimeZoneInfo zone) =>
        MidnightOf(day, zone).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// A Date column's value as read: an instant becomes the site's day (<c>yyyy-MM-dd</c>), so nothing downstream has to
    /// know the site's zone. Anything else is left as it is, for the parser to report.
    /// </summary>
    public static object? Read(object? value, TimeZoneInfo zone) =>
        value is string text && text.Length > 10 && text[10] == 'T' &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? DateOf(instant, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : value;

    /// <summary>
    /// A deadline to write into a Date column: a day (<c>yyyy-MM-dd</c>, or that day's <c>T00:00:00Z</c> as the plan and
    /// the form write it) becomes the site's midnight. Anything else is sent as it is.
    /// </summary>
    public static string Write(string value, TimeZoneInfo zone)
    {
        if (value.Length < 10 || !DateOnly.TryParseExact(value[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return value;
        return value[10..] is "" or "T00:00:00Z" or "T00:00:00" ? Wire(day, zone) : value;
    }

    /// <summary>
    /// SharePoint's own time zone ids (<c>_api/web/RegionalSettings/TimeZone</c> → <c>Id</c>) for the zones a UK partnership's
    /// site is likely to be set to, as IANA ids; null for any other, which the caller refuses rather than guess.
    /// </summary>
    public static TimeZoneInfo? FromSharePointId(int id) => SharePointZones.TryGetValue(id, out var iana)
        ? TimeZoneInfo.FindSystemTimeZoneById(iana)
        : null;

    private static readonly Dictionary<int, string> SharePointZones = new()
    {
        [2] = "Europe/London", [3] = "Europe/Paris", [4] = "Europe/Berlin", [5] = "Europe/Bucharest", [6] = "Europe/Budapest",
        [10] = "America/New_York", [11] = "America/Chicago", [12] = "America/Denver", [13] = "America/Los_Angeles",
        [15] = "Pacific/Honolulu", [17] = "Pacific/Auckland", [20] = "Asia/Tokyo", [21] = "Asia/Singapore", [23] = "Asia/Kolkata",
        [24] = "Asia/Dubai", [31] = "Africa/Monrovia", [45] = "Asia/Shanghai", [57] = "Europe/Warsaw", [59] = "Europe/Helsinki",
        [76] = "Australia/Sydney", [93] = "Etc/UTC",
    };
}
