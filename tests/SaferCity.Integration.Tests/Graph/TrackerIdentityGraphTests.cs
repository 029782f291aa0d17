using SaferCity.Core.Pipeline;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>The cloud's case: Tracker__ListName pointed at another list, with the same state store.</summary>
public sealed class TrackerIdentityGraphTests
{
    [Fact]
    public async Task RunAsync_AnotherListWithTheSameState_WarnsShowsNoDriftAndWritesNoState()
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);
        await stack.RunAsync(new DateOnly(2017, 1, 9));
        var history = File.ReadAllBytes(Path.Combine(stack.Root, "state", TrackerPipeline.HistoryDocument));
        // Next year's plan, kept in a list of its own: 2.5 would be "worse" and 5.4 "removed" if compared with last year's.
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).Where(i => (string?)i["fields"]!["Title"] != "5.4").ToList();
        items.Single(i => (string?)i["fields"]!["Title"] == "2.5")["fields"]!["RAG"] = "R";
        stack.Graph.AddList("SCP Progress Monitoring 2017-18", items, new SaferCity.Core.Reading.TrackerColumns().All());
        stack.Settings["Tracker:ListName"] = "SCP Progress Monitoring 2017-18";

        var outcome = await stack.RunAsync();

        Assert.StartsWith(
            $"The state holds the history of the SharePoint list '{GraphEmulator.TrackerList}' on {GraphEmulator.SiteUrl}, " +
            $"not of the SharePoint list 'SCP Progress Monitoring 2017-18' on {GraphEmulator.SiteUrl}: no drift is shown",
            outcome.Warnings![0], StringComparison.Ordinal);
        Assert.Equal(41, outcome.Dashboard!.Summary.Total);
        Assert.All(outcome.Dashboard.Actions, a => Assert.Empty(a.Drift));
        Assert.Empty(outcome.Dashboard.Removed);
        Assert.Null(outcome.Reminders);
        Assert.Equal(history, File.ReadAllBytes(Path.Combine(stack.Root, "state", TrackerPipeline.HistoryDocument)));
    }
}
