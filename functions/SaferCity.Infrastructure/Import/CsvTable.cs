using System.Globalization;
using System.Text;
using nietras.SeparatedValues;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// A CSV file as one table. Excel saves "CSV UTF-8" with a byte-order mark and plain "CSV" in the machine's
/// code page (Windows-1252 in the UK): text that is not valid UTF-8 is read as Windows-1252, so "Complete –"
/// keeps its dash. Sep handles quoted cells with commas and line breaks, rows of different lengths, and
/// finds the separator from the first line (Excel in some locales writes ';').
/// </summary>
internal static class CsvTable
{
    static CsvTable() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static RawTable Read(byte[] bytes)
    {
        var text = Decode(bytes);
        using var reader = Sep.Reader(o => o with { HasHeader = false, DisableColCountCheck = true, Unescape = true }).FromText(text);
        var rows = new List<RawRow>();
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var c = 0; c < cells.Length; c++) cells[c] = row[c].ToString();
            rows.Add(new RawRow($"line {row.LineNumberFrom}", cells));
        }
        return new RawTable("the CSV file", rows);
    }

    private static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((byte[])[0xEF, 0xBB, 0xBF])) return new UTF8Encoding(false, true).GetString(span[3..]);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(span);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding(1252).GetString(span);
        }
    }
}
