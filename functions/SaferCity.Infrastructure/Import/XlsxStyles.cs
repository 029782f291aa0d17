using System.Globalization;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// A workbook's cell styles, so a cell is read as Excel shows it: an action number 1.10 kept as a number formatted
/// "0.00" is "1.10", not "1.1"; a date cell shown as "Jan-17" is the month January 2017 (its last day is the deadline),
/// and one shown with its day is that day. A cell's solid fill is its colour (a RAG kept as colour only).
/// </summary>
internal sealed partial class XlsxStyles
{
    private enum Shown { General, Day, Month, Decimals }

    // Excel's built-in number formats (ECMA-376 18.8.30) that show a date with its day, a month only, or fixed decimals.
    private static readonly HashSet<uint> BuiltInDays = [14, 15, 16, 22];
    private static readonly HashSet<uint> BuiltInMonths = [17];
    private static readonly Dictionary<uint, int> BuiltInDecimals = new() { [1] = 0, [2] = 2, [3] = 0, [4] = 2 };

    private readonly List<(Shown Shown, int Decimals)> formats = [];
    private readonly List<string?> fills = [];

    public XlsxStyles(Stylesheet? stylesheet)
    {
        var custom = stylesheet?.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value ?? "") ?? [];
        var fillColours = stylesheet?.Fills?.Elements<Fill>().Select(SolidColour).ToList() ?? [];
        foreach (var format in stylesheet?.CellFormats?.Elements<CellFormat>() ?? [])
        {
            var id = format.NumberFormatId?.Value ?? 0;
            formats.Add(custom.TryGetValue(id, out var code) ? Classify(code) : BuiltIn(id));
            var fillId = (int)(format.FillId?.Value ?? 0);
            fills.Add(fillId < fillColours.Count ? fillColours[fillId] : null);
        }
    }

    public string? Fill(Cell cell) => cell.StyleIndex?.Value is { } s && s < fills.Count ? fills[(int)s] : null;

    public string Text(Cell cell, List<string> strings)
    {
        var raw = cell.CellValue?.Text ?? "";
        var type = cell.DataType?.Value;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : "";
        if (type == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        if (type == CellValues.Boolean) return raw == "1" ? "Yes" : "No";
        if (type == CellValues.Date)
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : raw;
        if (type is not null && type != CellValues.Number) return raw;
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return raw;

        var (shown, decimals) = cell.StyleIndex?.Value is { } s && s < formats.Count ? formats[(int)s] : (Shown.General, 0);
        return shown switch
        {
            Shown.Day when number is > 0 and < 2958466
                => DateOnly.FromDateTime(DateTime.FromOADate(number)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            Shown.Month when number is > 0 and < 2958466 => DateTime.FromOADate(number).ToString("MMMM yyyy", CultureInfo.InvariantCulture),
            Shown.Decimals => number.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            _ => number.ToString("G15", CultureInfo.InvariantCulture), // what General shows, without a double's last-digit noise
        };
    }

    private static (Shown, int) BuiltIn(uint id) =>
        BuiltInDays.Contains(id) ? (Shown.Day, 0)
        : BuiltInMonths.Contains(id) ? (Shown.Month, 0)
        : BuiltInDecimals.TryGetValue(id, out var d) ? (Shown.Decimals, d)
        : (Shown.General, 0);

    /// <summary>A custom format code: a date (with or without its day), fixed decimals, or shown as General.</summary>
    private static (Shown, int) Classify(string code)
    {
        var bare = Literals().Replace(code.Split(';')[0], "");
        if (bare.Contains('y', StringComparison.OrdinalIgnoreCase) || bare.Contains('d', StringComparison.OrdinalIgnoreCase))
            return (bare.Contains('d', StringComparison.OrdinalIgnoreCase) ? Shown.Day : Shown.Month, 0);
        if (FixedDecimals().Match(bare) is { Success: true } m) return (Shown.Decimals, m.Groups[1].Value.Length);
        return bare.Trim() == "0" ? (Shown.Decimals, 0) : (Shown.General, 0);
    }

    private static string? SolidColour(Fill fill) =>
        fill.PatternFill is { } pattern && pattern.PatternType?.Value == PatternValues.Solid
            && pattern.ForegroundColor?.Rgb?.Value is { } rgb ? rgb : null;

    [GeneratedRegex("\"[^\"]*\"|\\[[^\\]]*\\]|\\\\.")]
    private static partial Regex Literals();

    [GeneratedRegex(@"0\.(0+)")]
    private static partial Regex FixedDecimals();
}
