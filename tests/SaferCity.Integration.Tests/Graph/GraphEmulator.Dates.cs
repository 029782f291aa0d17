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
    public bool SharePointApiUnauthorized { get; set; }

    /// <summary>A date-only column (<c>dateTime.format = dateOnly</c>), as an admin or <c>provision</c> makes it.</summary>
    public static JsonObject DateColumn(string name, string? displayName = null) =>
        Column(name, displayName, "dateTime", new JsonObject { ["format"] = "dateOnly", ["displayAs"] = "default" });

    /// <summary>The signed-in identity may only read items (no add, edit or list creation).</summary>
    public bool ReadOnlyAccess { get; set; }

    // SharePoint's REST API on the tenant's host: GET /sites/scp/_api/web/RegionalSettings/TimeZone and
    // GET /sites/scp/_api/web/lists/GetByTitle('…')/EffectiveBasePermissions
    private async Task<bool> TrySharePointApiAsync(HttpContext context, string path)
    {
        var api = $"{new Uri(SiteUrl).AbsolutePath}/_api/";
        if (!path.StartsWith(api, StringComparison.OrdinalIgnoreCase)) return false;
        if (SharePointApiUnauthorized)
        {
            context.Response.StatusCode = (int)HttpStatusCode.Unauthorized;
            await context.Response.WriteAsync("{\"error_description\":\"Invalid audience Uri 'https://graph.microsoft.com'.\"}");
            return true;
        }
        var rest = Uri.UnescapeDataString(path[api.Length..]);
        if (rest.Equals("web/RegionalSettings/TimeZone", StringComparison.OrdinalIgnoreCase)) await TimeZoneAsync(context);
        else if (ListPermissions().Match(rest) is { Success: true } match)
            await PermissionsAsync(context, match.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal));
        else await ErrorAsync(context, HttpStatusCode.NotFound, "notFound", $"No route for {path}.");
        return true;
    }

    // SP.BasePermissions: a bit per SP.PermissionKind (ViewListItems 1, AddListItems 2, EditListItems 3, DeleteListItems 4, ManageLists 12).
    private Task PermissionsAsync(HttpContext context, string title)
    {
        if (FindList(title) is null)
            return ErrorAsync(context, HttpStatusCode.NotFound, "notFound", $"List '{title}' does not exist at site with URL '{SiteUrl}'.");
        var low = ReadOnlyAccess ? 0x1L : SitesSelectedWrite ? 0xFL : 0xFFFFFFFFL;
        return JsonAsync(context, HttpStatusCode.OK, new JsonObject { ["High"] = "0", ["Low"] = low.ToString(CultureInfo.InvariantCulture) });
    }

    private Task TimeZoneAsync(HttpContext context)
    {
        var zone = SiteZone.Zone;
        return JsonAsync(context, HttpStatusCode.OK, new JsonObject
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
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^web/lists/GetByTitle\('((?:[^']|'')*)'\)/EffectiveBasePermissions$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ListPermissions();

    /// <summary>
    /// A multi-choice value Graph refuses: a plain string (microsoft-graph-docs-contrib#7825: "An unspecified error has
    /// occurred"), or an array without its <c>@odata.type</c> annotation (microsoft-graph-docs#2991), or a choice the
    /// column does not have; null when every multi-choice value is well formed.
    /// </summary>
    private static string? InvalidShape(EmulatedList list, JsonObject fields)
    {
        foreach (var (key, value) in fields)
        {
            var column = list.Columns.OfType<JsonObject>().FirstOrDefault(c => Same(c, key));
            if (column?["choice"] is not JsonObject { } choice || choice["displayAs"]?.GetValue<string>() != "checkBoxes" || value is null) continue;
            if (value is not JsonArray values) return "An unspecified error has occurred.";
            if (fields[$"{key}@odata.type"]?.GetValue<string>() != "Collection(Edm.String)")
                return "A value without a type name was found and no expected type is available.";
            var choices = choice["choices"]?.AsArray().Select(c => c!.GetValue<string>()).ToHashSet() ?? [];
            if (choice["allowTextEntry"]?.GetValue<bool>() == false
                && values.Select(v => v!.GetValue<string>()).FirstOrDefault(v => !choices.Contains(v)) is { } other)
                return $"The value '{other}' is not one of the choices of the column '{key}'.";
        }
        return null;
    }

    /// <summary>
    /// Values as SharePoint keeps them: a date-only value as the site's local midnight of its local day; null sent to a Date
    /// or multi-line field leaves it as it was (msgraph-sdk-powershell#2724), "" clears it; type annotations are not stored.
    /// </summary>
    private void StoreDates(EmulatedList list, JsonObject fields)
    {
        var zone = SiteZone.Zone;
        foreach (var (key, value) in fields.ToList())
        {
            if (key.Contains('@', StringComparison.Ordinal))
            {
                fields.Remove(key);
                continue;
            }
            var column = list.Columns.OfType<JsonObject>().FirstOrDefault(c => Same(c, key));
            var dateOrNote = column?["dateTime"] is not null || column?["text"]?["allowMultipleLines"]?.GetValue<bool>() == true;
            if (value is null && dateOrNote)
            {
                fields.Remove(key);
                continue;
            }
            if (value is JsonValue blank && blank.TryGetValue<string>(out var empty) && empty.Length == 0 && dateOrNote)
            {
                fields[key] = null;
                continue;
            }
            if (column?["dateTime"]?["format"]?.GetValue<string>() != "dateOnly") continue;
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text) ||
                !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)) continue;
            var localDay = TimeZoneInfo.ConvertTime(instant, zone).Date;
            var midnight = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(localDay, DateTimeKind.Unspecified), zone);
            fields[key] = midnight.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }
    }
}
