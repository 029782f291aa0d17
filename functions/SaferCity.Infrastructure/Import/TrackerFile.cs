using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// Opens a tracker file of any supported kind and finds the tracker in it, or refuses in one line:
/// a file too large to be a tracker, a part that inflates beyond any tracker (a zip bomb), a password-protected
/// Office file (an encrypted container, not a zip), a corrupt document, or no tracker.
/// </summary>
public static class TrackerFile
{
    /// <summary>
    /// The largest file read: a tracker of a thousand actions with a year of comments is well under 2 MB as .docx or .xlsx.
    /// </summary>
    public const long MaxFileBytes = 20 * 1024 * 1024;

    /// <summary>
    /// The most characters one part of a document may inflate to (the sheet or the document's XML). A real tracker's
    /// part is a few MB; this bound keeps a crafted or runaway workbook's peak memory under 500 MB.
    /// </summary>
    public const long MaxCharactersInPart = 10_000_000;

    // An encrypted .docx/.xlsx is an OLE compound file (as is an old binary .doc/.xls), not a zip package.
    private static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ImportedTable Read(string path, ColumnChoices? choices = null) =>
        TrackerTableReader.Read(Path.GetFileName(path), ReadDocument(path), choices);

    /// <summary>Every table in the file, in document order, or a one-line refusal (too large, encrypted, corrupt, not a kind read).</summary>
    public static RawDocument ReadDocument(string path)
    {
        var name = Path.GetFileName(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var bytes = ReadBytes(path, name);
        if (extension is ".docx" or ".xlsx" or ".docm" or ".xlsm" && bytes.AsSpan().StartsWith(CompoundFile))
        {
            throw new ImportRefusedException(
                $"{name} is password-protected (or saved in the old binary format): remove the password, or save it as {extension}, " +
                    $"and import again.");
        }
        var settings = new OpenSettings { MaxCharactersInPart = MaxCharactersInPart };
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            return extension switch
            {
                ".docx" or ".docm" => DocxTables.Read(stream, settings),
                ".xlsx" or ".xlsm" => XlsxTables.Read(stream, settings),
                ".csv" or ".txt" => new RawDocument([CsvTable.Read(bytes)], []),
                _ => throw new ImportRefusedException($"{name}: import reads Word (.docx), Excel (.xlsx) or CSV (.csv) files."),
            };
        }
        catch (Exception e) when (IsTooLarge(e))
        {
            throw new ImportRefusedException(
                $"{name} inflates beyond {MaxCharactersInPart:N0} characters in one part, far more than any tracker: save the tracker " +
                    $"alone in a new file and import that.");
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            throw new ImportRefusedException($"{name} is corrupt or not a {extension} document: {FirstLine(e.Message)}");
        }
    }

    private static byte[] ReadBytes(string path, string name)
    {
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxFileBytes)
            {
                throw new ImportRefusedException(
                    $"{name} is {length / (1024.0 * 1024):F1} MB; import reads files up to {MaxFileBytes / (1024 * 1024)} MB. Save the " +
                        $"tracker alone (no images) and import that.");
            }
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportRefusedException($"Cannot read {path}: {e.Message}");
        }
    }

    // The SDK stops reading a part at MaxCharactersInPart with an XmlException about the limit.
    private static bool IsTooLarge(Exception e) =>
        e is System.Xml.XmlException or OpenXmlPackageException or InvalidOperationException &&
        (e.Message.Contains("MaxCharactersInDocument", StringComparison.OrdinalIgnoreCase) ||
         e.Message.Contains("MaxCharactersInPart", StringComparison.OrdinalIgnoreCase) ||
         e.Message.Contains("maximum", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("character", StringComparison.OrdinalIgnoreCase));

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
