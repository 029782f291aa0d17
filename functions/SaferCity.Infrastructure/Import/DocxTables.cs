using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// Every table of a Word document, top to bottom. A cell's paragraphs are kept as lines; a row made of one cell
/// spanning the table's grid (the seed's theme rows) is marked as such; nested tables are not followed.
/// </summary>
internal static class DocxTables
{
    public static IReadOnlyList<RawTable> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = WordprocessingDocument.Open(stream, isEditable: false);
        var body = document.MainDocumentPart?.Document?.Body
            ?? throw new ImportRefusedException("The Word document has no body.");
        var tables = new List<RawTable>();
        foreach (var table in body.Descendants<Table>().Where(t => !t.Ancestors<Table>().Any()))
        {
            var gridColumns = table.GetFirstChild<TableGrid>()?.Elements<GridColumn>().Count() ?? 0;
            var rows = new List<RawRow>();
            foreach (var row in table.Elements<TableRow>())
            {
                var cells = row.Elements<TableCell>().ToList();
                var texts = cells.Select(CellText).ToList();
                var span = cells.Count == 1 ? cells[0].TableCellProperties?.GridSpan?.Val?.Value ?? 1 : 0;
                var spansTable = cells.Count == 1 && (gridColumns <= 1 || span >= gridColumns || span > 1);
                rows.Add(new RawRow($"row {rows.Count + 1}", texts, spansTable));
            }
            tables.Add(new RawTable($"table {tables.Count + 1}", rows));
        }
        return tables;
    }

    private static string CellText(TableCell cell) =>
        string.Join("\n", cell.Elements<Paragraph>().Select(p => string.Concat(p.Descendants<Text>().Select(t => t.Text))));
}
