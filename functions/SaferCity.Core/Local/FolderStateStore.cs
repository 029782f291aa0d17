using System.Security.Cryptography;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Local;

/// <summary>
/// State in a local folder (--state DIR). Each write goes to a temporary file that is then renamed
/// over the old one, so a document is always whole; versions are content hashes.
/// </summary>
public sealed class FolderStateStore(string root) : IStateStore
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<StoredDocument?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        if (!File.Exists(path)) return null;
        var content = await File.ReadAllBytesAsync(path, cancellationToken);
        return new StoredDocument(content, VersionOf(content));
    }

    public async Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken)
    {
        var path = PathOf(name);
        var current = File.Exists(path) ? await VersionOfFileAsync(path, cancellationToken) : null;
        if (current != expectedVersion) throw new StateConflictException(name);

        PrivateFolder.Create(Root);
        PrivateFolder.Create(Path.GetDirectoryName(path)!);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
            {
                await file.WriteAsync(content, cancellationToken);
            }
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
        return VersionOf(content.Span);
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!Directory.Exists(Root)) return Task.FromResult<IReadOnlyList<string>>([]);
        var names = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/'))
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal) && IsDocument(name))
            .Order(StringComparer.Ordinal)
            .ToList();
        return Task.FromResult<IReadOnlyList<string>>(names);
    }

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(name);
        if (!File.Exists(path)) return Task.FromResult(false);
        File.Delete(path);
        return Task.FromResult(true);
    }

    // The run lock (FolderRunLock) shares the folder, and a write in progress leaves a .tmp file: neither is state.
    private static bool IsDocument(string name) =>
        name != FolderRunLock.FileName && !name.EndsWith(".tmp", StringComparison.Ordinal);

    private string PathOf(string name)
    {
        var path = Path.GetFullPath(Path.Combine(Root, name));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new ArgumentException($"State name '{name}' leaves the state folder.", nameof(name));
        return path;
    }

    private static string VersionOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>The version of the document on disk, hashed as it is read: a large tracker's history is tens of MB.</summary>
    private static async Task<string> VersionOfFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }
}
