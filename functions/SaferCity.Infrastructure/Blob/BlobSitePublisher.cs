using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using SaferCity.Core.Model;

namespace SaferCity.Infrastructure.Blob;

/// <summary>
/// The site in the static website container ("$web"). One listing (with metadata) per publish tells
/// which files changed: each blob carries the SHA-256 of its content in metadata "contenthash", so an
/// unchanged run writes nothing. Files go up in the order given (assets, data, index.html last) and the
/// first failure stops the publish, so the live index.html never points at files that are not there yet.
/// Large files are streamed: staged in blocks as they are rendered and committed only when changed (<see cref="StagedBlobStream"/>).
/// Every upload is conditional on the blob being as the listing saw it (its ETag, or absent), and none starts once
/// the run's lease is lost (its token, see <see cref="BlobRunLock"/>): a run never overwrites files another run wrote.
/// </summary>
internal sealed class BlobSitePublisher(
    BlobServiceClient service,
    BlobContainerClient site,
    bool enableStaticWebsite,
    ILogger<BlobSitePublisher> logger) : ISitePublisher
{
    public const string HashKey = "contenthash";
    public const string IndexDocument = "index.html";

    private volatile bool ready;

    public async Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken)
    {
        foreach (var file in files)
        {
            if (file.Path.Length == 0 || file.Path.StartsWith('/') || file.Path.Contains('\\', StringComparison.Ordinal)
                || file.Path.Split('/').Contains(".."))
                throw new ArgumentException($"Site path '{file.Path}' is not a plain relative path.");
        }

        Dictionary<string, BlobItem> existing;
        try
        {
            await EnsureReadyAsync(cancellationToken);
            existing = new Dictionary<string, BlobItem>(StringComparer.Ordinal);
            await foreach (var item in site.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, cancellationToken))
                existing[item.Name] = item;
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            throw BlobErrors.Wrap($"listing container '{site.Name}'", e);
        }

        int written = 0, unchanged = 0;
        foreach (var file in files)
        {
            existing.TryGetValue(file.Path, out var current);
            bool changed;
            try
            {
                changed = file.IsStreamed
                    ? await PublishStreamedAsync(file, current, cancellationToken)
                    : await PublishBytesAsync(file, current, cancellationToken);
            }
            // 412: changed since the listing; 409: created since (BlobAlreadyExists). Another run is publishing.
            catch (RequestFailedException e) when (e.Status is 412 or 409)
            {
                throw new PipelineException(
                    $"Site file '{file.Path}' was changed by another run while this one published; " +
                    $"nothing was overwritten ({written} of {files.Count} files written before it).", e);
            }
            catch (Exception e) when (BlobErrors.IsStorageFailure(e))
            {
                throw BlobErrors.Wrap($"publishing '{file.Path}' ({written} of {files.Count} files written before it; later files untouched)", e);
            }
            if (changed) written++;
            else unchanged++;
        }
        return new PublishResult(written, unchanged);
    }

    /// <summary>A file in memory: hashed first, and uploaded only when it differs.</summary>
    private async Task<bool> PublishBytesAsync(SiteFile file, BlobItem? current, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(file.Content.Span));
        // Compared before compressing, so an unchanged file costs no compression.
        if (current is not null && IsSame(current, file, hash, SiteCompression.EncodingFor(file))) return false;
        cancellationToken.ThrowIfCancellationRequested();
        var (body, encoding) = SiteCompression.Prepare(file);
        await site.GetBlobClient(file.Path).UploadAsync(body, new BlobUploadOptions
        {
            HttpHeaders = Headers(file, encoding),
            Metadata = new Dictionary<string, string> { [HashKey] = hash },
            Conditions = ConditionsFor(current),
        }, cancellationToken);
        return true;
    }

    /// <summary>
    /// A streamed file: staged in blocks as it is produced (gzipped, hashed), then committed only when the hash or headers
    /// differ from the blob's. Unchanged content costs the upload of blocks that are never committed, and no write.
    /// </summary>
    private async Task<bool> PublishStreamedAsync(SiteFile file, BlobItem? current, CancellationToken cancellationToken)
    {
        await using var staged = new StagedBlobStream(site.GetBlockBlobClient(file.Path), file.ContentType);
        await file.WriteToAsync(staged, cancellationToken);
        var hash = await staged.CompleteAsync(cancellationToken);
        if (current is not null && IsSame(current, file, hash, staged.ContentEncoding)) return false;
        cancellationToken.ThrowIfCancellationRequested();
        var metadata = new Dictionary<string, string> { [HashKey] = hash };
        await staged.CommitAsync(Headers(file, staged.ContentEncoding), metadata, ConditionsFor(current), cancellationToken);
        return true;
    }

    private static BlobHttpHeaders Headers(SiteFile file, string? encoding) =>
        new() { ContentType = file.ContentType, CacheControl = file.CacheControl, ContentEncoding = encoding };

    private static BlobRequestConditions ConditionsFor(BlobItem? current) => current is null
        ? new BlobRequestConditions { IfNoneMatch = ETag.All }
        : new BlobRequestConditions { IfMatch = current.Properties.ETag };

    // Headers count as content: a changed Content-Type, Cache-Control or encoding is re-uploaded too.
    // The hash is of the uncompressed bytes, so compressing does not make an unchanged file look changed.
    private static bool IsSame(BlobItem current, SiteFile file, string hash, string? encoding) =>
        current.Metadata is { } metadata && metadata.TryGetValue(HashKey, out var stored) && stored == hash &&
        current.Properties.ContentType == file.ContentType && current.Properties.CacheControl == file.CacheControl &&
        current.Properties.ContentEncoding == encoding;

    /// <summary>Once per process: the container exists, and static website hosting is on (or we said it is not).</summary>
    private async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        if (ready) return;
        // In Azure "$web" appears when static website hosting is switched on; Azurite has no such feature.
        await site.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        if (site.Name == "$web") await CheckStaticWebsiteAsync(cancellationToken);
        ready = true;
    }

    private async Task CheckStaticWebsiteAsync(CancellationToken cancellationToken)
    {
        BlobServiceProperties properties;
        try
        {
            properties = (await service.GetPropertiesAsync(cancellationToken)).Value;
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            // Azurite, or an identity without rights to read service properties: unknown, not fatal.
            logger.LogInformation("Could not read whether static website hosting is on ({Reason}); publishing anyway", e.GetType().Name);
            return;
        }
        if (properties.StaticWebsite is not { Enabled: false } website) return; // on, or not reported (Azurite)

        if (!enableStaticWebsite)
        {
            logger.LogWarning(
                "Static website hosting is off: the dashboard is not served. Enable it with the app setting " +
                "Storage__EnableStaticWebsite=true, or: az storage blob service-properties update --account-name ACCOUNT " +
                "--static-website --index-document index.html --auth-mode login");
            return;
        }
        try
        {
            website.Enabled = true;
            website.IndexDocument = IndexDocument;
            await service.SetPropertiesAsync(properties, cancellationToken);
            logger.LogInformation("Static website hosting switched on (index document {Index})", IndexDocument);
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e) || e is RequestFailedException)
        {
            logger.LogWarning(e, "Static website hosting is off and could not be switched on: the dashboard is not served. " +
                "Enable it in the portal (Static website) or with " +
                "az storage blob service-properties update --static-website --index-document index.html");
        }
    }
}
