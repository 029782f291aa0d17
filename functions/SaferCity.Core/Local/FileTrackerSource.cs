using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Local;

/// <summary>The lists from two files holding recorded Graph responses (the CLI's --tracker/--leads, and the bundled sample).</summary>
/// <param name="hideColumn">The hide column's name (Tracker__Columns__HideFromDashboard).</param>
public sealed class FileTrackerSource(string trackerPath, string leadsPath, string hideColumn = "HideFromDashboard") : ITrackerSource
{
    /// <summary>
    /// Said on stderr and in the coordinator's summary ("Check this run") when a tracker of one's own runs with the
    /// sample's leads.
    /// </summary>
    public const string SampleLeadsWarning =
        "Your tracker is being run with the bundled sample's leads, so digests go to the sample's addresses, not your leads: " +
        "make your leads file with `import LEADS.xlsx --leads leads.json` and run with --leads leads.json.";

    /// <summary>The tracker is the partnership's own file but the leads are the bundled sample's (no --leads given).</summary>
    public bool SampleLeads { get; init; }

    public async Task<TrackerLists> ReadAsync(CancellationToken cancellationToken)
    {
        var tracker = await ReadAsync(trackerPath, "tracker", cancellationToken);
        var leads = await ReadAsync(leadsPath, "leads", cancellationToken);
        return new TrackerLists(tracker, leads)
        {
            Warnings = [.. HideFieldWarning(tracker), .. SampleLeads ? [SampleLeadsWarning] : Array.Empty<string>()],
        };
    }

    /// <summary>
    /// A file has no column list to check, so a hide field that no item carries is the sign that the file cannot say
    /// which items are confidential: everything in it is published, and the coordinator should know.
    /// </summary>
    private IReadOnlyList<string> HideFieldWarning(IReadOnlyList<ListItem> tracker) =>
        tracker.Count == 0 || tracker.Any(i => i.Fields.ContainsKey(hideColumn) || i.Fields.ContainsKey(TrackerColumns.HideFromDashboardUiName))
            ? []
            : [$"No item in the tracker file '{Path.GetFileName(trackerPath)}' has a '{hideColumn}' field, so none can be kept off the " +
               "public dashboard: every item in it is published. Add the field (true for an item to hide, false otherwise) to every item."];

    private static async Task<IReadOnlyList<ListItem>> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        byte[] json;
        try
        {
            json = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            if (Directory.Exists(path)) throw new PipelineException($"The {what} file '{path}' is a folder: give the JSON file inside it.", e);
            throw new PipelineException($"Cannot read the {what} file '{path}': {e.Message}", e);
        }
        if (NotJson(json, path, what) is { } problem) throw new PipelineException($"The {what} file '{path}' {problem}.");
        try
        {
            return ListItemJson.Parse(json);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new PipelineException($"The {what} file '{path}' is not a Graph list-items response: {e.Message}", e);
        }
    }

    /// <summary>The usual wrong files, told apart before the JSON reader's own message (which names its internals).</summary>
    private static string? NotJson(ReadOnlySpan<byte> content, string path, string what)
    {
        var import = what.Contains("lead", StringComparison.OrdinalIgnoreCase)
            ? "to bring a table of leads in, use `import FILE --leads OUT.json`"
            : "to bring it in, use `import FILE --tracker OUT.json`, then `run --tracker OUT.json`";
        if (content.StartsWith("PK\u0003\u0004"u8))
        {
            // .docx and .xlsx are zip packages: say which, rather than call them CSV.
            var kind = Path.GetExtension(path).ToLowerInvariant() switch
            {
                ".docx" or ".docm" => "a Word document", ".xlsx" or ".xlsm" => "an Excel workbook", _ => "a zip package (Word or Excel)",
            };
            return $"is {kind}, not JSON: {import}";
        }
        if (content.StartsWith("\uFEFF"u8)) content = content[3..]; // a byte order mark, as Windows tools write
        var text = content.TrimStart(" \t\r\n"u8);
        if (text.IsEmpty) return "is empty: it should hold a Graph list-items response, {\"value\":[…]}";
        if (text[0] is (byte)'{' or (byte)'[') return null;
        var firstLine = text[..(text.IndexOfAny("\r\n"u8) is >= 0 and var end ? end : text.Length)];
        return firstLine.IndexOfAny(",;\t"u8) >= 0
            ? $"is not JSON (it looks like CSV: {import})"
            : "is not JSON: it should hold a Graph list-items response, {\"value\":[…]}";
    }
}
