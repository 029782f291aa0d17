using System.Text.Json;

namespace SaferCity.Core.Import;

/// <summary>
/// What an import last wrote, by action number and list field: the file's values as written. It tells a change made
/// in the list since (a lead's update link, an admin's edit) from a change made in the file, so a re-import never
/// reverts the list. Kept as a small JSON file beside the target (the tracker file, or the state folder for a list).
/// </summary>
public sealed class ImportMemory
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private readonly Dictionary<string, Dictionary<string, string?>> byNumber;

    private ImportMemory(Dictionary<string, Dictionary<string, string?>> byNumber) => this.byNumber = byNumber;

    public static ImportMemory Empty() => new(new(StringComparer.OrdinalIgnoreCase));

    /// <summary>The value last written to a field, or false when this field of this action was never written by an import.</summary>
    public bool TryGet(string number, string field, out string? value)
    {
        value = null;
        return byNumber.TryGetValue(number, out var fields) && fields.TryGetValue(field, out value);
    }

    public void Remember(string number, IReadOnlyDictionary<string, string?> fields) =>
        byNumber[number] = new Dictionary<string, string?>(fields, StringComparer.OrdinalIgnoreCase);

    /// <summary>The memory in a file; none yet (or unreadable: then no field is known, and the file's values win as before).</summary>
    public static ImportMemory Load(string path)
    {
        if (!File.Exists(path)) return Empty();
        try
        {
            var read = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string?>>>(File.ReadAllBytes(path));
            return read is null ? Empty()
                : new(read.ToDictionary(r => r.Key, r => new Dictionary<string, string?>(r.Value, StringComparer.OrdinalIgnoreCase),
                    StringComparer.OrdinalIgnoreCase));
        }
        catch (JsonException)
        {
            return Empty();
        }
    }

    /// <summary>Writes the memory atomically; unchanged content is not rewritten.</summary>
    public void Save(string path)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(byNumber, Indented);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes)) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
