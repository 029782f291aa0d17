using System.Text.Json.Nodes;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>The CLI's check, as an admin runs it against a list: what a run would read, on one screen; exit 0 or 2.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task Check_SampleLists_ShowsTheMappingAndExits0WritingNothing()
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);

        var result = await stack.RunCliAsync("check");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("  deadline  DeliveryDeadline, Text", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("42 items; duplicate numbers: none", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("A run will work.", result.StdOut, StringComparison.Ordinal);
        Assert.True(result.StdOut.Split('\n').Length <= 24, "one screen");
        Assert.DoesNotContain(stack.Graph.Requests, r => !r.StartsWith("GET ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_DeadlineColumnMissing_Exits2NamingTheColumnAndShowingTheMapping()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).ToList();
        stack.Graph.AddList(GraphEmulator.TrackerList, items, ["Theme", "Key_x0020_Action", "LeadService", "RAG", "Comments"],
            new Dictionary<string, string> { ["Key_x0020_Action"] = "Key Action" });
        stack.Graph.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));

        var result = await stack.RunCliAsync("check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("  deadline  MISSING", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("  keyAction Key_x0020_Action (\"Key Action\"), Text", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("A run will not work: The tracker list 'SCP Progress Monitoring' has no column for the deadline", result.StdOut,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_DuplicateNumbersInTheList_Exits2NamingThem()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).ToList();
        var copy = (JsonObject)items.Single(i => i["fields"]!["Title"]!.ToString() == "2.5").DeepClone();
        copy["id"] = "99";
        items.Add(copy);
        stack.Graph.AddList(GraphEmulator.TrackerList, items, new SaferCity.Core.Reading.TrackerColumns().All());
        stack.Graph.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));

        var result = await stack.RunCliAsync("check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("duplicate numbers: 2.5 ×2", result.StdOut, StringComparison.Ordinal);
    }
}
