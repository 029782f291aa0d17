using System.Text;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Dashboard;

public sealed class DashboardBuilderTests
{
    private static readonly DateOnly AsOf = new(2017, 1, 16);

    private static ListItem Item(string id, string number, string theme, string? comments = null, bool hidden = false,
        string lead = "Community Safety Team", string? rag = "G") =>
        new(id, new DateTimeOffset(2017, 1, 10, 9, 0, 0, TimeSpan.Zero), new Dictionary<string, object?>
        {
            ["Title"] = number, ["Theme"] = theme, ["KeyAction"] = $"Action {number} text", ["DeliveryDeadline"] = "December 2016",
            ["LeadService"] = lead, ["RAG"] = rag, ["Comments"] = comments, ["HideFromDashboard"] = hidden,
        });

    private static readonly ListItem[] Leads =
    [
        new("1", null, new Dictionary<string, object?> { ["Title"] = "Community Safety Team", ["Aliases"] = "CST", ["Email"] = "cst@example.org" }),
    ];

    private static RunReport Report(params ListItem[] items)
    {
        var tracker = new TrackerParser().Parse(new TrackerLists(items, Leads));
        return RunReport.Build(AsOf, new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero), tracker, TrackerHistory.Empty,
            new RemindersOptions(), new DriftOptions());
    }

    private static string AllPublished(PublicDashboard doc)
    {
        var files = SiteBuilder.Build(doc, new DashboardOptions());
        return string.Join("\n", files.Where(f => !f.Path.StartsWith("assets/", StringComparison.Ordinal))
            .Select(f => Encoding.UTF8.GetString(f.Content.Span)));
    }

    [Fact]
    public void Build_HiddenAction_AbsentFromEveryPublishedFile()
    {
        var doc = DashboardBuilder.Public(Report(
            Item("1", "1.1", "1. Theme"),
            Item("2", "1.2", "1. Theme", comments: "SECRET-HIDDEN-COMMENT", hidden: true, lead: "Unknown Secret Service"),
            Item("3", "1.3", "1. Theme")));

        Assert.Equal(["1.1", "1.3"], doc.Actions.Select(a => a.Id));
        Assert.Equal(2, doc.Summary.Total);
        Assert.DoesNotContain(doc.DataQuality, f => f.Id == "1.2");
        var published = AllPublished(doc);
        Assert.DoesNotContain("SECRET-HIDDEN-COMMENT", published);
        Assert.DoesNotContain("Unknown Secret Service", published);
        Assert.DoesNotContain("action-1.2", published);
        Assert.Contains("action-1.3", published);
    }

    [Fact]
    public void Build_EmailAddressesInAnyField_Redacted()
    {
        var doc = DashboardBuilder.Public(Report(
            Item("1", "1.1", "1. Theme by boss@example.org", comments: "Ask jo.bloggs@example.gov.uk for details",
                lead: "CST; someone@example.org")));

        var published = AllPublished(doc);
        Assert.DoesNotContain("@example.", published);
        Assert.Contains(PublicText.Redacted, doc.Actions[0].Comments);
        Assert.Contains(PublicText.Redacted, doc.Actions[0].Theme);
        Assert.Contains(doc.Actions[0].Leads, l => l == PublicText.Redacted);
        Assert.Contains("Community Safety Team", doc.Actions[0].Leads);
    }

    [Fact]
    public void Build_ThemesInActionNumberOrder_AndRenderedGroupedByTheme()
    {
        var doc = DashboardBuilder.Public(Report(
            Item("1", "2.1", "2. Second"), Item("2", "1.1", "1. First"), Item("3", "2.2", "2. Second"), Item("4", "1.2", "1. First")));

        // The reader orders actions by number, so themes come in the order of their first action.
        Assert.Equal(["1. First", "2. Second"], doc.Themes);
        var groups = DashboardHtml.GroupByTheme(doc, _ => true);
        Assert.Equal(["1. First", "2. Second"], groups.Select(g => g.Theme));
        Assert.Equal(["1.1", "1.2"], groups[0].Actions.Select(a => a.Id));
        Assert.All(groups, g => Assert.All(g.Actions, a => Assert.Equal(g.Theme, a.Theme)));
        Assert.Equal(4, groups.Sum(g => g.Actions.Count));
    }

    [Fact]
    public void Build_SameLeadWrittenTwice_ListedOnce()
    {
        var doc = DashboardBuilder.Public(Report(
            Item("1", "1.1", "1. Theme", lead: "CST; a@example.org; Unknown Board; B@example.org; unknown board")));

        // Two different addresses redact to the same words, and a name in another case is the same name.
        Assert.Equal(["Community Safety Team", PublicText.Redacted, "Unknown Board"], doc.Actions[0].Leads);
    }

    [Fact]
    public void Build_ActionsWithoutRating_OnlyOpenShownOnesCountedAsUnrated()
    {
        var doc = DashboardBuilder.Build(Report(
            Item("1", "1.1", "1. Theme", rag: null),
            Item("2", "1.2", "1. Theme", rag: null, comments: "Complete - handed over"),
            Item("3", "1.3", "1. Theme", rag: null, hidden: true),
            Item("4", "1.4", "1. Theme", rag: "A")));

        // The complete action needs no rating, and the hidden one is not public.
        Assert.Equal(1, doc.Summary.Unrated);
        Assert.Equal([null, null, "amber"], doc.Actions.Select(a => a.Rag));
    }
}
