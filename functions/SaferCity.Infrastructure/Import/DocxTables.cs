using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// Every table of a Word document, top to bottom, each with the paragraph just before it (one table per theme keeps
/// its theme there). A cell's paragraphs are kept as lines and its shading as a colour (a RAG kept as colour only);
/// a row made of one cell spanning the table's grid (the seed's theme rows) is marked as such; nested tables are not followed.
/// Hidden content is not read, as Excel's hidden rows are not (<see cref="DocxHidden"/>): a row marked hidden, or all
/// of whose text is hidden, is left out and listed; hidden text in a row that is shown is dropped and listed.
/// </summary>
internal static class DocxTables
{
    public static RawDocument Read(Stream stream, OpenSettings settings)
    {
        using var document = WordprocessingDocument.Open(stream, isEditable: false, settings);
        var body = document.MainDocumentPart?.Document?.Body
            ?? throw new ImportRefusedException("The Word document has no body.");
        var hidden = new DocxHidden(document.MainDocumentPart.StyleDefinitionsPart?.Styles);
        var tables = new List<RawTable>();
        var notRead = new List<string>();
        string? caption = null;
        foreach (var element in body.Descendants().Where(e => e is Table or Paragraph && !e.Ancestors<Table>().Any()))
        {
            if (element is Paragraph paragraph)
            {
                var text = ParagraphText(paragraph, hidden).Trim();
                if (text.Length > 0) caption = text;
                continue;
            }
            tables.Add(ReadTable((Table)element, $"table {tables.Count + 1}", caption, hidden, notRead));
            caption = null;
        }
        return new RawDocument(tables, notRead);
    }

    private static RawTable ReadTable(Table table, string source, string? caption, DocxHidden hidden, List<string> notRead)
    {
        var gridColumns = table.GetFirstChild<TableGrid>()?.Elements<GridColumn>().Count() ?? 0;
        var rows = new List<RawRow>();
        var hiddenRows = new List<int>();
        var hiddenText = new List<int>();
        var index = 0;
        foreach (var row in table.Elements<TableRow>())
        {
            index++;
            var texts = row.Descendants<Text>().Where(t => t.Text.Length > 0).ToList();
            var hiddenCount = texts.Count(hidden.IsHidden);
            if (DocxHidden.IsHiddenRow(row) || (texts.Count > 0 && hiddenCount == texts.Count))
            {
                if (texts.Count > 0) hiddenRows.Add(index);
                continue;
            }
            if (hiddenCount > 0) hiddenText.Add(index);
            var cells = row.Elements<TableCell>().ToList();
            var span = cells.Count == 1 ? cells[0].TableCellProperties?.GridSpan?.Val?.Value ?? 1 : 0;
            var spansTable = cells.Count == 1 && (gridColumns <= 1 || span >= gridColumns || span > 1);
            rows.Add(new RawRow($"row {index}", [.. cells.Select(c => CellText(c, hidden))], spansTable, [.. cells.Select(Fill)]));
        }
        if (hiddenRows.Count > 0) notRead.Add($"{source} {(hiddenRows.Count == 1 ? "row" : "rows")} {string.Join(", ", hiddenRows)} (hidden)");
        if (hiddenText.Count > 0) notRead.Add($"{source} {(hiddenText.Count == 1 ? "row" : "rows")} {string.Join(", ", hiddenText)}: hidden text");
        return new RawTable(source, rows, caption);
    }

    private static string? Fill(TableCell cell) =>
        cell.TableCellProperties?.Shading?.Fill?.Value is { Length: 6 } fill && !fill.Equals("auto", StringComparison.OrdinalIgnoreCase)
            ? fill : null;

    private static string CellText(TableCell cell, DocxHidden hidden)
        => string.Join("\n", cell.Elements<Paragraph>().Select(p => ParagraphText(p, hidden)));

    private static string ParagraphText(OpenXmlElement paragraph, DocxHidden hidden) =>
        string.Concat(paragraph.Descendants<Text>().Where(t => !hidden.IsHidden(t)).Select(t => t.Text));
}
