using System.Text;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reading;

/// <summary>
/// Whether an item is hidden is decided before anything else about it, and fails closed: a finding about a hidden
/// item goes to the coordinator only, and a hide value nobody can read hides the item.
/// </summary>
public class HiddenItemTests
{
    private static ParsedTracker Parse(params ListItem[] tracker) =>
        new TrackerParser().Parse(new TrackerLists(tracker, Items.StandardLeads));

    private static ListItem HiddenDuplicate() =>
        Items.Action("5.1", deadline: "SECRET-DEADLINE", lead: "SECRET-LEAD", rag: "SECRET-RAG", hidden: true);

    [Fact]
    public void Parse_HiddenDuplicateWithOddText_EveryFindingAboutItIsHidden()
    {
        var parsed = Parse(Items.Action("5.1"), HiddenDuplicate());

        var secret = parsed.Findings.Where(f => f.Describe().Contains("SECRET", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, secret.Count); // deadline unreadable, rag unknown, lead unknown
        Assert.All(secret, f => Assert.True(f.Hidden, f.Describe()));
        Assert.True(Assert.Single(parsed.Findings, f => f.Problem == "duplicate").Hidden);
        Assert.False(Assert.Single(parsed.Actions).Hidden); // the visible 5.1 is the one kept
    }

    [Fact]
    public void Parse_HiddenItemWithoutNumber_FindingIsHidden()
    {
        var parsed = Parse(Items.Action(null, hidden: "Yes"), Items.Action(null));

        Assert.Equal([true, false], parsed.Findings.Where(f => f.Field == "number").Select(f => f.Hidden));
    }

    [Fact]
    public async Task RunAsync_HiddenDuplicateWithOddText_SiteQuotesNothingButTheCoordinatorIsTold()
    {
        var hidden = HiddenDuplicate();
        var harness = new Harness([Items.Action("5.1", comments: "Visible comment"), hidden]);

        await harness.RunAsync("2017-01-16");

        Assert.NotEmpty(harness.Site.Files);
        foreach (var (path, file) in harness.Site.Files)
        {
            Assert.DoesNotContain("SECRET", Encoding.UTF8.GetString(file.Content.Span), StringComparison.Ordinal);
        }
        foreach (var path in new[] { "dashboard.json", "index.html", "actions.csv" })
        {
            Assert.DoesNotContain($"item {hidden.Id}", Encoding.UTF8.GetString(harness.Site.Files[path].Content.Span), StringComparison.Ordinal);
        }
        Assert.Empty(harness.PublishedDashboard().DataQuality);
        var summary = harness.Email.Sent.Single(m => m.To.Contains("coordinator@example.gov.uk"));
        Assert.Contains("SECRET-RAG", summary.Text, StringComparison.Ordinal);
        Assert.Contains("hidden item", summary.Text, StringComparison.Ordinal);
    }

    public static TheoryData<object?, bool, bool> HideValues() => new()
    {
        // value, hidden, finding
        { null, false, false },
        { false, false, false },
        { "", false, false },
        { "No", false, false },
        { "false", false, false },
        { "0", false, false },
        { "n", false, false },
        { new List<string>(), false, false },
        { new List<string> { "No" }, false, false },
        { true, true, false },
        { "Yes", true, false },
        { " TRUE ", true, false },
        { "1", true, false },
        { "y", true, false },
        { new List<string> { "Yes" }, true, false },
        { new List<string> { "No", "Yes" }, true, false },
        { "Hidden", true, true },
        { "Hide it", true, true },
        { "2", true, true },
        { new List<string> { "Maybe" }, true, true },
    };

    [Theory]
    [MemberData(nameof(HideValues))]
    public void Parse_HideFromDashboardValue_FailsClosed(object? value, bool hidden, bool finding)
    {
        var item = Items.Action("1.1");
        if (value is not null) item = Harness.With(item, "HideFromDashboard", value);

        var parsed = Parse(item);

        Assert.Equal(hidden, parsed.Actions.Single().Hidden);
        var findings = parsed.Findings.Where(f => f.Field == "hideFromDashboard").ToList();
        Assert.Equal(finding, findings.Count == 1);
        Assert.All(findings, f => Assert.True(f.Hidden)); // about a hidden item: the coordinator's only
    }

    [Fact]
    public void Parse_HideColumnUnderSharePointsUiName_Hides()
    {
        var item = Harness.With(Items.Action("1.1"), TrackerColumns.HideFromDashboardUiName, "Yes");

        Assert.True(Parse(item).Actions.Single().Hidden);
    }

    [Fact]
    public void Parse_ConfiguredHideColumnSaysNoUiNameColumnYes_Hides()
    {
        var item = Harness.With(Harness.With(Items.Action("1.1"), "HideFromDashboard", false), TrackerColumns.HideFromDashboardUiName, "Yes");

        // Both present: the item is hidden if either says so; the safe reading of a contradiction.
        Assert.True(Parse(item).Actions.Single().Hidden);
    }

    [Fact]
    public void Parse_UnreadableHideValueInEitherColumn_FindingQuotesThatValue()
    {
        var configured = Harness.With(Items.Action("1.1"), "HideFromDashboard", "Maybe");
        var uiName = Harness.With(Items.Action("1.2"), TrackerColumns.HideFromDashboardUiName, "Perhaps");
        var both = Harness.With(Harness.With(Items.Action("1.3"), "HideFromDashboard", "Later"), TrackerColumns.HideFromDashboardUiName, "No");

        var findings = Parse(configured, uiName, both).Findings;

        // The coordinator is told what to correct, in the column that holds it.
        Assert.Equal(
            [
                new Finding("1.1", "hideFromDashboard", "unrecognised", "Maybe") { Hidden = true },
                new Finding("1.2", "hideFromDashboard", "unrecognised", "Perhaps") { Hidden = true },
                new Finding("1.3", "hideFromDashboard", "unrecognised", "Later") { Hidden = true },
            ],
            findings);
    }
}
