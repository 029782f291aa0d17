using System.Globalization;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace SaferCity.Synthetic;

/// <summary>One action as a partnership's own document shows it.</summary>
public sealed record TrackerRow(string Number, string Theme, string KeyAction, string Deadline, string Lead, string Rag, string Comments);

/// <summary>
/// Writes a tracker the way partnerships keep one, with the Open XML SDK: a Word document laid out like the seed
/// (title and key, theme rows merged across the table, the number at the start of the key action, a heading row
/// that repeats on every page, comments in paragraphs), or an Excel sheet (merged theme rows, optional real date cells).
/// Used by the import tests and, once, to make the bundled sample document.
/// </summary>
public static class TrackerDocuments
{
    public static readonly string[] SeedHeadings = ["Key actions", "Delivery deadline", "Responsibility/ Lead service", "RAG", "Comments"];

    /// <summary>The rows of a recorded Graph list-items response (the bundled sample's tracker.json).</summary>
    public static IReadOnlyList<TrackerRow> FromListItems(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("value").EnumerateArray().Select(item =>
        {
            var f = item.GetProperty("fields");
            string Text(string name) => f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
            return new TrackerRow(Text("Title"), Text("Theme"), Text("KeyAction"), Text("DeliveryDeadline"), Text("LeadService"), Text("RAG"),
                Text("Comments"));
        })];
    }

    /// <param name="repeatHeadingEvery">Also write the heading row again as an ordinary row every N actions
    /// (a document pasted together from pages).</param>
    public static void WriteDocx(string path, IEnumerable<TrackerRow> rows, string[]? headings = null, int repeatHeadingEvery = 0)
    {
        headings ??= SeedHeadings;
        using var document = WordprocessingDocument.Create(path, WordprocessingDocumentType.Document);
        var main = document.AddMainDocumentPart();
        var body = new W.Body(
            Paragraph("Safer City Partnership Progress Monitoring Tool", bold: true),
            Paragraph("April 2016 to March 2017"),
            Paragraph("Key:"),
            Paragraph("All actions are assigned a RAG rating which relates to whether they are on target for the 'Delivery deadline'. " +
                      "Once an action is complete, this will be noted in the 'comments' section and the action greyed out."));

        var table = new W.Table(
            new W.TableProperties(
                new W.TableBorders(
                    new W.TopBorder { Val = W.BorderValues.Single, Size = 4 }, new W.BottomBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.LeftBorder { Val = W.BorderValues.Single, Size = 4 }, new W.RightBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.InsideHorizontalBorder { Val = W.BorderValues.Single, Size = 4 },
                    new W.InsideVerticalBorder { Val = W.BorderValues.Single, Size = 4 }),
                new W.TableWidth { Type = W.TableWidthUnitValues.Pct, Width = "5000" }),
            new W.TableGrid([.. headings.Select(_ => new W.GridColumn { Width = (9000 / headings.Length).ToString(CultureInfo.InvariantCulture) })]));

        // The heading row repeats at the top of every page, as Word does with "Repeat as header row".
        var headingRow = new W.TableRow(new W.TableRowProperties(new W.TableHeader()));
        foreach (var heading in headings) headingRow.Append(Cell(heading, bold: true));
        table.Append(headingRow);

        string? theme = null;
        var count = 0;
        foreach (var row in rows)
        {
            if (row.Theme != theme)
            {
                theme = row.Theme;
                var themeCell = Cell(theme, bold: true);
                themeCell.TableCellProperties = new W.TableCellProperties(new W.GridSpan { Val = headings.Length });
                table.Append(new W.TableRow(themeCell));
            }
            if (repeatHeadingEvery > 0 && count > 0 && count % repeatHeadingEvery == 0)
            {
                var again = new W.TableRow();
                foreach (var heading in headings) again.Append(Cell(heading, bold: true));
                table.Append(again);
            }
            count++;
            var tr = new W.TableRow();
            foreach (var heading in headings) tr.Append(Cell(ValueFor(heading, row)));
            table.Append(tr);
        }
        body.Append(table);
        body.Append(new W.SectionProperties(new W.PageSize { Width = 16838, Height = 11906, Orient = W.PageOrientationValues.Landscape }));
        main.Document = new W.Document(body);
        main.Document.Save();
    }

    /// <param name="realDates">Deadlines given as yyyy-MM-dd become Excel date cells (serial numbers shown as dates); others stay text.</param>
    public static void WriteXlsx(string path, IEnumerable<TrackerRow> rows, string[]? headings = null, bool realDates = false)
    {
        headings ??= ["No.", "Key Action", "Delivery Deadline", "Lead", "RAG Rating", "Comments"];
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font()),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()), new CellStyleFormats(new CellFormat()),
            new CellFormats(new CellFormat(), new CellFormat { NumberFormatId = 14, ApplyNumberFormat = true })); // style 1: a date
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        var merges = new MergeCells();
        var rowIndex = 0u;

        void AddRow(IEnumerable<Cell> cells) => data.Append(new Row(cells) { RowIndex = ++rowIndex });
        Cell Text(int column, string text) => new()
        {
            CellReference = $"{(char)('A' + column)}{rowIndex + 1}", DataType = CellValues.InlineString,
            InlineString = new InlineString(new Text(text)),
        };

        AddRow(headings.Select((h, c) => Text(c, h)));
        string? theme = null;
        foreach (var row in rows)
        {
            if (row.Theme != theme)
            {
                theme = row.Theme;
                AddRow([Text(0, theme)]);
                merges.Append(new MergeCell { Reference = $"A{rowIndex}:{(char)('A' + headings.Length - 1)}{rowIndex}" });
            }
            var cells = new List<Cell>();
            for (var c = 0; c < headings.Length; c++)
            {
                var value = ValueFor(headings[c], row);
                if (realDates && IsDeadline(headings[c])
                    && DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                {
                    cells.Add(new Cell
                    {
                        CellReference = $"{(char)('A' + c)}{rowIndex + 1}", StyleIndex = 1,
                        CellValue = new CellValue(day.ToOADate().ToString(CultureInfo.InvariantCulture)),
                    });
                }
                else if (value.Length > 0) cells.Add(Text(c, value));
            }
            AddRow(cells);
        }
        var worksheet = new Worksheet(data);
        if (merges.HasChildren) worksheet.Append(merges);
        sheetPart.Worksheet = worksheet;
        workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Tracker" }));
        workbook.Workbook.Save();
    }

    private static bool IsDeadline(string heading) => heading.Contains("deadline", StringComparison.OrdinalIgnoreCase);

    /// <summary>The cell under a heading: the seed's "Key actions" carries the number in front of the text.</summary>
    private static string ValueFor(string heading, TrackerRow row) => heading.ToLowerInvariant() switch
    {
        "key actions" => $"{row.Number} {row.KeyAction}",
        "no." or "action" or "ref" => row.Number,
        "key action" => row.KeyAction,
        var h when h.Contains("deadline") => row.Deadline,
        var h when h.Contains("lead") => row.Lead,
        var h when h.StartsWith("rag", StringComparison.Ordinal) => row.Rag,
        "comments" or "status" => row.Comments,
        "theme" => row.Theme,
        _ => "",
    };

    private static W.Paragraph Paragraph(string text, bool bold = false)
    {
        var run = new W.Run(new W.Text(text) { Space = SpaceProcessingModeValues.Preserve });
        if (bold) run.RunProperties = new W.RunProperties(new W.Bold());
        return new W.Paragraph(run);
    }

    /// <summary>A cell with one paragraph per line of the text, as Word keeps a cell someone pressed Enter in.</summary>
    private static W.TableCell Cell(string text, bool bold = false) =>
        new([.. text.Split('\n').Select(line => Paragraph(line, bold))]);
}
