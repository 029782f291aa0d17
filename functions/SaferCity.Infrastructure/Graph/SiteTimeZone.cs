using System.Globalization;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;

namespace SaferCity.Infrastructure.Graph;

/// <summary>The site's time zone and where it came from; <paramref name="Problem"/> says why it is assumed, not read.</summary>
public sealed record SiteZone(TimeZoneInfo Zone, string Source, string? Problem = null);

/// <summary>
/// The time zone of the tracker's site, which SharePoint uses to store date-only values (<see cref="SiteDates"/>). Graph
/// does not expose it; SharePoint's REST API does, at <c>{site}/_api/web/RegionalSettings/TimeZone</c>, with a token for
/// SharePoint itself (<c>https://{tenant}.sharepoint.com/.default</c>), not for Graph. <c>Tracker__SiteTimeZone</c> names the
/// zone instead, and is the way when that token cannot be had. Read once per process.
/// </summary>
public sealed class SiteTimeZone
{
    private readonly Func<CancellationToken, Task<SiteZone>> read;
    private Task<SiteZone>? cached;

    private SiteTimeZone(Func<CancellationToken, Task<SiteZone>> read) => this.read = read;

    /// <summary>A zone known without asking: the setting, or a test's.</summary>
    public static SiteTimeZone Fixed(TimeZoneInfo zone, string source) => new(_ => Task.FromResult(new SiteZone(zone, source)));

    /// <summary>London, as assumed when nothing else is known (files, and tests that do not care).</summary>
    public static readonly SiteTimeZone London = Fixed(UkClock.London, "Europe/London (assumed)");

    /// <summary>The setting when there is one, else the site's regional settings through SharePoint's REST API.</summary>
    public static SiteTimeZone For(TrackerOptions tracker, SharePointRest sharePoint)
    {
        if (tracker.SiteTimeZone is { Length: > 0 } id)
            return Fixed(TimeZoneInfo.FindSystemTimeZoneById(id), $"{id} (set by Tracker__SiteTimeZone)");
        return new(cancellationToken => ReadAsync(sharePoint, cancellationToken));
    }

    /// <summary>The zone; a zone SharePoint names but this product cannot convert is refused, never guessed.</summary>
    public Task<SiteZone> GetAsync(CancellationToken cancellationToken) => cached ??= read(cancellationToken);

    /// <summary>The zone, refusing in one line when it could not be read (check, provision and import, which write dates or vouch for
    /// them).</summary>
    public async Task<SiteZone> RequireAsync(CancellationToken cancellationToken)
    {
        var zone = await GetAsync(cancellationToken);
        return zone.Problem is { } problem ? throw new PipelineException(problem) : zone;
    }

    private static async Task<SiteZone> ReadAsync(SharePointRest sharePoint, CancellationToken cancellationToken)
    {
        var (json, why) = await sharePoint.GetAsync("web/RegionalSettings/TimeZone", cancellationToken);
        if (json is not { } zone || !zone.TryGetProperty("Id", out var idValue) || !idValue.TryGetInt32(out var id))
            return Unread(why ?? "the answer named no zone");
        var description = zone.TryGetProperty("Description", out var d) ? d.GetString() : null;
        var named = $"{description ?? "id " + id} (SharePoint id {id.ToString(CultureInfo.InvariantCulture)}, the site's regional settings)";
        return SiteDates.FromSharePointId(id) is { } known
            ? new SiteZone(known, named)
            : throw new PipelineException($"The site's time zone is {named}, which this product cannot convert: set " +
                $"Tracker__SiteTimeZone to its IANA name (e.g. Europe/Paris).");
    }

    // Today's behaviour stays the fallback for runs: a London site keeps working without the SharePoint token.
    private static SiteZone Unread(string why) => new(UkClock.London, "Europe/London (assumed)",
        $"The site's time zone could not be read from its regional settings ({why}; reading them needs a token for SharePoint itself): " +
        "set Tracker__SiteTimeZone (e.g. Europe/London) to the zone in the site's Settings > Regional settings.");
}

