using System.Globalization;
using System.Text.Json;
using SaferCity.Core.Html;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Updates;

/// <summary>
/// "Email me a new link": the email that carries a fresh link for one action to the addresses the leads list gives for
/// its lead (never an address anyone typed), and the private record that it went (<c>new-links/yyyy-MM/{instant}-{link id}.json</c>:
/// when, which old link, which lead and item; no address, no token).
/// </summary>
public static class NewLink
{
    private const string Folder = "new-links/";
    private const string SentFormat = "yyyyMMdd'T'HHmmssfff";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>What the audit keeps of one new link sent.</summary>
    public sealed record Sent(DateTimeOffset At, string OldLink, string NewLink, string LeadKey, string Lead, string ItemId, string Action);

    public static EmailMessage Email(PageContext page, Lead lead, string number, Uri link, DateTimeOffset issued, DateTimeOffset expires)
    {
        var until = TimeZoneInfo.ConvertTime(expires, Rules.UkClock.London).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));
        var subject = $"{lead.Name}: new update link for action {number}";
        var intro = $"Someone opened an out-of-date update link for action {number} and asked for a new one. Here it is; it works until {until}.";
        const string ignore = "If you did not ask for it, you can ignore this email: the link works only for this action.";
        var text = $"{intro}\n\nUpdate: {link}\n\n{ignore}\n\n{page.Partnership}\n";
        var h = new HtmlWriter(2048);
        h.Doctype().Open("html", ("lang", "en-GB")).Open("head").Void("meta", ("charset", "utf-8")).Element("title",
            $"{subject} \u2013 {page.Partnership}").Close("head");
        h.Open("body").Element("p", intro).Open("p").Element("a", $"Update action {number}", ("href", link.ToString())).Close("p")
            .Element("p", ignore).Element("p", page.Partnership).Close("body").Close("html");
        var id = $"new-link/{UpdateLink.IdOf(link.Query)}";
        return new EmailMessage(id, lead.Emails, subject, text, h.ToString(),
            new Dictionary<string, string> { ["kind"] = "new-link" }) { Date = issued };
    }

    /// <summary>
    /// Deletes the records of new links sent more than <paramref name="retentionDays"/> ago (State__RetentionDays), like the
    /// update audit: they name a lead and an action, and nothing private is kept longer than the partnership said.
    /// </summary>
    public static async Task<int> PruneAsync(IStateStore state, DateTimeOffset now, int retentionDays, CancellationToken cancellationToken)
    {
        var keepAfter = now.AddDays(-retentionDays);
        var deleted = 0;
        // The record's name starts with the instant it was sent (RecordAsync), so nothing is read to decide.
        foreach (var name in await state.ListAsync(Folder, cancellationToken))
        {
            var file = name[(name.LastIndexOf('/') + 1)..];
            var instant = file.Split('-')[0];
            if (DateTimeOffset.TryParseExact(instant, SentFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var sentAt)
                && sentAt < keepAfter && await state.DeleteAsync(name, cancellationToken)) deleted++;
        }
        return deleted;
    }

    /// <summary>Records that a new link went; one document per request, never rewritten.</summary>
    public static Task RecordAsync(IStateStore state, Sent sent, CancellationToken cancellationToken) =>
        state.WriteAsync(
            $"{Folder}{sent.At.UtcDateTime:yyyy-MM}/{sent.At.UtcDateTime.ToString(SentFormat, CultureInfo.InvariantCulture)}-{sent.OldLink}.json",
            JsonSerializer.SerializeToUtf8Bytes(sent, Json), null, cancellationToken);
}
