using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml;
using SaferCity.Core.History;
using SaferCity.Core.Html;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>One run whose public content changed: the day, when it was taken, and what changed.</summary>
public sealed record FeedEntry(DateOnly Day, DateTimeOffset Updated, IReadOnlyList<FeedChange> Changes);

/// <summary>What happened to one action (by its public number) on a feed day.</summary>
public sealed record FeedChange(string Id, DriftChange Change)
{
    public DriftKind Kind => Change.Kind;
}

/// <summary>
/// feed.xml (Atom, RFC 4287): members follow the plan in a feed reader without opening the page.
/// Built from the stored history, which keeps each day whose content changed: every such day is one entry,
/// its id derived from the day and its updated time the moment that day's snapshot was taken,
/// so rerunning gives the same entries and a reader never shows one twice.
/// The public boundary is the dashboard's: the day-to-day changes come from <see cref="DriftCalculator.Compare"/>,
/// and nothing about an action is published from the day it was hidden on (an action hidden then shown is "added").
/// </summary>
public static class AtomFeed
{
    public const string FileName = "feed.xml";

    /// <summary>A year of weekly runs.</summary>
    public const int MaxEntries = 52;

    private const string AtomNs = "http://www.w3.org/2005/Atom";

    /// <summary>The public changes of each recorded day up to <paramref name="asOf"/>, newest first, at most <see cref="MaxEntries"/>.</summary>
    public static IReadOnlyList<FeedEntry> Entries(TrackerHistory history, DateOnly asOf)
    {
        var days = history.Days.Where(d => d.AsOf <= asOf).ToList();
        var entries = new List<FeedEntry>();
        // The first day is the starting point: everything on it would be "added", which tells a member nothing.
        for (var i = days.Count - 1; i >= 1 && entries.Count < MaxEntries; i--)
        {
            var changes = PublicChanges(history, days[i - 1].AsOf, days[i].AsOf);
            if (changes.Count > 0) entries.Add(new FeedEntry(days[i].AsOf, days[i].TakenAt, changes));
        }
        return entries;
    }

    /// <summary>What the public could see change between two recorded days.</summary>
    internal static IReadOnlyList<FeedChange> PublicChanges(TrackerHistory history, DateOnly before, DateOnly day)
    {
        var then = history.SnapshotAt(before);
        var now = history.SnapshotAt(day);
        if (then is null || now is null) return [];

        // Hidden from this day on: whatever it did is not announced, in this entry or any later one.
        bool Withheld(string id) => HiddenOnOrAfter(history, id, day);

        var current = now.Actions.Where(a => !a.Hidden && !Withheld(a.Id)).Select(AsAction).ToList();
        var drift = DriftCalculator.Compare(then, current);
        var wasHidden = then.Actions.Where(a => a.Hidden).Select(a => a.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var changes = new List<FeedChange>();
        foreach (var action in current)
        {
            var id = PublicText.Redact(action.Number);
            // Hidden on the day before: its earlier values were never public, so it is new to the public.
            if (wasHidden.Contains(action.Number))
            {
                changes.Add(new FeedChange(id, new DriftChange(DriftKind.Added)));
                continue;
            }
            foreach (var c in drift.For(action.Number)) changes.Add(new FeedChange(id, c));
        }
        // Gone while hidden was never seen to go.
        foreach (var id in drift.Removed)
        {
            if (!wasHidden.Contains(id) && !Withheld(id)) changes.Add(new FeedChange(PublicText.Redact(id), new DriftChange(DriftKind.Removed)));
        }
        return changes;
    }

    private static bool HiddenOnOrAfter(TrackerHistory history, string id, DateOnly day)
    {
        if (!history.Actions.TryGetValue(id, out var entries)) return false;
        var atDay = entries.LastOrDefault(e => e.From <= day);
        return atDay is { Hidden: true } || entries.Any(e => e.From > day && e.Hidden);
    }

    // The drift rules take tracker actions; only the fields they compare matter here.
    private static TrackerAction AsAction(SnapshotAction a) => new()
    {
        ItemId = a.Id,
        Number = a.Id,
        Theme = "",
        Text = "",
        Deadline = a.Deadline,
        LeadNames = [],
        Leads = [],
        Rag = a.Rag,
        Complete = a.Complete,
        Comments = "",
        Hidden = a.Hidden,
    };

    public static byte[] Render(PublicDashboard doc, TrackerHistory history, DashboardOptions options)
    {
        var entries = Entries(history, doc.AsOf);
        var texts = doc.Actions.ToDictionary(a => a.Id, a => a.Text, StringComparer.OrdinalIgnoreCase);
        var page = options.PublicUrl is { Length: > 0 } url ? SiteBase(url) : null;
        string Link(string relative) => page is null ? relative : new Uri(page, relative).AbsoluteUri;

        var feedId = page is null ? NameUuid("feed:" + options.Title) : Link(FileName);
        var updated = entries.Count > 0 ? entries[0].Updated : doc.GeneratedAt;

        using var memory = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, NewLineChars = "\n" };
        using (var x = XmlWriter.Create(memory, settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("feed", AtomNs);
            x.WriteAttributeString("xml", "lang", null, "en-GB");
            x.WriteElementString("id", AtomNs, feedId);
            x.WriteElementString("title", AtomNs, Clean($"{options.Title}: action plan changes"));
            x.WriteElementString("subtitle", AtomNs,
                "What changed in the action plan at each refresh: completed, worse, better, slipped, added and removed actions.");
            x.WriteElementString("updated", AtomNs, Stamp(updated));
            x.WriteStartElement("author", AtomNs);
            x.WriteElementString("name", AtomNs, Clean(options.Title));
            x.WriteEndElement();
            WriteLink(x, "self", Link(FileName), "application/atom+xml");
            WriteLink(x, "alternate", Link("index.html"), "text/html");
            foreach (var entry in entries)
            {
                var anchor = "changes-" + DriftCalculator.Iso(entry.Day);
                x.WriteStartElement("entry", AtomNs);
                x.WriteElementString("id", AtomNs, page is null ? NameUuid(feedId + "#" + anchor) : Link(FileName) + "#" + anchor);
                x.WriteElementString("title", AtomNs, Title(entry));
                x.WriteElementString("updated", AtomNs, Stamp(entry.Updated));
                WriteLink(x, "alternate", Link("index.html"), "text/html");
                x.WriteStartElement("content", AtomNs);
                x.WriteAttributeString("type", "html");
                x.WriteString(Content(entry, texts, Link));
                x.WriteEndElement();
                x.WriteEndElement();
            }
            x.WriteEndElement();
            x.WriteEndDocument();
        }
        return memory.ToArray();
    }

    private static void WriteLink(XmlWriter x, string rel, string href, string type)
    {
        x.WriteStartElement("link", AtomNs);
        x.WriteAttributeString("rel", rel);
        x.WriteAttributeString("type", type);
        x.WriteAttributeString("href", href);
        x.WriteEndElement();
    }

    /// <summary>"30 November 2026: 2 completed, 1 worse, 1 slipped".</summary>
    internal static string Title(FeedEntry entry)
    {
        var counts = Wording.Kinds.Select(k => (k.Counted, Count: entry.Changes.Count(c => c.Kind == k.Kind)))
            .Where(s => s.Count > 0).Select(s => $"{s.Count} {s.Counted}");
        return $"{Wording.LongDate(entry.Day)}: {string.Join(", ", counts)}";
    }

    /// <summary>An entry's changes by kind, in reading order, with the kind's heading ("Completed", "Got worse"…).</summary>
    public static IEnumerable<(string Heading, IReadOnlyList<FeedChange> Changes)> Grouped(FeedEntry entry)
    {
        foreach (var kind in Wording.Kinds)
        {
            var items = entry.Changes.Where(c => c.Kind == kind.Kind).ToList();
            if (items.Count > 0) yield return (kind.Section, items);
        }
    }

    /// <summary>"(amber to red)", "(31 March 2017 to 30 June 2017)", or nothing.</summary>
    public static string FromTo(FeedChange c) => c.Change switch
    {
        { FromRag: { } from, ToRag: { } to } => $" ({from.ToWord()} to {to.ToWord()})",
        { FromDate: { } from, ToDate: { } to } => $" ({Wording.LongDate(from)} to {Wording.LongDate(to)})",
        _ => "",
    };

    /// <summary>The entry's HTML: one list per kind of change, each action linked to its row on the page.</summary>
    private static string Content(FeedEntry entry, Dictionary<string, string> texts, Func<string, string> link)
    {
        var h = new HtmlWriter(1024);
        foreach (var (heading, items) in Grouped(entry))
        {
            h.Element("h3", heading).Open("ul");
            foreach (var c in items)
            {
                h.Open("li").Element("a", $"Action {c.Id}", ("href", link("index.html#action-" + Uri.EscapeDataString(c.Id))));
                if (c.Kind != DriftKind.Removed && texts.TryGetValue(c.Id, out var text)) h.Text(": " + Short(text));
                h.Text(FromTo(c));
                h.Close("li");
            }
            h.Close("ul");
        }
        return Clean(h.ToString());
    }

    /// <summary>At most 140 characters, cut at the last word boundary before them (never mid-word), then "…".</summary>
    internal static string Short(string text)
    {
        const int max = 140;
        if (text.Length <= max) return text;
        var space = text.LastIndexOf(' ', max);
        // One very long word (a URL) has no boundary to cut at: cut it, but never between a surrogate pair.
        var cut = space > max / 2 ? space : char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut).TrimEnd(" ,;:-\u2013".AsSpan()), "…");
    }

    /// <summary>XML cannot carry every character a list can hold; those are dropped rather than failing the feed.</summary>
    internal static string Clean(string text)
    {
        var ok = true;
        foreach (var ch in text) ok &= XmlConvert.IsXmlChar(ch);
        if (ok) return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i])) sb.Append(text[i]);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])) sb.Append(text, i++, 2);
        }
        return sb.ToString();
    }

    private static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The folder the site is published in, from the page's public address: ".../index.html" and ".../" are both
    /// common; a last segment without an extension is taken as a folder.
    /// </summary>
    public static Uri SiteBase(string publicUrl)
    {
        var uri = new Uri(publicUrl);
        var last = uri.AbsolutePath[(uri.AbsolutePath.LastIndexOf('/') + 1)..];
        return last.Length > 0 && !last.Contains('.', StringComparison.Ordinal) ? new Uri(uri.GetLeftPart(UriPartial.Path) + "/") : uri;
    }

    /// <summary>A name-based UUID (RFC 9562 version 8, from SHA-256): the same name always gives the same id.</summary>
    internal static string NameUuid(string name)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(name));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        var hex = Convert.ToHexStringLower(hash.AsSpan(0, 16));
        return $"urn:uuid:{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
