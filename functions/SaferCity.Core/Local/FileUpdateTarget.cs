using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Local;

/// <summary>
/// Updates written to the tracker file (the CLI's <c>serve --tracker FILE</c>). An item's version is a hash of its JSON,
/// so any edit to it, by the form or by hand, changes it. A write reads the file again, checks that version, and replaces
/// the file whole (a temporary file renamed over it), so a reader never sees half a file and a stale form overwrites nothing.
/// </summary>
public sealed class FileUpdateTarget(string trackerPath, string leadsPath, TimeProvider time) : IUpdateTarget
{
    // One writer at a time in this process; the version check covers anyone else editing the file.
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<ListItem?> ReadItemAsync(string itemId, CancellationToken cancellationToken)
    {
        var (_, items) = await LoadAsync(cancellationToken);
        var node = Find(items, itemId);
        return node is null ? null : ToListItem(node);
    }

    public async Task<IReadOnlyList<ListItem>> ReadLeadsAsync(CancellationToken cancellationToken) =>
        ListItemJson.Parse(await File.ReadAllBytesAsync(leadsPath, cancellationToken));

    public async Task<WriteOutcome> WriteAsync(string itemId, IReadOnlyDictionary<string, string> fields, string etag,
        CancellationToken cancellationToken)
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            var (root, items) = await LoadAsync(cancellationToken);
            var node = Find(items, itemId);
            if (node is null) return WriteOutcome.NotFound;
            if (ETagOf(node) != etag) return WriteOutcome.Conflict;

            var values = node["fields"] as JsonObject ?? [];
            node["fields"] = values;
            foreach (var (column, value) in fields)
            {
                var existing = values.Select(p => p.Key).FirstOrDefault(k => k.Equals(column, StringComparison.OrdinalIgnoreCase));
                values[existing ?? column] = value;
            }
            node["lastModifiedDateTime"] = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

            var temp = $"{trackerPath}.{Guid.NewGuid():N}.tmp";
            try
            {
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
                {
                    await JsonSerializer.SerializeAsync(file, root, Indented, cancellationToken);
                }
                File.Move(temp, trackerPath, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return WriteOutcome.Written;
        }
        finally
        {
            Gate.Release();
        }
    }

    private async Task<(JsonNode Root, JsonArray Items)> LoadAsync(CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(trackerPath);
        var root = await JsonNode.ParseAsync(stream, cancellationToken: cancellationToken)
                   ?? throw new FormatException($"The tracker file '{trackerPath}' is empty.");
        return (root, root["value"] as JsonArray ?? throw new FormatException($"The tracker file '{trackerPath}' has no \"value\" array."));
    }

    private static JsonObject? Find(JsonArray items, string itemId) =>
        items.OfType<JsonObject>().FirstOrDefault(i => i["id"] is JsonValue id && id.ToString() == itemId);

    private static string ETagOf(JsonObject item) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(item.ToJsonString())))[..32]}\"";

    private static ListItem ToListItem(JsonObject node)
    {
        var item = ListItemJson.Parse(Encoding.UTF8.GetBytes(new JsonObject { ["value"] = new JsonArray(node.DeepClone()) }.ToJsonString()))[0];
        return item with { ETag = ETagOf(node) };
    }
}
