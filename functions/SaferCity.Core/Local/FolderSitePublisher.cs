using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Local;

/// <summary>
/// The site in a local folder (--out DIR → DIR/site). Each file is written straight to the folder as it is produced and
/// compared with the file there on the way (<see cref="ReplacingFileStream"/>): unchanged files are not rewritten, and
/// a large tracker's data files are never held whole.
/// </summary>
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
            await using var stream = new ReplacingFileStream(path);
            await file.WriteToAsync(stream, cancellationToken);
            if (await stream.CommitAsync(cancellationToken)) written++;
            else unchanged++;
        }
        return new PublishResult(written, unchanged);
    }
}
