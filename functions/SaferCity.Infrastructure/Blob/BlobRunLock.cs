using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using SaferCity.Core.Model;

namespace SaferCity.Infrastructure.Blob;

/// <summary>
/// The run lock across every instance: a 60-second lease on the blob "run.lock" in the state container,
/// renewed every 20 seconds while the run holds it and released when it ends. A crashed run's lease
/// simply expires, so a lock is never stuck for more than a minute.
/// </summary>
/// <remarks>
/// If renewal fails for good (another run broke the lease, storage was unreachable until the lease ran out, or a
/// renewal was still unanswered when the lease's time was up) the lock is lost, and another run may start. What is
/// safest then is to stop writing at once rather than to carry on and hope: the handle is an <see cref="IRunLease"/>
/// whose <see cref="IRunLease.Lost"/> token the pipeline passes to every write and send of that run, and the Blob
/// state store and publisher check it before each write. The token belongs to that one lease: a later run taking
/// the lock in the same process gets its own and cannot revive a run that lost its lease. Because every digest's
/// intent is written to the ledger before it is sent, the refusal also stops any further email; the run fails with
/// a clear message, and the next run picks up where the ledger says. Writes already in flight are still protected
/// by their ETag conditions.
/// </remarks>
internal sealed class BlobRunLock(BlobContainerClient container, TimeProvider time, ILogger<BlobRunLock> logger)
    : IRunLock
{
    private readonly TimeProvider time = time;
    private readonly ILogger logger = logger;

    public const string BlobName = "run.lock";
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(20);

    public async Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName);
        var lease = blob.GetBlobLeaseClient(); // a fresh lease id per run
        var asked = time.GetUtcNow(); // the lease's minute starts no earlier than this
        try
        {
            try
            {
                await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                await CreateLockBlobAsync(blob, cancellationToken);
                await lease.AcquireAsync(LeaseDuration, cancellationToken: cancellationToken);
            }
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null; // LeaseAlreadyPresent: another run holds it
        }
        catch (Exception e) when (BlobErrors.IsStorageFailure(e))
        {
            throw BlobErrors.Wrap($"taking the run lock ({container.Name}/{BlobName})", e);
        }

        return new Held(this, lease, asked);
    }

    private async Task CreateLockBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        await container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);
        try
        {
            var ifAbsent = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
            await blob.UploadAsync(BinaryData.Empty, ifAbsent, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another run created it first (and may hold it): the acquire that follows tells.
        }
    }

    private sealed class Held : IRunLease
    {
        private readonly BlobRunLock owner;
        private readonly BlobLeaseClient lease;
        private readonly CancellationTokenSource stop = new();
        private readonly CancellationTokenSource lost = new();
        private readonly Task renewing;
        private DateTimeOffset renewedAt;
        private volatile string? lostReason;

        public Held(BlobRunLock owner, BlobLeaseClient lease, DateTimeOffset acquiredAt)
        {
            this.owner = owner;
            this.lease = lease;
            renewedAt = acquiredAt;
            renewing = RenewAsync();
        }

        public CancellationToken Lost => lost.Token;

        public string? LostReason => lostReason;

        private async Task RenewAsync()
        {
            using var timer = new PeriodicTimer(RenewEvery, owner.time);
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    // A renewal answered after the lease ran out is no use: bound it by the time the lease has left
                    // (the storage client's own retries could otherwise take minutes).
                    var asked = owner.time.GetUtcNow();
                    var left = renewedAt + LeaseDuration - asked;
                    using var bound = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, owner.time);
                    using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, bound.Token);
                    try
                    {
                        await lease.RenewAsync(cancellationToken: renewal.Token);
                        renewedAt = asked; // the server's new minute started no earlier than the request
                    }
                    catch (OperationCanceledException) when (stop.IsCancellationRequested)
                    {
                        return;
                    }
                    catch (OperationCanceledException e) when (bound.IsCancellationRequested)
                    {
                        MarkLost($"no answer to the renewal within the {left.TotalSeconds:0} s the lease had left", e);
                        return;
                    }
                    // 409/412: the lease is gone or someone else's now. Definitely lost.
                    catch (RequestFailedException e) when (e.Status is 409 or 412)
                    {
                        MarkLost($"renewal refused: {e.ErrorCode ?? e.Status.ToString(CultureInfo.InvariantCulture)}", e);
                        return;
                    }
                    catch (Exception e) when (BlobErrors.IsStorageFailure(e))
                    {
                        // Unreachable: the lease still holds until it expires; try again at the next tick if that is in time.
                        if (owner.time.GetUtcNow() - renewedAt + RenewEvery >= LeaseDuration)
                        {
                            MarkLost("storage unreachable until the lease ran out", e);
                            return;
                        }
                        owner.logger.LogWarning(e, "Run lock renewal failed; retrying in {Seconds} s", RenewEvery.TotalSeconds);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        private void MarkLost(string reason, Exception e)
        {
            owner.logger.LogError(e, "Run lock lost ({Reason}): this run stops writing state, publishing and sending", reason);
            lostReason = reason;
            lost.Cancel();
        }

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await renewing;
            try
            {
                if (!lost.IsCancellationRequested) await lease.ReleaseAsync();
            }
            catch (Exception e) when (BlobErrors.IsStorageFailure(e))
            {
                // Not worth failing the run over: the lease expires by itself within a minute.
                owner.logger.LogWarning("Could not release the run lock ({Reason}); it expires within {Seconds} s",
                    e.GetType().Name, LeaseDuration.TotalSeconds);
            }
            stop.Dispose(); // "lost" stays undisposed: a caller may still hold its token
        }
    }
}
