using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>
/// A Graph list-items file (what <c>run --tracker</c> reads) as the list: its items are read, new ones appended
/// with the next id, changed fields set, and the whole file replaced atomically. Other fields and items are kept.
/// Nothing changed, nothing written: the file is not even touched.
/// </summary>
public sealed class FileImportTarget(string path, TimeProvider time) : IImportTarget
{
    public string Name => Path.GetFileName(path);

    public Task<ImportTargetState> ReadAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) return Task.FromResult(new ImportTargetState([], DeadlineIsDate: false));
        try
        {
            return Task.FromResult(new ImportTargetState(ListItemJson.Parse(File.ReadAllBytes(path)), DeadlineIsDate: false));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new ImportRefusedException($"{path} exists and is not a Graph list-items file, so it was left alone: {e.Message}");
        }
    }

    public async Task ApplyAsync(ImportPlan plan, CancellationToken cancellationToken)
    {
        if (!plan.HasWrites) return;
        var root = File.Exists(path)
            ? JsonNode.Parse(await File.ReadAllBytesAsync(path, cancellationToken))!.AsObject()
            : new JsonObject { ["value"] = new JsonArray() };
        var items = root["value"]!.AsArray();
        var now = time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var byId = items.OfType<JsonObject>().Where(i => i["id"] is not null).ToDictionary(i => i["id"]!.ToString(), StringComparer.Ordinal);

        foreach (var update in plan.Updates)
        {
            var item = byId[update.ItemId];
            var fields = item["fields"] as JsonObject ?? (JsonObject)(item["fields"] = new JsonObject());
            foreach (var change in update.Changes)
            {
                var key = fields.Select(f => f.Key).FirstOrDefault(k => k.Equals(change.Field, StringComparison.OrdinalIgnoreCase)) ?? change.Field;
                if (change.New is null) fields.Remove(key);
                else fields[key] = change.New;
            }
            item["lastModifiedDateTime"] = now;
        }

        var nextId = byId.Keys.Select(id => int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
            : 0).DefaultIfEmpty(0).Max() + 1;
        foreach (var create in plan.Creates)
        {
            var fields = new JsonObject();
            foreach (var (name, value) in create.Fields) fields[name] = value;
            items.Add(new JsonObject
            {
                ["id"] = (nextId++).ToString(CultureInfo.InvariantCulture),
                ["createdDateTime"] = now,
                ["lastModifiedDateTime"] = now,
                ["fields"] = fields,
            });
        }

        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!); // "own/tracker.json" in a folder of its own
        try
        {
            await File.WriteAllTextAsync(temp, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
