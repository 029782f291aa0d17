using System.Text.Json.Nodes;
using MimeKit;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// What reading SharePoint through Graph (the real SDK against the emulator, the production composition) must
/// never do: stop every run on one pasted half-character, or publish an item because its hide column was missed.
/// </summary>
public sealed class GraphReadingBoundaryTests
{
    private const string Coordinator = "coordinator@example.org";

    private static JsonObject Fields(GraphEmulator emulator, string number) =>
        (JsonObject)emulator.FindList(GraphEmulator.TrackerList)!.Items.Single(i => i["fields"]?["Title"]?.ToString() == number)["fields"]!;

    /// <summary>The stack with digests written to the outbox, where a test reads the coordinator's summary.</summary>
    private static async Task<TestStack> StartAsync(TrackerFrom tracker)
    {
        var stack = await TestStack.StartAsync(tracker, sendGrid: false);
        stack.Settings["Reminders:Coordinator"] = Coordinator;
        return stack;
    }

    /// <summary>The sample on a list whose columns are <paramref name="columns"/>; 2.5 carries <paramref name="hide"/>.</summary>
    private static async Task<TestStack> SampleWithColumnsAsync(IEnumerable<string> columns, (string Column, JsonNode Value)? hide)
    {
        var stack = await StartAsync(TrackerFrom.GraphEmpty);
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).ToList();
        if (hide is { } h) ((JsonObject)items.Single(i => i["fields"]?["Title"]?.ToString() == "2.5")["fields"]!)[h.Column] = h.Value;
        stack.Graph.AddList(GraphEmulator.TrackerList, items, columns);
        stack.Graph.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));
        return stack;
    }

    [Fact]
    public async Task Run_LoneSurrogateInACommentThroughGraph_CompletesAndReportsTheField()
    {
        await using var run = await StartAsync(TrackerFrom.GraphSample);
        Fields(run.Graph, "1.1")["Comments"] = "Progress LONE-HALF made";
        run.Graph.ServeRawText("LONE-HALF", "\\ud800"); // as SharePoint serves it: "Progress \ud800 made"

        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        var dashboard = DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(run.Root, "out", "site", "dashboard.json")))!;
        Assert.Equal("Progress \uFFFD made", dashboard.Actions.Single(a => a.Id == "1.1").Comments);
        Assert.Contains(dashboard.DataQuality, f => (f.Id, f.Field, f.Problem) == ("1.1", "comments", "invalid characters"));
        Assert.Equal(42, dashboard.Summary.Total);
    }

    [Fact]
    public async Task Run_HideColumnUnderSharePointsUiName_ReadAndTheItemHidden()
    {
        var columns = new TrackerColumns().All().Where(c => c != "HideFromDashboard").Append(TrackerColumns.HideFromDashboardUiName);
        await using var run = await SampleWithColumnsAsync(columns, (TrackerColumns.HideFromDashboardUiName, true));

        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Contains(run.Graph.Requests, r => r.Contains("/items?$expand=fields(select=", StringComparison.Ordinal) &&
                                                 r.Contains(TrackerColumns.HideFromDashboardUiName, StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Dashboard!.Actions, a => a.Id == "2.5");
        Assert.Equal(41, outcome.Dashboard.Summary.Total);
        Assert.Empty(outcome.Report!.Tracker.SetupProblems);
        Assert.DoesNotContain(run.Logs.Lines, l => l.Contains("SET-UP PROBLEM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TrackerListWithoutAHideColumn_PublishesNothingAndTellsTheCoordinatorLoudlyInTheSummaryAndTheRunsLogLine()
    {
        var columns = new TrackerColumns().All().Where(c => c != "HideFromDashboard");
        await using var run = await SampleWithColumnsAsync(columns, hide: null);

        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status); // the private part (reminders) goes on
        Assert.Null(outcome.Published);
        Assert.False(File.Exists(Path.Combine(run.Root, "out", "site", "dashboard.json")), "nothing may be published");
        Assert.Single(run.Graph.Requests, r => r.Contains("/list-1/columns", StringComparison.Ordinal));
        var line = Assert.Single(run.Logs.Lines, l => l.Contains("Run Completed as of", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", line, StringComparison.Ordinal);
        Assert.Contains("SET-UP PROBLEM: The tracker list 'SCP Progress Monitoring' has no column 'HideFromDashboard'", line,
            StringComparison.Ordinal);

        var summary = Directory.GetFiles(Path.Combine(run.Root, "out", "outbox"), "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(a => a.Address == Coordinator));
        Assert.StartsWith("Set-up problem: ", summary.Subject, StringComparison.Ordinal);
        var text = summary.TextBody ?? "";
        Assert.Contains("SET-UP PROBLEM, please fix first: The tracker list 'SCP Progress Monitoring' has no column 'HideFromDashboard'",
            text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("SET-UP PROBLEM", StringComparison.Ordinal) < text.IndexOf("OVERDUE", StringComparison.OrdinalIgnoreCase),
            "the set-up problem comes before the actions");
        Assert.Contains("nothing new is published until it has one", summary.HtmlBody ?? "", StringComparison.Ordinal);
        Assert.Contains("Tracker__NoConfidentialItems=true", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TrackerListWithoutAHideColumnButDeclaredNonConfidential_PublishesWithoutASetUpProblem()
    {
        var columns = new TrackerColumns().All().Where(c => c != "HideFromDashboard");
        await using var run = await SampleWithColumnsAsync(columns, hide: null);
        run.Settings["Tracker:NoConfidentialItems"] = "true";

        var outcome = await run.RunAsync();

        Assert.Equal(42, outcome.Dashboard!.Summary.Total);
        Assert.True(File.Exists(Path.Combine(run.Root, "out", "site", "dashboard.json")));
        Assert.Empty(outcome.Report!.Tracker.SetupProblems);
    }
}
