using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// The site's time zone as SharePoint keeps it: in the site's regional settings, readable through SharePoint's REST API
/// (<c>{site}/_api/web/RegionalSettings/TimeZone</c>), and used to store every date-only value as the UTC instant of local
/// midnight. A written instant is turned into the site's local time and cut to its day, so <c>2016-12-31T00:00:00Z</c> is
/// 30 December on a site west of Greenwich.
/// </summary>
public sealed partial class GraphEmulator
{
    /// <summary>A zone as SharePoint names it in a site's regional settings.</summary>
    public sealed record RegionalZone(int Id, string Description, string Iana)
    {
        public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(Iana);
    }

    public static readonly RegionalZone London = new(2, "(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/London");
    public static readonly RegionalZone Pacific = new(13, "(UTC-08:00) Pacific Time (US and Canada)", "America/Los_Angeles");
    public static readonly RegionalZone Sydney = new(76, "(UTC+10:00) Canberra, Melbourne, Sydney", "Australia/Sydney");

    /// <summary>The site's regional settings time zone (London unless a test says otherwise).</summary>
    public RegionalZone SiteZone { get; set; } = London;

    /// <summary>The app's token is for Graph only, so SharePoint's REST API answers 401, as it does for a Graph-scoped token.</summary>
    public bool RegionalSettingsUnauthorized { get; set; }

    /// <summary>A date-only column (<c>dateTime.format = dateOnly</c>), as an admin or <c>provision</c> makes it.</summary>
    public static JsonObject DateColumn(string name, string? displayName = null) =>
        Column(name, displayName, "dateTime", new JsonObject { ["format"] = "dateOnly", ["displayAs"] = "default" });

    // GET /sites/scp/_api/web/RegionalSettings/TimeZone (SharePoint's REST API, on the tenant's host)
    private async Task<bool> TryRegionalSettingsAsync(HttpContext context, string path)
    {
        var route = $"{new Uri(SiteUrl).AbsolutePath}/_api/web/RegionalSettings/TimeZone";
        if (!path.Equals(route, StringComparison.OrdinalIgnoreCase)) return false;
        if (RegionalSettingsUnauthorized)
        {
            context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
            await context.Response.WriteAsync("{\"error_description\":\"Invalid audience Uri 'https://graph.microsoft.com'.\"}");
            return true;
        }
        var zone = SiteZone.Zone;
        await JsonAsync(context, HttpStatusCode.OK, new JsonObject
        {
            ["Description"] = SiteZone.Description,
            ["Id"] = SiteZone.Id,
            ["Information"] = new JsonObject
            {
                ["Bias"] = (int)-zone.BaseUtcOffset.TotalMinutes,
                ["DaylightBias"] = zone.SupportsDaylightSavingTime ? -60 : 0,
                ["StandardBias"] = 0,
            },
        });
        return true;
    }

    /// <summary>Each value written to a date-only column stored as SharePoint stores it: the site's local midnight of its local day.</summary>
    private void StoreDates(EmulatedList list, JsonObject fields)
    {
        var zone = SiteZone.Zone;
        foreach (var (key, value) in fields.ToList())
        {
            var column = list.Columns.OfType<JsonObject>().FirstOrDefault(c => Same(c, key));
            if (column?["dateTime"]?["format"]?.GetValue<string>() != "dateOnly") continue;
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text) ||
                !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) continue;
            var localDay = TimeZoneInfo.ConvertTime(instant, zone).Date;
            var midnight = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localDay, DateTimeKind.Unspecified), zone);
            fields[key] = midnight.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }
}
