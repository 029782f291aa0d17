using System.Buffers;
using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// Every visible sheet of an Excel workbook as a table, in the workbook's order. Hidden sheets, rows and columns
/// are not read (last year's plan is often kept on a hidden sheet) and are listed. Cells are read as Excel shows
/// them (<see cref="XlsxStyles"/>); a row whose first cell is merged across the used columns is marked as spanning (a theme row).
/// </summary>
internal static class XlsxTables
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789");

    public static RawDocument Read(Stream stream, OpenSettings settings)
    {
        using var document = SpreadsheetDocument.Open(stream, isEditable: false, settings);
        var workbook = document.WorkbookPart ?? throw new ImportRefusedException("The Excel workbook has no sheets.");
        var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var styles = new XlsxStyles(workbook.WorkbookStylesPart?.Stylesheet);
        var tables = new List<RawTable>();
        var notRead = new List<string>();
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.State?.Value is { } state && state != SheetStateValues.Visible)
            {
                notRead.Add($"sheet '{sheet.Name}' (hidden)");
                continue;
            }
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
            tables.Add(ReadSheet($"sheet '{sheet.Name}'", part, strings, styles, notRead));
        }
        return new RawDocument(tables, notRead);
    }

    private static RawTable ReadSheet(string source, WorksheetPart part, List<string> strings, XlsxStyles styles, List<string> notRead)
    {
        var hiddenColumns = HiddenColumns(part.Worksheet);
        var hiddenRows = new List<uint>();
        var grid = new SortedDictionary<uint, SortedDictionary<int, (string Text, string? Fill)>>();
        var width = 0;
        foreach (var row in part.Worksheet?.GetFirstChild<SheetData>()?.Elements<Row>() ?? [])
        {
            var index = row.RowIndex?.Value ?? (uint)(grid.Count + 1);
            if (row.Hidden?.Value == true)
            {
                if (row.Elements<Cell>().Any(c => c.CellValue is not null || c.InlineString is not null)) hiddenRows.Add(index);
                continue;
            }
            var cells = new SortedDictionary<int, (string, string?)>();
            var next = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : next;
                next = column + 1;
                if (hiddenColumns.Contains(column)) continue;
                var text = styles.Text(cell, strings);
                var fill = styles.Fill(cell);
                if (text.Length == 0 && fill is null) continue;
                cells[column] = (text, fill);
                width = Math.Max(width, column + 1);
            }
            grid[index] = cells;
        }
        if (hiddenRows.Count > 0) notRead.Add($"{source} {(hiddenRows.Count == 1 ? "row" : "rows")} {string.Join(", ", hiddenRows)} (hidden)");
        if (hiddenColumns.Count > 0)
            notRead.Add($"{source} {(hiddenColumns.Count == 1 ? "column" : "columns")} " +
                $"{string.Join(", ", hiddenColumns.Order().Select(ColumnName))} (hidden)");

        var spanning = SpanningRows(part.Worksheet);
        var rows = grid.Select(r => new RawRow(
            $"row {r.Key}",
            [.. Enumerable.Range(0, width).Select(c => r.Value.TryGetValue(c, out var v) ? v.Text : "")],
            spanning.Contains(r.Key),
            [.. Enumerable.Range(0, width).Select(c => r.Value.TryGetValue(c, out var v) ? v.Fill : null)])).ToList();
        return new RawTable(source, rows);
    }

    /// <summary>Rows whose first cell is merged across two or more columns: theme headings.</summary>
    private static HashSet<uint> SpanningRows(Worksheet? worksheet)
    {
        var spanning = new HashSet<uint>();
        foreach (var merge in worksheet?.Descendants<MergeCell>() ?? [])
        {
            if (merge.Reference?.Value?.Split(':') is not [var from, var to]) continue;
            var (fromRow, toRow) = (RowOf(from), RowOf(to));
            if (ColumnOf(from) == 0 && ColumnOf(to) >= 1 && fromRow == toRow) spanning.Add(fromRow);
        }
        return spanning;
    }

    private static HashSet<int> HiddenColumns(Worksheet? worksheet)
    {
        var hidden = new HashSet<int>();
        foreach (var column in worksheet?.Descendants<Column>() ?? [])
        {
            if (column.Hidden?.Value != true || column.Min?.Value is not { } min || column.Max?.Value is not { } max) continue;
            for (var c = min; c <= Math.Min(max, 200); c++) hidden.Add((int)c - 1); // "hide every column to the right" stops at the tracker's width
        }
        return hidden;
    }

    private static string ColumnName(int column)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name;
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return column - 1;
    }

    private static uint RowOf(string reference) =>
        uint.TryParse(reference.AsSpan(reference.AsSpan().IndexOfAny(Digits)), NumberStyles.None, CultureInfo.InvariantCulture, out var row)
            ? row
            : 0;
}
