using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Import;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Import;

public sealed class ImportPlannerTests
{
    private static readonly HashSet<TrackerField> AllFields =
        [TrackerField.Number, TrackerField.Theme, TrackerField.KeyAction, TrackerField.DeliveryDeadline, TrackerField.LeadService,
            TrackerField.Rag, TrackerField.Comments];

    private static ImportedRow Row(string number, string? lead = "Police", string? rag = "G", string? deadline = "December 2016",
        string? comments = "Ongoing") =>
        new(number, $"table 1 row {number}", new Dictionary<TrackerField, string?>
        {
            [TrackerField.Theme] = "1. Violence", [TrackerField.KeyAction] = $"Action {number}", [TrackerField.DeliveryDeadline] = deadline,
            [TrackerField.LeadService] = lead, [TrackerField.Rag] = rag, [TrackerField.Comments] = comments,
        });

    private static ImportedTable Table(params ImportedRow[] rows) => new("table 1", rows, AllFields, [], []);

    private static ListItem Item(string id, string number, string rag = "G", string deadline = "December 2016", string lead = "Police") =>
        new(id, null, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Title"] = number, ["Theme"] = "1. Violence", ["KeyAction"] = $"Action {number}", ["DeliveryDeadline"] = deadline,
            ["LeadService"] = lead, ["RAG"] = rag, ["Comments"] = "Ongoing",
        });

    [Fact]
    public void Plan_ListWritesRagAsWords_SameRagIsUnchangedAndNewRowsUseWords()
    {
        var plan = new ImportPlanner(new TrackerColumns())
            .Plan(Table(Row("1.1"), Row("1.2", rag: "amber")), [Item("7", "1.1", rag: "Green")], deadlineIsDate: false);

        Assert.Equal(["1.1"], plan.Unchanged);
        Assert.Equal("Amber", Assert.Single(plan.Creates).Fields["RAG"]);
    }

    [Fact]
    public void Plan_DateColumn_SameDayIsUnchangedAndAnUnreadableDeadlineIsLeftOutAndReported()
    {
        var existing = Item("7", "1.1", deadline: "2016-12-31T00:00:00Z");

        var plan = new ImportPlanner(new TrackerColumns())
            .Plan(Table(Row("1.1"), Row("1.2", deadline: "when funded")), [existing], deadlineIsDate: true);

        Assert.Equal(["1.1"], plan.Unchanged);
        Assert.False(Assert.Single(plan.Creates).Fields.ContainsKey("DeliveryDeadline"));
        Assert.Contains(new Finding("1.2", "deadline", "unreadable", "when funded"), plan.Findings);
    }

    [Fact]
    public void Plan_CellBlankedInTheFile_ClearsTheFieldAndReportsTheMissingLead()
    {
        var plan = new ImportPlanner(new TrackerColumns()).Plan(Table(Row("1.3", lead: null)), [Item("3", "1.3")], deadlineIsDate: false);

        var update = Assert.Single(plan.Updates);
        Assert.Equal("3", update.ItemId);
        Assert.Equal([new FieldChange("LeadService", "Police", null)], update.Changes);
        Assert.Equal([new Finding("1.3", "lead", "missing")], plan.Findings);
    }

    [Fact]
    public void Plan_ItemMissingFromTheFile_IsListedNotDeleted()
    {
        var plan = new ImportPlanner(new TrackerColumns())
            .Plan(Table(Row("1.1")), [Item("1", "1.1"), Item("2", "1.10"), Item("3", "1.2")], deadlineIsDate: false);

        Assert.Equal(["1.2", "1.10"], plan.NotInFile);
        Assert.False(plan.HasWrites);
        Assert.Contains("Plan: 0 to create, 0 to update, 1 unchanged, 2 in the list but not in the file.", plan.Describe());
    }

    [Fact]
    public void Plan_ConfiguredColumnNames_AreTheFieldsWritten()
    {
        var columns = new TrackerColumns { Number = "ActionNo", Comments = "Progress" };

        var plan = new ImportPlanner(columns).Plan(Table(Row("1.1")), [], deadlineIsDate: false);

        var fields = Assert.Single(plan.Creates).Fields;
        Assert.Equal("1.1", fields["ActionNo"]);
        Assert.Equal("Ongoing", fields["Progress"]);
        Assert.False(fields.ContainsKey("Title"));
    }

    [Fact]
    public async Task FileTarget_UpdateAndCreate_ChangesOnlyThoseFieldsAndKeepsTheRest()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("safercity-import-").FullName, "t.json");
        await File.WriteAllTextAsync(path, """
            {"@odata.context":"x","value":[{"id":"4","eTag":"e","fields":{"Title":"1.1","Theme":"1. Violence","KeyAction":"Action 1.1",
             "DeliveryDeadline":"December 2016","LeadService":"Police","RAG":"A","Comments":"Ongoing","HideFromDashboard":true}}]}
            """);
        var target = new FileImportTarget(path, new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 9, 0, 0, TimeSpan.Zero)));
        var state = await target.ReadAsync(CancellationToken.None);
        var plan = new ImportPlanner(new TrackerColumns()).Plan(Table(Row("1.1"), Row("1.2")), state.Items, state.DeadlineIsDate);

        await target.ApplyAsync(plan, CancellationToken.None);

        var items = ListItemJson.Parse(await File.ReadAllBytesAsync(path));
        Assert.Equal(["4", "5"], items.Select(i => i.Id));
        Assert.Equal("G", items[0]["RAG"]);
        Assert.Equal(true, items[0]["HideFromDashboard"]); // a column the import does not know is kept
        Assert.Equal(new DateTimeOffset(2017, 1, 16, 9, 0, 0, TimeSpan.Zero), items[0].LastModified);
        Assert.Equal("Action 1.2", items[1]["KeyAction"]);
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
