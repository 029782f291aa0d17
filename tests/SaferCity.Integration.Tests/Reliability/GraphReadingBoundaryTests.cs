using System.Text.Json.Nodes;
using MimeKit;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Graph;

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

    private static Dictionary<string, string?> Settings(GraphEmulator emulator)
    {
        var settings = PipelineHarness.GraphSettings(emulator);
        settings["Reminders:Coordinator"] = Coordinator;
        return settings;
    }

    /// <summary>The sample on a list whose columns are <paramref name="columns"/>; 2.5 carries <paramref name="hide"/>.</summary>
    private static async Task<GraphEmulator> SampleWithColumnsAsync(IEnumerable<string> columns, (string Column, JsonNode Value)? hide)
    {
        var emulator = await GraphEmulator.StartAsync(withSample: false);
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).ToList();
        if (hide is { } h) ((JsonObject)items.Single(i => i["fields"]?["Title"]?.ToString() == "2.5")["fields"]!)[h.Column] = h.Value;
        emulator.AddList(GraphEmulator.TrackerList, items, columns);
        emulator.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));
        return emulator;
    }

    [Fact]
    public async Task Run_LoneSurrogateInACommentThroughGraph_CompletesAndReportsTheField()
    {
        await using var emulator = await GraphEmulator.StartAsync();
        Fields(emulator, "1.1")["Comments"] = "Progress LONE-HALF made";
        emulator.ServeRawText("LONE-HALF", "\\ud800"); // as SharePoint serves it: "Progress \ud800 made"
        using var run = PipelineHarness.Create(Settings(emulator));

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
        await using var emulator = await SampleWithColumnsAsync(columns, (TrackerColumns.HideFromDashboardUiName, true));
        var logs = new InMemoryLogs();
        using var run = PipelineHarness.Create(Settings(emulator), logs);

        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Contains(emulator.Requests, r => r.Contains("/items?$expand=fields(select=", StringComparison.Ordinal) &&
                                                r.Contains(TrackerColumns.HideFromDashboardUiName, StringComparison.Ordinal));
        Assert.DoesNotContain(outcome.Dashboard!.Actions, a => a.Id == "2.5");
        Assert.Equal(41, outcome.Dashboard.Summary.Total);
        Assert.Empty(outcome.Report!.Tracker.SetupProblems);
        Assert.DoesNotContain(logs.Lines, l => l.Contains("SET-UP PROBLEM", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TrackerListWithoutAHideColumn_CoordinatorToldLoudlyInTheSummaryAndTheRunsLogLine()
    {
        var columns = new TrackerColumns().All().Where(c => c != "HideFromDashboard");
        await using var emulator = await SampleWithColumnsAsync(columns, hide: null);
        var logs = new InMemoryLogs();
        using var run = PipelineHarness.Create(Settings(emulator), logs);

        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status); // nothing can be hidden, so nothing hidden is at risk: the run goes on
        Assert.Single(emulator.Requests, r => r.Contains("/columns", StringComparison.Ordinal));
        var line = Assert.Single(logs.Lines, l => l.Contains("Run Completed as of", StringComparison.Ordinal));
        Assert.StartsWith("Warning ", line, StringComparison.Ordinal);
        Assert.Contains("SET-UP PROBLEM: The tracker list 'SCP Progress Monitoring' has no column 'HideFromDashboard'", line, StringComparison.Ordinal);

        var summary = Directory.GetFiles(Path.Combine(run.Root, "out", "outbox"), "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(a => a.Address == Coordinator));
        Assert.StartsWith("Set-up problem: ", summary.Subject, StringComparison.Ordinal);
        var text = summary.TextBody ?? "";
        Assert.Contains("SET-UP PROBLEM, please fix first: The tracker list 'SCP Progress Monitoring' has no column 'HideFromDashboard'",
            text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("SET-UP PROBLEM", StringComparison.Ordinal) < text.IndexOf("OVERDUE", StringComparison.OrdinalIgnoreCase),
            "the set-up problem comes before the actions");
        Assert.Contains("every item is published", summary.HtmlBody ?? "", StringComparison.Ordinal);
    }
}
