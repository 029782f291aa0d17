using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>Lists an admin made by hand: columns found by internal name, then by display name with import's heading words.</summary>
public sealed class ListColumnMapTests
{
    private static readonly ListColumn[] System =
    [
        new("Title", "Title"), new("ID", "ID", ColumnKind.Number) { ReadOnly = true }, new("LinkTitle", "Title") { ReadOnly = true },
        new("Modified", "Modified", ColumnKind.Date) { ReadOnly = true },
    ];

    [Fact]
    public void Map_DefaultNames_EachFieldByItsName()
    {
        var columns = System.Concat(new TrackerColumns().All().Skip(1).Select(n => new ListColumn(n, n))).ToList();

        var mapping = ListColumnMap.Map(new TrackerColumns(), columns);

        Assert.Empty(mapping.Missing);
        Assert.Empty(mapping.Renames(new TrackerColumns()));
        Assert.Equal(new TrackerColumns().All(), mapping.Select);
    }

    [Fact]
    public void Map_ColumnsMadeInTheBrowser_FoundByX0020NamesAndRenamedForTheParser()
    {
        ListColumn[] columns = [.. System, new("Key_x0020_Action", "Key Action"),
            new("Delivery_x0020_Deadline", "Delivery Deadline", ColumnKind.Date),
            new("Lead_x0020_Service", "Lead Service"), new("RAG_x0020_Status", "RAG status", ColumnKind.Choice), new("Comments", "Comments")];

        var mapping = ListColumnMap.Map(new TrackerColumns(), columns);

        Assert.Empty(mapping.Missing);
        Assert.Equal(new Dictionary<string, string>
        {
            ["Key_x0020_Action"] = "KeyAction", ["Delivery_x0020_Deadline"] = "DeliveryDeadline",
            ["Lead_x0020_Service"] = "LeadService", ["RAG_x0020_Status"] = "RAG",
        }, mapping.Renames(new TrackerColumns()));
        Assert.Equal(["Title", "Key_x0020_Action", "Delivery_x0020_Deadline", "Lead_x0020_Service", "RAG_x0020_Status", "Comments"], mapping.Select);
        Assert.DoesNotContain("Status", mapping.Select); // only columns that exist are asked for
    }

    [Fact]
    public void Map_ListMadeFromASpreadsheet_FieldNColumnsFoundByDisplayName()
    {
        ListColumn[] columns = [.. System, new("field_1", "Key action"), new("field_2", "Target date"), new("field_3", "Lead officer/service"),
            new("field_4", "BRAG"), new("field_5", "Progress update"), new("field_6", "Notes to self")];

        var mapping = ListColumnMap.Map(new TrackerColumns(), columns);

        Assert.Empty(mapping.Missing);
        Assert.Equal("field_2", mapping.Found[TrackerField.DeliveryDeadline].Name);
        Assert.Equal("field_5", mapping.Found[TrackerField.Comments].Name);
        Assert.Equal(["field_6"], mapping.Extra.Select(c => c.Name));
    }

    [Fact]
    public void Map_SettingNamesAColumnTheListLacks_MissingEvenThoughADisplayNameFits()
    {
        ListColumn[] columns = [.. System, new("KeyAction", "Key action"), new("Due", "Due"), new("LeadService", "Lead"), new("RAG", "RAG")];

        var mapping = ListColumnMap.Map(new TrackerColumns { DeliveryDeadline = "TargetDate" }, columns);

        Assert.Equal([TrackerField.DeliveryDeadline], mapping.Missing);
    }

    [Fact]
    public void Map_ReadOnlySystemColumn_NeverAField()
    {
        ListColumn[] columns = [new("Title", "Title"), new("KeyAction", "Key action"), new("LeadService", "Lead"), new("RAG", "RAG"),
            new("Date", "Date", ColumnKind.Date) { ReadOnly = true }];

        var mapping = ListColumnMap.Map(new TrackerColumns(), columns);

        Assert.Equal([TrackerField.DeliveryDeadline], mapping.Missing);
    }

    [Fact]
    public void Problem_EssentialColumnsMissing_OneLineNamingThemAndTheColumnsSeen()
    {
        ListColumn[] columns = [.. System, new("Key_x0020_Action", "Key Action"), new("Notes", "Notes"), new("Owner0", "Service area")];

        var problem = ListColumnMap.Map(new TrackerColumns(), columns).Problem("SCP Progress Monitoring", new TrackerColumns());

        Assert.Equal("The tracker list 'SCP Progress Monitoring' has no column for the deadline ('DeliveryDeadline'), " +
                     "the lead service ('LeadService'), " +
                     "the RAG rating ('RAG'), so nothing new was published or sent. Its columns: Title, Key_x0020_Action (\"Key Action\"), Notes, " +
                     "Owner0 (\"Service area\"). Name the column in Tracker__Columns__DeliveryDeadline, Tracker__Columns__LeadService, " +
                     "Tracker__Columns__Rag, or run 'check'.", problem);
    }
}
