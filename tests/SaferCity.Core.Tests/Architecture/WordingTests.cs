using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Dashboard;

namespace SaferCity.Core.Tests.Architecture;

/// <summary>
/// A drift kind is one <see cref="DriftKind"/> value plus one entry in <see cref="Wording.Kinds"/>. These fail for a
/// kind added without its entry, and show that the entry is what every output says: page, CSV, JSON, feed and digests.
/// </summary>
public sealed class WordingTests
{
    public static TheoryData<DriftKind> EveryKind => new(Enum.GetValues<DriftKind>());

    /// <summary>The kinds an action's own drift can hold: all but <see cref="DriftKind.Removed"/>, which is the plan's.</summary>
    public static TheoryData<DriftKind> ActionKinds => new(Enum.GetValues<DriftKind>().Where(k => k != DriftKind.Removed));

    // Both a rating and a deadline, so every kind's words have the values they name.
    private static DriftChange Sample(DriftKind kind) =>
        new(kind) { FromRag = Rag.Amber, ToRag = Rag.Red, FromDate = new DateOnly(2017, 2, 28), ToDate = new DateOnly(2017, 5, 31) };

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Of_EveryDriftKind_HasItsWordsAndAJsonName(DriftKind kind)
    {
        var words = Wording.Of(kind);

        Assert.Equal(kind, words.Kind);
        Assert.Matches("^[a-z][A-Za-z]+$", words.JsonName);
        Assert.NotEmpty(words.Change(Sample(kind)));
        Assert.NotEmpty(words.Heading);
        Assert.NotEmpty(words.Counted);
        Assert.NotEmpty(words.Section);
    }

    [Fact]
    public void Kinds_EachKindOnce_WithItsOwnJsonName()
    {
        Assert.Equal(Enum.GetValues<DriftKind>().Order(), Wording.Kinds.Select(k => k.Kind).Order());
        Assert.Equal(Wording.Kinds.Count, Wording.Kinds.Select(k => k.JsonName).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void JsonName_ContractKinds_AsDashboardJsonNamesThem()
    {
        // dashboard.json's drift kinds are a contract other tools read: never renamed.
        Assert.Equal(
            ["ragWorsened", "ragImproved", "deadlineSlipped", "deadlineBroughtForward", "completed", "reopened", "added"],
            new[]
            {
                DriftKind.RagWorsened, DriftKind.RagImproved, DriftKind.DeadlineSlipped, DriftKind.DeadlineBroughtForward,
                DriftKind.Completed, DriftKind.Reopened, DriftKind.Added,
            }.Select(Wording.JsonName));
    }

    [Theory]
    [MemberData(nameof(ActionKinds))]
    public void EveryOutput_ActionDriftKind_SaysItsOneWordingEntry(DriftKind kind)
    {
        var change = Sample(kind);
        var words = Wording.Of(kind);
        var doc = DashboardFixtures.Document([DashboardFixtures.Action("1.1", "T", drift: [change])], driftSince: new DateOnly(2017, 1, 9));

        var page = WebUtility.HtmlDecode(DashboardFixtures.Render(doc));
        var csv = Encoding.UTF8.GetString(DashboardCsv.Render(doc).Span);
        var json = Encoding.UTF8.GetString(DashboardJson.Serialize(DashboardDocument.From(doc)).Span);

        Assert.Contains($"{words.Change(change)} since 9 Jan 2017", page, StringComparison.Ordinal);
        Assert.Contains($"class=\"drift drift--{words.JsonName}\"", page, StringComparison.Ordinal);
        Assert.Matches($",{words.JsonName}( amber->red| 2017-02-28->2017-05-31)?,", csv);
        Assert.Contains($"\"kind\":\"{words.JsonName}\"", json, StringComparison.Ordinal);
        Assert.Equal($"{words.Change(change)} since 9 January 2017", DigestRenderer.DriftLine(change, new DateOnly(2017, 1, 9)));
    }

    [Theory]
    [MemberData(nameof(EveryKind))]
    public void Feed_EveryDriftKind_CountedAndListedUnderItsSection(DriftKind kind)
    {
        var words = Wording.Of(kind);
        var entry = new FeedEntry(new DateOnly(2017, 1, 16), default, [new FeedChange("1.1", Sample(kind))]);

        Assert.Equal($"16 January 2017: 1 {words.Counted}", AtomFeed.Title(entry));
        Assert.Equal([words.Section], AtomFeed.Grouped(entry).Select(g => g.Heading));
    }

    [Fact]
    public void Dates_UkForms_FromTypedDays()
    {
        var day = new DateOnly(2017, 1, 16);

        Assert.Equal("16 January 2017", Wording.LongDate(day));
        Assert.Equal("16 Jan 2017", Wording.ShortDate(day));
        Assert.Equal("", Wording.ShortDate(null));
        Assert.Equal("March 2017", Wording.LongMonthOrDate(new DateOnly(2017, 3, 31)));
        Assert.Equal("30 March 2017", Wording.LongMonthOrDate(new DateOnly(2017, 3, 30)));
        Assert.Equal("2017-01-16", Wording.Iso(day));
        Assert.Equal("Not rated", Wording.RagWord(null));
        Assert.Equal("Amber", Wording.RagWord(Rag.Amber));
    }
}
