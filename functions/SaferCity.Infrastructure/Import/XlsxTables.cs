using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// Every sheet of an Excel workbook as a table, in the workbook's order. Real date cells become ISO dates
/// ("2016-12-31"), which the deadline reader understands; text dates stay as typed; a row whose first cell is
/// merged across the used columns is marked as spanning (a theme row).
/// </summary>
internal static class XlsxTables
{
    // Excel's built-in date formats (ECMA-376 18.8.30): a number in one of these is a date.
    private static readonly HashSet<uint> BuiltInDateFormats = [14, 15, 16, 17, 22, 27, 30, 36, 50, 57];

    public static IReadOnlyList<RawTable> Read(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        using var document = SpreadsheetDocument.Open(stream, isEditable: false);
        var workbook = document.WorkbookPart ?? throw new ImportRefusedException("The Excel workbook has no sheets.");
        var strings = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
        var dateStyles = DateStyles(workbook);
        var tables = new List<RawTable>();
        foreach (var sheet in workbook.Workbook?.Sheets?.Elements<Sheet>() ?? [])
        {
            if (sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part) continue;
            tables.Add(ReadSheet($"sheet '{sheet.Name}'", part, strings, dateStyles));
        }
        return tables;
    }

    private static RawTable ReadSheet(string source, WorksheetPart part, List<string> strings, HashSet<uint> dateStyles)
    {
        var sheetData = part.Worksheet?.GetFirstChild<SheetData>();
        var grid = new SortedDictionary<uint, SortedDictionary<int, string>>();
        var width = 0;
        foreach (var row in sheetData?.Elements<Row>() ?? [])
        {
            var index = row.RowIndex?.Value ?? (uint)(grid.Count + 1);
            var cells = new SortedDictionary<int, string>();
            var next = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : next;
                next = column + 1;
                var text = CellText(cell, strings, dateStyles);
                if (text.Length == 0) continue;
                cells[column] = text;
                width = Math.Max(width, column + 1);
            }
            grid[index] = cells;
        }

        // Rows whose first cell is merged across two or more columns: theme headings.
        var spanning = new HashSet<uint>();
        foreach (var merge in part.Worksheet?.Descendants<MergeCell>() ?? [])
        {
            if (merge.Reference?.Value?.Split(':') is not [var from, var to]) continue;
            var (fromRow, toRow) = (RowOf(from), RowOf(to));
            if (ColumnOf(from) == 0 && ColumnOf(to) >= 1 && fromRow == toRow) spanning.Add(fromRow);
        }

        var rows = grid.Select(r => new RawRow(
            $"row {r.Key}",
            [.. Enumerable.Range(0, width).Select(c => r.Value.GetValueOrDefault(c, ""))],
            spanning.Contains(r.Key))).ToList();
        return new RawTable(source, rows);
    }

    private static string CellText(Cell cell, List<string> strings, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return raw == "1" ? "Yes" : "No";
        if (type == CellValues.Date)
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : raw;
        if ((type is null || type == CellValues.Number) && cell.StyleIndex?.Value is { } style && dateStyles.Contains(style) &&
            double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 0 and < 2958466)
        {
            return DateOnly.FromDateTime(DateTime.FromOADate(serial)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return raw;
    }

    /// <summary>Cell style indexes whose number format shows a date.</summary>
    private static HashSet<uint> DateStyles(WorkbookPart workbook)
    {
        var stylesheet = workbook.WorkbookStylesPart?.Stylesheet;
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null && LooksLikeDate(f.FormatCode?.Value))
            .Select(f => f.NumberFormatId!.Value).ToHashSet() ?? [];
        var styles = new HashSet<uint>();
        var index = 0u;
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (BuiltInDateFormats.Contains(id) || custom.Contains(id)) styles.Add(index);
            index++;
        }
        return styles;
    }

    private static bool LooksLikeDate(string? code)
    {
        if (code is null) return false;
        var bare = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", "");
        return bare.Contains('y', StringComparison.OrdinalIgnoreCase) || bare.Contains('d', StringComparison.OrdinalIgnoreCase);
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
        uint.TryParse(reference.AsSpan(reference.IndexOfAny("0123456789".ToCharArray())), NumberStyles.None, CultureInfo.InvariantCulture, out var row) ? row : 0;
}
