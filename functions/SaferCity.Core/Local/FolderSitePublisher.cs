using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Local;

/// <summary>The site in a local folder (--out DIR → DIR/site). Unchanged files are not rewritten.</summary>
public sealed class FolderSitePublisher(string siteFolder) : ISitePublisher
{
    public string Folder { get; } = Path.GetFullPath(siteFolder);

    public async Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken)
    {
        int written = 0, unchanged = 0;
        foreach (var file in files)
        {
            var path = Path.GetFullPath(Path.Combine(Folder, file.Path));
            if (!path.StartsWith(Folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                throw new ArgumentException($"Site path '{file.Path}' leaves the site folder.");
            if (await SameContentAsync(path, file.Content, cancellationToken))
            {
                unchanged++;
                continue;
            }
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".tmp";
            await using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await stream.WriteAsync(file.Content, cancellationToken);
            }
            File.Move(temp, path, overwrite: true);
            written++;
        }
        return new PublishResult(written, unchanged);
    }

    /// <summary>Compared in chunks, length first: a large tracker's files are tens of megabytes.</summary>
    private static async Task<bool> SameContentAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.Length != content.Length) return false;
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        var offset = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (offset + read > content.Length || !buffer.AsSpan(0, read).SequenceEqual(content.Span.Slice(offset, read))) return false;
            offset += read;
        }
        return offset == content.Length;
    }
}
