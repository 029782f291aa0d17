using System.Text;
using SaferCity.Core.Import;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Import;

namespace SaferCity.Integration.Tests.Import;

/// <summary>The tracker read out of Word, Excel and CSV files made with the same libraries people's tools use.</summary>
public sealed class TrackerFileTests : IDisposable
{
    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public void Read_SeedLayoutDocx_FindsEveryActionWithItsThemeAndNumber()
    {
        var table = TrackerFile.Read(files.Docx("seed.docx"));

        Assert.Equal(42, table.Rows.Count);
        var first = table.Rows[0];
        Assert.Equal("1.1", first.Number);
        Assert.Equal("1. Violence Against the Person", first.Values[TrackerField.Theme]);
        Assert.StartsWith("Establish a city-wide Violence", first.Values[TrackerField.KeyAction]);
        Assert.Equal("December 2016", first.Values[TrackerField.DeliveryDeadline]);
        Assert.StartsWith("Complete – the strategy", first.Values[TrackerField.Comments]);
        Assert.Null(table.Rows.Single(r => r.Number == "1.3").Values[TrackerField.LeadService]); // blank in the seed
        Assert.Equal("6.6", table.Rows[^1].Number);
        Assert.Empty(table.IgnoredColumns);
    }

    [Fact]
    public void Read_DocxWithHeadingRepeatedPerPageAndParagraphs_KeepsTheTextAndSkipsTheHeadings()
    {
        var rows = ImportFiles.SeedWith("2.5", r => r with { Comments = "ARC was not established.\nLinked into EDARA project." });
        var table = TrackerFile.Read(files.Docx("pages.docx", rows, repeatHeadingEvery: 5));

        Assert.Equal(42, table.Rows.Count);
        Assert.Equal("ARC was not established.\nLinked into EDARA project.", table.Rows.Single(r => r.Number == "2.5").Values[TrackerField.Comments]);
        Assert.DoesNotContain(table.Rows, r => r.Number.Contains("Key", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Read_XlsxWithRealDateCellsAndMergedThemes_ReadsDatesAndThemes()
    {
        var rows = ImportFiles.Seed.Select(r => r with { Deadline = r.Deadline == "December 2016" ? "2016-12-31" : r.Deadline });
        var table = TrackerFile.Read(files.Xlsx("dates.xlsx", rows, realDates: true));

        Assert.Equal(42, table.Rows.Count);
        var first = table.Rows[0];
        Assert.Equal("1.1", first.Number); // from the "No." column
        Assert.Equal("2016-12-31", first.Values[TrackerField.DeliveryDeadline]); // a date cell, not its serial number
        Assert.Equal("1. Violence Against the Person", first.Values[TrackerField.Theme]); // a merged row across the sheet
        Assert.Equal("G", first.Values[TrackerField.Rag]); // "RAG Rating"
        Assert.Equal("January 2017", table.Rows[1].Values[TrackerField.DeliveryDeadline]); // a text date stays as typed
    }

    [Theory]
    [InlineData("windows-1252")]
    [InlineData("utf-8-bom")]
    public void Read_CsvSavedByExcel_KeepsTheDashInComplete(string encoding)
    {
        const string csv = "Ref,Key Action,Deadline,Lead Service,RAG,Progress,Notes\r\n" +
                           "1. Violence Against the Person,,,,,,\r\n" +
                           "1.1,\"Establish a strategy, city-wide\",December 2016,Community Safety Team,G," +
                           "Complete – consulted for two months,x\r\n" +
                           "1.2,Design training,January 2017,Community Safety Team,G,Complete – training offered,\r\n" +
                           ",,,,,and the rest of the comment after a page break,\r\n";
        var bytes = encoding == "utf-8-bom"
            ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)]
            : CodePages1252(csv);
        var path = files.PathOf("tracker.csv");
        File.WriteAllBytes(path, bytes);

        var table = TrackerFile.Read(path);

        Assert.Equal(["1.1", "1.2"], table.Rows.Select(r => r.Number));
        Assert.Equal("Complete – consulted for two months", table.Rows[0].Values[TrackerField.Comments]);
        Assert.Equal("Establish a strategy, city-wide", table.Rows[0].Values[TrackerField.KeyAction]);
        Assert.Equal("1. Violence Against the Person", table.Rows[0].Values[TrackerField.Theme]);
        Assert.Equal("Complete – training offered and the rest of the comment after a page break", table.Rows[1].Values[TrackerField.Comments]);
        Assert.Equal(["Notes"], table.IgnoredColumns);
    }

    [Fact]
    public void Read_HeadingsInAnotherOrderAndWording_AreFoundByName()
    {
        string[] headings = ["Comments", "RAG", "Lead", "Deadline", "Key Action", "Action", "Theme"];
        var table = TrackerFile.Read(files.Docx("reordered.docx", headings: headings));

        var row = table.Rows.Single(r => r.Number == "2.5");
        Assert.Equal("A", row.Values[TrackerField.Rag]);
        Assert.Equal("December 2016", row.Values[TrackerField.DeliveryDeadline]);
        Assert.StartsWith("Explore the potential", row.Values[TrackerField.KeyAction]);
        Assert.Equal("2. Night Time Economy Crime and Nuisance", row.Values[TrackerField.Theme]);
    }

    [Fact]
    public void Read_DocumentWithoutTrackerTable_IsRefusedAsNotATracker()
    {
        var rows = ImportFiles.Seed.Take(3);
        var path = files.Docx("minutes.docx", rows, headings: ["Attendee", "Organisation", "Apologies"]);

        var refusal = Assert.Throws<ImportRefusedException>(() => TrackerFile.Read(path));

        Assert.Equal("minutes.docx cannot be read as a tracker: no table or sheet has a tracker's headings. " +
                     "Headings seen: Attendee, Organisation, Apologies. " +
                     "Name a column's field with --column \"HEADING=field\" " +
                     "(fields: number, theme, keyAction, deadline, lead, rag, comments, status, hide).", refusal.Message);
    }

    [Fact]
    public void Read_PasswordProtectedDocument_IsRefused()
    {
        // Word and Excel save a password-protected file as an encrypted compound file, not a zip package.
        var path = files.PathOf("locked.docx");
        File.WriteAllBytes(path, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]]);

        var refusal = Assert.Throws<ImportRefusedException>(() => TrackerFile.Read(path));

        Assert.StartsWith("locked.docx is password-protected", refusal.Message);
    }

    [Theory]
    [InlineData("broken.docx")]
    [InlineData("broken.xlsx")]
    public void Read_CorruptDocument_IsRefused(string name)
    {
        var path = name.EndsWith(".docx", StringComparison.Ordinal) ? files.Docx(name) : files.Xlsx(name);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]); // cut short, as by a failed download

        var refusal = Assert.Throws<ImportRefusedException>(() => TrackerFile.Read(path));

        Assert.StartsWith($"{name} is corrupt or not a {Path.GetExtension(name)} document", refusal.Message);
    }

    [Fact]
    public void Read_NoActionNumberColumn_IsRefusedNamingTheHeadings()
    {
        string[] headings = ["Key Action", "Deadline", "Lead", "RAG"];
        var path = files.Docx("unnumbered.docx", headings: headings);

        var refusal = Assert.Throws<ImportRefusedException>(() => TrackerFile.Read(path));

        Assert.StartsWith("unnumbered.docx cannot be read as a tracker: no column for number, " +
                          "and the key actions do not start with a number such as \"1.1\". " +
                          "Headings seen: Key Action, Deadline, Lead, RAG.", refusal.Message);
    }

    [Fact]
    public void Read_TwoRowsWithTheSameNumber_IsRefusedNamingBothRows()
    {
        var rows = ImportFiles.Seed.Select(r => r.Number == "1.4" ? r with { Number = "1.3" } : r);
        var path = files.Docx("duplicate.docx", rows);

        var refusal = Assert.Throws<ImportRefusedException>(() => TrackerFile.Read(path));

        // Row 1 is the heading, row 2 the first theme: 1.3 is row 5, the second "1.3" row 6.
        Assert.Equal("table 1 row 5 and table 1 row 6 both have action number 1.3.", refusal.Message);
    }

    private static byte[] CodePages1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }
}
