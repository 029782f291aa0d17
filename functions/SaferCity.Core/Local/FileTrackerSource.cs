using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Local;

/// <summary>The lists from two files holding recorded Graph responses (the CLI's --tracker/--leads, and the bundled sample).</summary>
public sealed class FileTrackerSource(string trackerPath, string leadsPath) : ITrackerSource
{
    public async Task<TrackerLists> ReadAsync(CancellationToken cancellationToken) =>
        new(await ReadAsync(trackerPath, "tracker", cancellationToken), await ReadAsync(leadsPath, "leads", cancellationToken));

    private static async Task<IReadOnlyList<ListItem>> ReadAsync(string path, string what, CancellationToken cancellationToken)
    {
        byte[] json;
        try
        {
            json = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PipelineException($"Cannot read the {what} file '{path}': {e.Message}", e);
        }
        try
        {
            return ListItemJson.Parse(json);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            throw new PipelineException($"The {what} file '{path}' is not a Graph list-items response: {e.Message}", e);
        }
    }
}
