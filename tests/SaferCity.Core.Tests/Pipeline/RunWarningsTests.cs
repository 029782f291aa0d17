using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>Runs that complete but look wrong: the run still publishes and sends, and says what to check.</summary>
public sealed class RunWarningsTests
{
    [Fact]
    public async Task RunAsync_SampleWithCoordinator_NoWarnings()
    {
        var outcome = await Harness.ForSample().RunAsync("2017-01-16");

        Assert.Empty(outcome.Warnings!);
    }

    [Fact]
    public async Task RunAsync_NoItems_WarnsAndStillPublishes()
    {
        var harness = new Harness([]);

        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Contains(outcome.Warnings!, w => w.StartsWith("0 actions were read", StringComparison.Ordinal) && w.Contains("Tracker__ListName"));
        Assert.True(harness.Site.Files.ContainsKey("index.html"));
        Assert.Contains("0 actions were read", Summary(harness).Text);
    }

    [Fact]
    public async Task RunAsync_MostItemsWithoutNumber_NamesTheSettingAndTheColumnsSeen()
    {
        // The number lives in a column the mapping does not know: "ActionNo" instead of "Title".
        var items = Enumerable.Range(1, 4).Select(i => Rename(Items.Action($"1.{i}"), "Title", "ActionNo")).Append(Items.Action("2.1"));
        var harness = new Harness(items);

        var outcome = await harness.RunAsync("2017-01-16");

        var warning = Assert.Single(outcome.Warnings!);
        Assert.StartsWith("4 of 5 tracker items have no action number", warning);
        Assert.Contains("Tracker__Columns__Number", warning);
        Assert.Contains("columns seen: ActionNo, Comments, DeliveryDeadline, KeyAction, LeadService, RAG, Theme, Title)", warning);
        Assert.Contains("Tracker__Columns__Number", Summary(harness).Text);
    }

    [Fact]
    public async Task RunAsync_HalfWithoutNumber_IsNotWarnedAbout()
    {
        var items = new[] { Items.Action(null), Items.Action("1.1") };

        var outcome = await new Harness(items).RunAsync("2017-01-16");

        Assert.Empty(outcome.Warnings!);
    }

    [Fact]
    public async Task RunAsync_NoCoordinator_WarnsThatNoSummaryGoesOut()
    {
        var harness = new Harness([Items.Action("1.1", deadline: "December 2016")], coordinator: null);

        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Contains(outcome.Warnings!, w => w.Contains("Reminders__Coordinator"));
        Assert.DoesNotContain(harness.Email.Sent, m => m.DigestId.EndsWith("/" + CoordinatorSummary.Key, StringComparison.Ordinal));
        Assert.NotEmpty(harness.Email.Sent); // the leads' digests still go
    }

    [Fact]
    public async Task RunAsync_DashboardOnly_NoCoordinatorWarning()
    {
        var outcome = await new Harness([Items.Action("1.1")], coordinator: null).RunAsync("2017-01-16", remind: false);

        Assert.Empty(outcome.Warnings!);
    }

    [Fact]
    public async Task RunAsync_FindingCount_IsTheCoordinatorSummarysCount()
    {
        var harness = Harness.ForSample();

        var outcome = await harness.RunAsync("2017-01-16");

        // Findings on completed actions (the sample's 1.3 and 4.1) are not the coordinator's to fix, so not counted.
        var count = outcome.Report!.CoordinatorFindings.Count(f => outcome.Report.Assessments.Any(a => a.Action.Number == f.Id && a.Action.Open));
        Assert.Equal(2, outcome.Report.CoordinatorFindings.Count);
        Assert.Equal(0, count);
        Assert.DoesNotContain("DATA PROBLEMS IN THE LISTS", Summary(harness).Text);
    }

    private static EmailMessage Summary(Harness harness) =>
        harness.Email.Sent.Single(m => m.DigestId.EndsWith("/" + CoordinatorSummary.Key, StringComparison.Ordinal));

    private static Core.Model.ListItem Rename(Core.Model.ListItem item, string from, string to)
    {
        var fields = new Dictionary<string, object?>(item.Fields, StringComparer.OrdinalIgnoreCase);
        fields[to] = fields[from];
        fields.Remove(from);
        return item with { Fields = fields };
    }
}
