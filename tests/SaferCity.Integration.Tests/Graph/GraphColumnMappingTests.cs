using System.Text.Json.Nodes;
using SaferCity.Core.Pipeline;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// Lists an admin made by hand: columns created in the browser (<c>Lead_x0020_Service</c>) or a list made from a
/// spreadsheet (<c>field_1</c>…) are read by display name; a list without an essential column is refused, never published.
/// </summary>
public sealed class GraphColumnMappingTests
{
    /// <summary>The sample under an admin's names, its deadline column named so that nothing finds it.</summary>
    private static readonly Dictionary<string, (string, string)> DeadlineUnknown = new()
    {
        ["Theme"] = ("Theme", "Theme"), ["KeyAction"] = ("Key_x0020_Action", "Key Action"),
        ["DeliveryDeadline"] = ("When0", "When it lands"), ["LeadService"] = ("Lead_x0020_Service", "Lead Service"),
        ["RAG"] = ("RAG", "RAG"), ["Comments"] = ("Comments", "Comments"), ["HideFromDashboard"] = ("HideFromDashboard", "Hide from dashboard"),
    };

    private static async Task<TestStack> SampleUnderNamesAsync(IReadOnlyDictionary<string, (string Name, string Shown)> names,
        bool sendGrid = false)
    {
        var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: sendGrid);
        stack.Graph.PageSize = 10;
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).Select(item =>
        {
            var fields = (JsonObject)item["fields"]!;
            item["fields"] = new JsonObject(fields.Select(f =>
                KeyValuePair.Create(names.TryGetValue(f.Key, out var n) ? n.Name : f.Key, f.Value?.DeepClone())));
            return item;
        }).ToList();
        stack.Graph.AddList(GraphEmulator.TrackerList, items, names.Values.Select(n => GraphEmulator.Column(n.Name, n.Shown)));
        stack.Graph.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));
        return stack;
    }

    [Fact]
    public async Task Run_ColumnsMadeInTheBrowser_ReadByDisplayNameWithTheSampleFigures()
    {
        await using var run = await SampleUnderNamesAsync(new Dictionary<string, (string, string)>
        {
            ["Theme"] = ("Theme", "Theme"), ["KeyAction"] = ("Key_x0020_Action", "Key Action"),
            ["DeliveryDeadline"] = ("Delivery_x0020_Deadline", "Delivery Deadline"), ["LeadService"] = ("Lead_x0020_Service", "Lead Service"),
            ["RAG"] = ("RAG", "RAG"), ["Comments"] = ("Comments", "Comments"),
            ["HideFromDashboard"] = ("Hide_x0020_from_x0020_dashboard", "Hide from dashboard"),
        });

        var outcome = await run.RunAsync();

        Assert.Equal(await TestStack.FileRunSummaryAsync(), outcome.Dashboard!.Summary);
        Assert.Contains(run.Graph.Requests, r => r.Contains(
            "fields(select=Title,Theme,Key_x0020_Action,Delivery_x0020_Deadline,Lead_x0020_Service,RAG,Comments,Hide_x0020_from_x0020_dashboard)",
            StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ListMadeFromASpreadsheet_FieldNColumnsReadWithTheSampleFigures()
    {
        await using var run = await SampleUnderNamesAsync(new Dictionary<string, (string, string)>
        {
            ["Theme"] = ("field_1", "Theme"), ["KeyAction"] = ("field_2", "Key action"), ["DeliveryDeadline"] = ("field_3", "Delivery deadline"),
            ["LeadService"] = ("field_4", "Responsibility/Lead service"), ["RAG"] = ("field_5", "RAG"), ["Comments"] = ("field_6", "Comments"),
            ["HideFromDashboard"] = ("field_7", "Hide from dashboard"),
        });

        var outcome = await run.RunAsync();

        Assert.Equal(await TestStack.FileRunSummaryAsync(), outcome.Dashboard!.Summary);
        Assert.Equal(["2.5", "4.2"], outcome.Dashboard.Actions.Where(a => a.Overdue).Select(a => a.Id));
    }

    [Fact]
    public async Task Run_DeadlineColumnNotFound_FailsNamingItAndTheColumnsAndWritesNothing()
    {
        await using var run = await SampleUnderNamesAsync(DeadlineUnknown);

        var error = await run.FailingRunAsync(TestStack.AsOf);

        Assert.Equal("The tracker list 'SCP Progress Monitoring' has no column for the deadline ('DeliveryDeadline'), so nothing new was published " +
                     "or sent. Its columns: Title, Theme, Key_x0020_Action (\"Key Action\"), When0 (\"When it lands\"), " +
                     "Lead_x0020_Service (\"Lead Service\"), " +
                     "RAG, Comments, HideFromDashboard (\"Hide from dashboard\"). " +
                     "Name the column in Tracker__Columns__DeliveryDeadline, or run 'check'.",
            error.Message);
        Assert.Empty(run.WrittenFiles());
        Assert.DoesNotContain(run.Graph.Requests, r => r.Contains("/items", StringComparison.Ordinal)); // refused before the items are read
    }

    [Fact]
    public async Task Run_DeadlineColumnNotFoundHourAfterHour_CoordinatorToldOnceThroughSendGridAndNothingElseSent()
    {
        await using var run = await SampleUnderNamesAsync(DeadlineUnknown, sendGrid: true);

        var first = await run.FailingRunAsync(TestStack.AsOf);
        var anHourLater = new InstantDelays(new DateTimeOffset(TestStack.AsOf.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero));
        var second = await run.FailingRunAsync(TestStack.AsOf, anHourLater);

        Assert.Equal(first.Message, second.Message);
        var notice = Assert.Single(run.SendGrid.AcceptedRequests);
        Assert.Equal([TestStack.Coordinator], notice.To);
        Assert.StartsWith("Set-up problem: the tracker could not be read", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("has no column for the deadline ('DeliveryDeadline')", notice.Text, StringComparison.Ordinal);
        Assert.Contains("When0 (\"When it lands\")", notice.Text, StringComparison.Ordinal);
        Assert.Contains("Tracker__Columns__DeliveryDeadline", notice.Text, StringComparison.Ordinal);
        // Only the notice's own record: no dashboard, no history, no ledger.
        Assert.Equal([Path.Combine(run.Root, "state", "setup-notice.json")], run.WrittenFiles());
    }

    [Fact]
    public async Task Run_SettingNamesTheColumn_ReadThroughTheSetting()
    {
        await using var run = await SampleUnderNamesAsync(new Dictionary<string, (string, string)>
        {
            ["Theme"] = ("Theme", "Theme"), ["KeyAction"] = ("KeyAction", "Key action"), ["DeliveryDeadline"] = ("When0", "When it lands"),
            ["LeadService"] = ("LeadService", "Lead"), ["RAG"] = ("RAG", "RAG"), ["Comments"] = ("Comments", "Comments"),
            ["HideFromDashboard"] = ("HideFromDashboard", "Hide from dashboard"),
        });
        run.Settings["Tracker:Columns:DeliveryDeadline"] = "When0";

        var outcome = await run.RunAsync();

        Assert.Equal(RunStatus.Completed, outcome.Status);
        Assert.Equal(await TestStack.FileRunSummaryAsync(), outcome.Dashboard!.Summary);
    }

    [Fact]
    public async Task Run_ListWithoutAStatusColumn_StatusNeverAskedFor()
    {
        await using var run = await SampleUnderNamesAsync(new Dictionary<string, (string, string)>
        {
            ["Theme"] = ("Theme", "Theme"), ["KeyAction"] = ("KeyAction", "KeyAction"),
            ["DeliveryDeadline"] = ("DeliveryDeadline", "DeliveryDeadline"),
            ["LeadService"] = ("LeadService", "LeadService"), ["RAG"] = ("RAG", "RAG"), ["Comments"] = ("Comments", "Comments"),
            ["HideFromDashboard"] = ("HideFromDashboard", "HideFromDashboard"),
        });

        await run.RunAsync();

        // The strict emulator answers 400 for a name the list has no column for, as SharePoint may.
        Assert.DoesNotContain(run.Graph.Requests, r => r.Contains("/items?", StringComparison.Ordinal)
            && r.Contains("Status", StringComparison.Ordinal));
    }
}
