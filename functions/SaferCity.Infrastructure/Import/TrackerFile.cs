using System.IO.Compression;
using DocumentFormat.OpenXml.Packaging;
using SaferCity.Core.Import;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// Opens a tracker file of any supported kind and finds the tracker in it, or refuses in one line:
/// a password-protected Office file (an encrypted container, not a zip), a corrupt document, or no tracker.
/// </summary>
public static class TrackerFile
{
    // An encrypted .docx/.xlsx is an OLE compound file (as is an old binary .doc/.xls), not a zip package.
    private static readonly byte[] CompoundFile = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    public static ImportedTable Read(string path)
    {
        var name = Path.GetFileName(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportRefusedException($"Cannot read {path}: {e.Message}");
        }
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is ".docx" or ".xlsx" or ".docm" or ".xlsm" && bytes.AsSpan().StartsWith(CompoundFile))
        {
            throw new ImportRefusedException(
                $"{name} is password-protected (or saved in the old binary format): remove the password, or save it as {extension}, and import again.");
        }
        try
        {
            var tables = extension switch
            {
                ".docx" or ".docm" => DocxTables.Read(bytes),
                ".xlsx" or ".xlsm" => XlsxTables.Read(bytes),
                ".csv" or ".txt" => [CsvTable.Read(bytes)],
                _ => throw new ImportRefusedException($"{name}: import reads Word (.docx), Excel (.xlsx) or CSV (.csv) files."),
            };
            return TrackerTableReader.Read(name, tables);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or System.Xml.XmlException)
        {
            throw new ImportRefusedException($"{name} is corrupt or not a {extension} document: {FirstLine(e.Message)}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
