using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using SaferCity.Core.Model;

namespace SaferCity.Infrastructure.Blob;

/// <summary>
/// State documents (history, reminder ledger) as blobs in a private container. Versions are ETags:
/// a write names the ETag it read (or "must not exist"), so a run that lost a race gets
/// <see cref="StateConflictException"/> instead of overwriting. Each upload is one Put Blob, so a
/// document is either whole or absent. A run passes its lease's token (see <see cref="BlobRunLock"/>): once that
/// lease is lost, no write starts.
/// </summary>
internal sealed class BlobStateStore(BlobContainerClient container) : IStateStore
{
    // Far above any state document; keeps every upload a single request (no staged blocks).
    private static readonly StorageTransferOptions SingleShot = new()
    {
        InitialTransferSize = 64 * 1024 * 1024,
        MaximumTransferSize = 64 * 1024 * 1024,
    };

    private volatile bool containerReady;

    public string ContainerName => container.Name;

    public async Task<StoredDocument?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var download = await container.GetBlobClient(name).DownloadContentAsync(cancellationToken);
            return new StoredDocument(download.Value.Content.ToMemory(), download.Value.Details.ETag.ToString());
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null; // no such blob, or no container yet: nothing stored
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            throw BlobErrors.Wrap($"reading state '{name}' from container '{container.Name}'", e);
        }
    }

    public async Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
            Conditions = expectedVersion is null
                ? new BlobRequestConditions { IfNoneMatch = ETag.All }
                : new BlobRequestConditions { IfMatch = new ETag(expectedVersion) },
            TransferOptions = SingleShot,
        };
        try
        {
            await EnsureContainerAsync(cancellationToken);
            var uploaded = await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(content), options, cancellationToken);
            return uploaded.Value.ETag.ToString();
        }
        // 412: the ETag no longer matches; 409: it exists although it should not (BlobAlreadyExists).
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            throw new StateConflictException(name);
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            throw BlobErrors.Wrap($"writing state '{name}' to container '{container.Name}'", e);
        }
    }

    public async Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
                if (blob.Name != BlobRunLock.BlobName) names.Add(blob.Name);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return []; // no container yet: nothing stored
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            throw BlobErrors.Wrap($"listing state '{prefix}*' in container '{container.Name}'", e);
        }
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Deletes the blob and its snapshots. With soft delete switched on for the account, storage keeps a deleted copy
    /// for its retention period (infra/README.md says how long and how to purge it).
    /// </summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await container.GetBlobClient(name)
                .DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
            return deleted.Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false; // no container: nothing to delete
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            throw BlobErrors.Wrap($"deleting state '{name}' from container '{container.Name}'", e);
        }
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (containerReady) return;
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        containerReady = true;
    }
}
