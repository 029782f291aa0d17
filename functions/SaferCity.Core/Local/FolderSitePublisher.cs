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
            if (File.Exists(path) && (await File.ReadAllBytesAsync(path, cancellationToken)).AsSpan().SequenceEqual(file.Content.Span))
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
}
