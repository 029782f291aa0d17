using SaferCity.Synthetic;

namespace SaferCity.Integration.Tests.Import;

/// <summary>The seed's tracker as rows, and a temporary folder to write documents made from them into.</summary>
internal sealed class ImportFiles : IDisposable
{
    public static readonly IReadOnlyList<TrackerRow> Seed = TrackerDocuments.FromListItems(File.ReadAllText(SampleFiles.Tracker));

    public string Folder { get; } = Directory.CreateTempSubdirectory("safercity-import-").FullName;

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Docx(string name, IEnumerable<TrackerRow>? rows = null, string[]? headings = null, int repeatHeadingEvery = 0)
    {
        var path = PathOf(name);
        TrackerDocuments.WriteDocx(path, rows ?? Seed, headings, repeatHeadingEvery);
        return path;
    }

    public string Xlsx(string name, IEnumerable<TrackerRow>? rows = null, string[]? headings = null, bool realDates = false)
    {
        var path = PathOf(name);
        TrackerDocuments.WriteXlsx(path, rows ?? Seed, headings, realDates);
        return path;
    }

    /// <summary>The seed with one action's comment changed, as when someone edits the Word copy.</summary>
    public static IReadOnlyList<TrackerRow> SeedWith(string number, Func<TrackerRow, TrackerRow> change) =>
        [.. Seed.Select(r => r.Number == number ? change(r) : r)];

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } // best effort
    }
}
