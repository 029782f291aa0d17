using SaferCity.Core.Import;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Import;

public sealed class TrackerTableReaderTests
{
    private static readonly string[] Headings = ["No", "Key action", "Deadline", "Lead", "RAG", "Comments"];

    private static RawTable Table(string[] headings, params string[][] rows) =>
        new("table 1", [new RawRow("row 1", headings), .. rows.Select((r, i) => new RawRow($"row {i + 2}", r))]);

    private static ImportedTable Read(params RawTable[] tables) => TrackerTableReader.Read("t.docx", new RawDocument(tables, []));

    [Fact]
    public void Read_HideValueNobodyCanRead_HidesTheRowAndSaysSo()
    {
        var table = Table([.. Headings, "Confidential"],
            ["1.1", "A", "March 2017", "Police", "G", "", "maybe"],
            ["1.2", "B", "March 2017", "Police", "G", "", "No"],
            ["1.3", "C", "March 2017", "Police", "G", "", "✓"]);

        var read = Read(table);

        Assert.Equal([true, false, true], read.Rows.Select(r => r.Hidden));
        Assert.Contains("Hidden from the dashboard by 'Confidential': 2 of 3 actions (1.1, 1.3).", read.Describe());
        Assert.Contains(read.SkippedRows, s => s.Contains("hide value \"maybe\" not understood", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_EmptyRagCellWithFill_NearestColourIsTheRating()
    {
        string?[] fills = [null, null, null, null, "92D050", null];
        var table = new RawTable("table 1", [new RawRow("row 1", Headings),
            new RawRow("row 2", ["1.1", "A", "March 2017", "Police", "", ""], Fills: fills),
            new RawRow("row 3", ["1.2", "B", "March 2017", "Police", "", "Complete"], Fills: [null, null, null, null, "D9D9D9", null])]);

        var read = Read(table);

        Assert.Equal("Green", read.Rows[0].Values[TrackerField.Rag]);
        Assert.Null(read.Rows[1].Values[TrackerField.Rag]); // grey is no rating
    }

    [Fact]
    public void Read_StatusHoldsRagAndBlue_RatingAndComplete()
    {
        var read = Read(Table(["Ref", "Action", "Due", "Owner", "Status"],
            ["1.1", "A", "March 2017", "Police", "Amber"],
            ["1.2", "B", "March 2017", "Police", "Blue"]));

        Assert.Equal("Amber", read.Rows[0].Values[TrackerField.Rag]);
        Assert.Null(read.Rows[1].Values[TrackerField.Rag]);
        Assert.Equal("Complete", read.Rows[1].Values[TrackerField.Status]);
    }

    [Fact]
    public void Read_OneTablePerThemeUnderHeadings_ReadsAllInOrderWithTheirThemes()
    {
        var key = new RawTable("table 1", [new RawRow("row 1", ["Red", "Off track"]), new RawRow("row 2", ["Green", "On track"])]);
        var first = Table(Headings, ["1.1", "A", "March 2017", "Police", "G", ""]) with { Source = "table 2", Caption = "1. Violence" };
        var second = Table(Headings, ["2.1", "B", "March 2017", "Police", "G", ""]) with { Source = "table 3", Caption = "2. ASB" };

        var read = Read(key, first, second);

        Assert.Equal(["1.1", "2.1"], read.Rows.Select(r => r.Number));
        Assert.Equal(["1. Violence", "2. ASB"], read.Rows.Select(r => r.Values[TrackerField.Theme]));
        Assert.Contains("  Not read: table 1 (a RAG key)", read.Describe());
    }

    [Fact]
    public void Read_NoLeadColumn_RefusedNamingHeadingsAndColumnOption()
    {
        var refusal = Assert.Throws<ImportRefusedException>(() => Read(Table(["No", "Key action", "Deadline", "Person", "RAG"],
            ["1.1", "A", "March 2017", "Police", "G"])));

        Assert.Equal("t.docx cannot be read as a tracker: no column for lead. Headings seen: No, Key action, Deadline, Person, RAG. " +
                     "Name a column's field with --column \"HEADING=field\" " +
                     "(fields: number, theme, keyAction, deadline, lead, rag, comments, status, hide).",
            refusal.Message);
    }

    [Fact]
    public void Read_ColumnChoice_OverridesTheHeadingWords()
    {
        var table = Table(["No", "Key action", "Deadline", "Person", "RAG", "Notes"], ["1.1", "A", "March 2017", "Police", "G", "x"]);

        var read = TrackerTableReader.Read("t.docx", new RawDocument([table], []), ColumnChoices.Parse(["person=lead", "Notes=ignore"]));

        Assert.Equal("Police", read.Rows[0].Values[TrackerField.LeadService]);
        Assert.Contains("Person → lead", read.Mapping);
        Assert.Equal(["Notes"], read.IgnoredColumns);
    }

    [Fact]
    public void Parse_ColumnChoiceWithUnknownField_RefusedListingTheFields() =>
        Assert.StartsWith("--column \"Person=boss\": 'boss' is not a field. Fields: number, theme",
            Assert.Throws<ImportRefusedException>(() => ColumnChoices.Parse(["Person=boss"])).Message);
}
