using System.Text.Json.Nodes;
using SaferCity.Core.Reading;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// Lead columns an admin made as a Lookup (to the leads list) or a Person column. Graph gives a lookup's text, which is
/// read; for a person it gives only a user number (<c>{name}LookupId</c>), which cannot be routed and is said so plainly.
/// </summary>
public sealed class GraphLeadColumnTypesTests
{
    private static async Task<TestStack> SampleWithLeadColumnAsync(string facet, bool keepText)
    {
        var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        var columns = new TrackerColumns();
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).Select((item, i) =>
        {
            var fields = (JsonObject)item["fields"]!;
            fields["LeadServiceLookupId"] = (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!keepText) fields.Remove("LeadService");
            return item;
        }).ToList();
        stack.Graph.AddList(GraphEmulator.TrackerList, items, columns.All().Select(name =>
            name == columns.LeadService ? GraphEmulator.Column(name, "Lead service", facet) : GraphEmulator.Column(name)));
        stack.Graph.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));
        return stack;
    }

    [Fact]
    public async Task Run_LeadLookupColumn_ReadsTheLookedUpNamesWithTheSampleFigures()
    {
        await using var stack = await SampleWithLeadColumnAsync("lookup", keepText: true);

        var outcome = await stack.RunAsync();

        Assert.Equal(await TestStack.FileRunSummaryAsync(), outcome.Dashboard!.Summary);
        Assert.Empty(outcome.Report!.Tracker.SetupProblems);
    }

    [Fact]
    public async Task Run_LeadPersonColumn_ASetupProblemSaysNoActionCanBeRouted()
    {
        await using var stack = await SampleWithLeadColumnAsync("personOrGroup", keepText: false);

        var outcome = await stack.RunAsync();

        var problem = Assert.Single(outcome.Report!.Tracker.SetupProblems);
        Assert.StartsWith("The lead column LeadService (\"Lead service\") is a Person column: Graph gives each item only a user number", problem);
    }

    [Fact]
    public async Task Check_LeadPersonColumn_Exits2SayingWhy()
    {
        await using var stack = await SampleWithLeadColumnAsync("personOrGroup", keepText: false);

        var result = await stack.RunCliAsync("check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("A run will not work: The lead column LeadService (\"Lead service\") is a Person column", result.StdOut,
            StringComparison.Ordinal);
    }
}
