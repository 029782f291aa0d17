using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// Every table of a Word document, top to bottom, each with the paragraph just before it (one table per theme keeps
/// its theme there). A cell's paragraphs are kept as lines and its shading as a colour (a RAG kept as colour only);
/// a row made of one cell spanning the table's grid (the seed's theme rows) is marked as such; nested tables are not followed.
/// </summary>
internal static class DocxTables
{
    public static RawDocument Read(Stream stream, OpenSettings settings)
    {
        using var document = WordprocessingDocument.Open(stream, isEditable: false, settings);
        var body = document.MainDocumentPart?.Document?.Body
            ?? throw new ImportRefusedException("The Word document has no body.");
        var tables = new List<RawTable>();
        string? caption = null;
        foreach (var element in body.Descendants().Where(e => e is Table or Paragraph && !e.Ancestors<Table>().Any()))
        {
            if (element is Paragraph paragraph)
            {
                var text = ParagraphText(paragraph).Trim();
                if (text.Length > 0) caption = text;
                continue;
            }
            tables.Add(ReadTable((Table)element, $"table {tables.Count + 1}", caption));
            caption = null;
        }
        return new RawDocument(tables, []);
    }

    private static RawTable ReadTable(Table table, string source, string? caption)
    {
        var gridColumns = table.GetFirstChild<TableGrid>()?.Elements<GridColumn>().Count() ?? 0;
        var rows = new List<RawRow>();
        foreach (var row in table.Elements<TableRow>())
        {
            var cells = row.Elements<TableCell>().ToList();
            var span = cells.Count == 1 ? cells[0].TableCellProperties?.GridSpan?.Val?.Value ?? 1 : 0;
            var spansTable = cells.Count == 1 && (gridColumns <= 1 || span >= gridColumns || span > 1);
            rows.Add(new RawRow($"row {rows.Count + 1}", [.. cells.Select(CellText)], spansTable, [.. cells.Select(Fill)]));
        }
        return new RawTable(source, rows, caption);
    }

    private static string? Fill(TableCell cell) =>
        cell.TableCellProperties?.Shading?.Fill?.Value is { Length: 6 } fill && !fill.Equals("auto", StringComparison.OrdinalIgnoreCase) ? fill : null;

    private static string CellText(TableCell cell) => string.Join("\n", cell.Elements<Paragraph>().Select(ParagraphText));

    private static string ParagraphText(OpenXmlElement paragraph) => string.Concat(paragraph.Descendants<Text>().Select(t => t.Text));
}
