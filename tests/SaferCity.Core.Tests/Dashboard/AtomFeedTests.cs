using System.Text;
using System.Xml;
using System.Xml.Linq;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Tests.Dashboard;

public sealed class AtomFeedTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly RagCounts Counts = new(0, 0, 1, 0);
    private static readonly DateOnly Deadline = new(2017, 3, 31);

    private static SnapshotAction A(string id, Rag rag = Rag.Green, DateOnly? deadline = null, bool complete = false, bool hidden = false) =>
        new(id, rag, deadline ?? Deadline, complete, hidden);

    private static Snapshot Snap(string day, params SnapshotAction[] actions) =>
        new(DateOnly.Parse(day), DateTimeOffset.Parse(day + "T07:00:00Z"), actions);

    private static TrackerHistory History(params Snapshot[] snapshots) =>
        snapshots.Aggregate(TrackerHistory.Empty, (h, s) => h.Record(s, Counts));

    private static PublicDashboard Doc(string asOf, params PublicAction[] actions) =>
        DashboardFixtures.Document(actions) with { AsOf = DateOnly.Parse(asOf) };

    private static XDocument Parse(byte[] feed)
    {
        // Well-formed XML, or this throws.
        using var reader = XmlReader.Create(new MemoryStream(feed), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
        return XDocument.Load(reader);
    }

    private static readonly TrackerHistory ThreeWeeks = History(
        Snap("2017-01-02", A("1.1"), A("1.2", Rag.Amber), A("1.3"), A("2.1")),
        Snap("2017-01-09", A("1.1", complete: true), A("1.2", Rag.Red), A("1.3", deadline: new DateOnly(2017, 6, 30)), A("2.1")),
        Snap("2017-01-16", A("1.1", complete: true), A("1.2", Rag.Amber), A("1.3", deadline: new DateOnly(2017, 6, 30)), A("2.2")));

    [Fact]
    public void Entries_EachChangedDay_OneEntryNewestFirstWithWhatChanged()
    {
        var entries = AtomFeed.Entries(ThreeWeeks, new DateOnly(2017, 1, 16));

        Assert.Equal([new DateOnly(2017, 1, 16), new DateOnly(2017, 1, 9)], entries.Select(e => e.Day));
        Assert.Equal(DateTimeOffset.Parse("2017-01-16T07:00:00Z"), entries[0].Updated);
        Assert.Equal(
            [new FeedChange("1.2", DriftChange.Rating(Rag.Red, Rag.Amber)),
             new FeedChange("2.2", new DriftChange(DriftKind.Added)), new FeedChange("2.1", new DriftChange(DriftKind.Removed))],
            entries[0].Changes);
        Assert.Equal(
            [new FeedChange("1.1", new DriftChange(DriftKind.Completed)), new FeedChange("1.2", DriftChange.Rating(Rag.Amber, Rag.Red)),
             new FeedChange("1.3", DriftChange.Deadline(new DateOnly(2017, 3, 31), new DateOnly(2017, 6, 30)))],
            entries[1].Changes);
        Assert.Equal("16 January 2017: 1 better, 1 added, 1 removed", AtomFeed.Title(entries[0]));
    }

    [Fact]
    public void Entries_LookBack_OnlyDaysUpToAsOf()
    {
        Assert.Equal([new DateOnly(2017, 1, 9)], AtomFeed.Entries(ThreeWeeks, new DateOnly(2017, 1, 12)).Select(e => e.Day));
    }

    [Fact]
    public void Entries_ManyWeeks_KeepsTheLatest52()
    {
        var history = TrackerHistory.Empty;
        var day = new DateOnly(2016, 1, 4);
        for (var week = 0; week < 60; week++, day = day.AddDays(7))
            history = history.Record(new Snapshot(day, new DateTimeOffset(day, new TimeOnly(7, 0), TimeSpan.Zero),
                [A("1.1", week % 2 == 0 ? Rag.Green : Rag.Amber)]), Counts);

        var entries = AtomFeed.Entries(history, day);

        Assert.Equal(AtomFeed.MaxEntries, entries.Count);
        Assert.Equal(day.AddDays(-7), entries[0].Day);
        Assert.Equal(day.AddDays(-7 * 52), entries[^1].Day);
    }

    [Fact]
    public void Entries_OnlyHiddenItemsChanged_NoEntry()
    {
        var history = History(
            Snap("2017-01-02", A("1.1"), A("9.9", hidden: true)),
            Snap("2017-01-09", A("1.1"), A("9.9", Rag.Red, hidden: true)),
            Snap("2017-01-16", A("1.1"), A("9.8", hidden: true)));

        Assert.Empty(AtomFeed.Entries(history, new DateOnly(2017, 1, 16)));
    }

    [Fact]
    public void Entries_HiddenThenShown_AddedWithNothingObservedWhileHidden()
    {
        var history = History(
            Snap("2017-01-02", A("1.1", Rag.Green, hidden: true)),
            Snap("2017-01-09", A("1.1", Rag.Red, complete: true)));

        var entry = Assert.Single(AtomFeed.Entries(history, new DateOnly(2017, 1, 9)));

        Assert.Equal([new FeedChange("1.1", new DriftChange(DriftKind.Added))], entry.Changes);
    }

    [Fact]
    public void Entries_ShownChangedThenHidden_NotMentionedInAnyEntry()
    {
        var history = History(
            Snap("2017-01-02", A("1.1"), A("1.2")),
            Snap("2017-01-09", A("1.1", Rag.Red), A("1.2", Rag.Amber)),
            Snap("2017-01-16", A("1.1", Rag.Red, hidden: true), A("1.2", Rag.Amber)),
            Snap("2017-01-23", A("1.2", Rag.Amber)));

        var entries = AtomFeed.Entries(history, new DateOnly(2017, 1, 23));

        // 1.1 changed in public on the 9th, but is hidden now: nothing about it is published, nor its later deletion.
        var entry = Assert.Single(entries);
        Assert.Equal([new FeedChange("1.2", DriftChange.Rating(Rag.Green, Rag.Amber))], entry.Changes);
    }

    [Fact]
    public void Render_Rerun_SameBytesAndStableIds()
    {
        var options = new DashboardOptions { PublicUrl = "https://plan.example.org/dashboard/index.html" };
        var doc = Doc("2017-01-16", DashboardFixtures.Action("1.2", "1. Theme", text: "Reduce repeat victims"));
        var first = AtomFeed.Render(doc, ThreeWeeks, options);

        // A rerun with the same content records nothing new; later generatedAt changes nothing in the feed.
        var again = ThreeWeeks.Record(Snap("2017-01-16", A("1.1", complete: true), A("1.2", Rag.Amber),
            A("1.3", deadline: new DateOnly(2017, 6, 30)), A("2.2")) with { TakenAt = DateTimeOffset.Parse("2017-01-16T19:00:00Z") }, Counts);
        var second = AtomFeed.Render(doc with { GeneratedAt = doc.GeneratedAt.AddHours(12) }, again, options);

        Assert.Equal(Encoding.UTF8.GetString(first), Encoding.UTF8.GetString(second));
        var ids = Parse(first).Root!.Elements(Atom + "entry").Select(e => e.Element(Atom + "id")!.Value).ToList();
        Assert.Equal(
            ["https://plan.example.org/dashboard/feed.xml#changes-2017-01-16", "https://plan.example.org/dashboard/feed.xml#changes-2017-01-09"],
            ids);

        // Next week's run adds an entry on top; the earlier ones keep their ids and times.
        var nextWeek = again.Record(Snap("2017-01-23", A("1.1", complete: true), A("1.2", Rag.Green),
            A("1.3", deadline: new DateOnly(2017, 6, 30)), A("2.2")), Counts);
        var later = Parse(AtomFeed.Render(doc with { AsOf = new DateOnly(2017, 1, 23) }, nextWeek, options)).Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(3, later.Count);
        var earlier = Parse(first).Root!.Elements(Atom + "entry").ToList();
        Assert.Equal(earlier.Select(e => (e.Element(Atom + "id")!.Value, e.Element(Atom + "updated")!.Value)),
            later.Skip(1).Select(e => (e.Element(Atom + "id")!.Value, e.Element(Atom + "updated")!.Value)));
    }

    [Theory]
    [InlineData("https://plan.example.org/dashboard/index.html")]
    [InlineData(null)]
    public void Render_Rfc4287RequiredElements_Present(string? publicUrl)
    {
        var options = new DashboardOptions { PublicUrl = publicUrl };
        var doc = Doc("2017-01-16", DashboardFixtures.Action("1.2", "1. Theme", text: "Reduce <repeat> victims & more"));
        var feed = Parse(AtomFeed.Render(doc, ThreeWeeks, options)).Root!;

        AssertAtomFeed(feed);
        var html = feed.Elements(Atom + "entry").First().Element(Atom + "content")!.Value;
        var actionLink = publicUrl is null ? "index.html#action-1.2" : "https://plan.example.org/dashboard/index.html#action-1.2";
        Assert.Contains($"<a href=\"{actionLink}\">Action 1.2</a>: Reduce &lt;repeat&gt; victims &amp; more (red to amber)", html);
        Assert.Contains("<h3>Removed</h3><ul><li><a href=", html);
    }

    [Fact]
    public void Render_NoChangesYet_ValidFeedWithoutEntries()
    {
        var feed = Parse(AtomFeed.Render(Doc("2017-01-02"), History(Snap("2017-01-02", A("1.1"))), new DashboardOptions())).Root!;

        AssertAtomFeed(feed);
        Assert.Empty(feed.Elements(Atom + "entry"));
        Assert.Equal("2017-01-16T07:00:00Z", feed.Element(Atom + "updated")!.Value);
    }

    [Fact]
    public void Render_CharactersXmlCannotHold_DroppedNotFailing()
    {
        var doc = Doc("2017-01-16", DashboardFixtures.Action("1.2", "1. Theme", text: "Bell\u0007 and \uD83D\uDE00 and lone \uD800 half"));
        var options = new DashboardOptions { Title = "Safer\u0001 City \uD83D\uDE00\uDC00" };

        var feed = Parse(AtomFeed.Render(doc, ThreeWeeks, options)).Root!;

        Assert.Equal("Safer City \uD83D\uDE00: action plan changes", feed.Element(Atom + "title")!.Value);
        Assert.Contains("Action 1.2</a>: Bell", feed.Elements(Atom + "entry").First().Element(Atom + "content")!.Value);
    }

    /// <summary>
    /// RFC 4287's required elements (section 4.1): a feed has exactly one id, title and updated, an author (or one in
    /// every entry), a self link and an alternate link; each entry exactly one id, title, updated, and content or an
    /// alternate link. Ids are absolute IRIs, times RFC 3339.
    /// </summary>
    internal static void AssertAtomFeed(XElement feed)
    {
        Assert.Equal(Atom + "feed", feed.Name);
        AssertOne(feed, "id", "title", "updated");
        AssertAbsolute(feed.Element(Atom + "id")!.Value);
        AssertTime(feed.Element(Atom + "updated")!.Value);
        var entries = feed.Elements(Atom + "entry").ToList();
        Assert.True(feed.Elements(Atom + "author").Any() || entries.All(e => e.Elements(Atom + "author").Any()), "no author");
        foreach (var author in feed.Elements(Atom + "author")) Assert.False(string.IsNullOrWhiteSpace(author.Element(Atom + "name")?.Value));
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "self");
        Assert.Single(feed.Elements(Atom + "link"), l => (string?)l.Attribute("rel") == "alternate" && (string?)l.Attribute("type") == "text/html");
        Assert.All(feed.Descendants(Atom + "link"), l => Assert.False(string.IsNullOrEmpty((string?)l.Attribute("href"))));
        Assert.Equal(entries.Count, entries.Select(e => e.Element(Atom + "id")!.Value).Distinct().Count());
        foreach (var entry in entries)
        {
            AssertOne(entry, "id", "title", "updated");
            AssertAbsolute(entry.Element(Atom + "id")!.Value);
            AssertTime(entry.Element(Atom + "updated")!.Value);
            Assert.True(entry.Elements(Atom + "content").Count() == 1 ||
                        entry.Elements(Atom + "link").Any(l => (string?)l.Attribute("rel") is null or "alternate"),
                "entry has neither content nor an alternate link");
            Assert.Contains((string?)entry.Element(Atom + "content")?.Attribute("type"), new[] { "text", "html", "xhtml" });
        }
    }

    private static void AssertOne(XElement parent, params string[] names)
    {
        foreach (var name in names)
        {
            var found = parent.Elements(Atom + name).ToList();
            Assert.True(found.Count == 1, $"<{parent.Name.LocalName}> has {found.Count} <{name}>");
            Assert.False(string.IsNullOrWhiteSpace(found[0].Value), $"<{name}> is empty");
        }
    }

    private static void AssertAbsolute(string iri) =>
        Assert.True(Uri.TryCreate(iri, UriKind.Absolute, out _), $"id is not an absolute IRI: {iri}");

    private static void AssertTime(string value) =>
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", value);

    [Fact]
    public void Short_LongKeyAction_EndsAtAWordBoundary()
    {
        var text = "Establish a city-wide Violence Against Women and Girls Strategy identifying the SCPs response to areas such as " +
            "domestic and sexual violence, harmful practice";

        var shown = AtomFeed.Short(text);

        Assert.Equal("Establish a city-wide Violence Against Women and Girls Strategy identifying the SCPs response to areas such as " +
            "domestic and sexual violence…", shown);
        Assert.True(text.StartsWith(shown[..^1], StringComparison.Ordinal) && text[shown.Length - 1] is ' ' or ',');
    }

    [Fact]
    public void Short_OneWordLongerThanTheLimit_CutAndNeverSplitsASurrogatePair()
    {
        var url = "https://example.gov.uk/" + new string('x', 116) + "\U0001F600tail";

        var shown = AtomFeed.Short(url);

        Assert.Equal(url[..139] + "…", shown); // 139: the emoji's high surrogate at 139 is not kept alone
    }
}
