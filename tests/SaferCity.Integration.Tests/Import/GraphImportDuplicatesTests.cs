using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary>An import into a SharePoint list that already holds an action twice says so, one plain line, and makes no third.</summary>
public sealed class GraphImportDuplicatesTests : IDisposable
{
    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Import_ListHoldsANumberTwice_PlanSaysSoInOneLineAndCreatesNoOther()
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);
        stack.Settings["Local:StateDir"] = Path.Combine(stack.Root, "state");
        var list = stack.Graph.FindList(GraphEmulator.TrackerList)!;
        var copy = (System.Text.Json.Nodes.JsonObject)list.Items.Single(i => (string?)i["fields"]!["Title"] == "2.5").DeepClone();
        copy["id"] = "43";
        list.Items.Add(copy);

        var result = await stack.RunCliAsync("import", files.Docx("seed.docx"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        var id = (string?)list.Items.First(i => (string?)i["fields"]!["Title"] == "2.5")["id"];
        Assert.Contains($"  Duplicate in the list: 2.5 is item {id} and item 43; only item {id} is compared and updated (a run reads only it too): " +
                        "delete the other in the list.", result.StdOut.Split('\n').Select(l => l.TrimEnd()));
        Assert.Contains("Plan: 0 to create", result.StdOut);
        Assert.Equal(43, list.Items.Count);
    }
}
