using System.Text;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure.Blob;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>The Blob state store and run lock against Azurite, one container per test.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobStateAndLockTests(AzuriteFixture azurite)
{
    private readonly string state = AzuriteFixture.UniqueContainer("state");

    private BlobStateStore Store(LeaseGuard? guard = null) =>
        new(azurite.Azurite.Client().GetBlobContainerClient(state), guard);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task ReadAsync_Missing_ReturnsNull() =>
        Assert.Null(await Store().ReadAsync("history.json", CancellationToken.None));

    [Fact]
    public async Task WriteAsync_StaleVersion_ThrowsConflictAndLeavesDocumentIntact()
    {
        var store = Store();
        var v1 = await store.WriteAsync("ledger/2017-W03.json", Bytes("one"), null, CancellationToken.None);
        var v2 = await store.WriteAsync("ledger/2017-W03.json", Bytes("two"), v1, CancellationToken.None);

        await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync("ledger/2017-W03.json", Bytes("stale"), v1, CancellationToken.None));

        var stored = await store.ReadAsync("ledger/2017-W03.json", CancellationToken.None);
        Assert.Equal("two", Encoding.UTF8.GetString(stored!.Content.Span));
        Assert.Equal(v2, stored.Version);
        Assert.NotEqual(v1, v2);
    }

    [Fact]
    public async Task WriteAsync_MustNotExistButExists_ThrowsConflictAndLeavesDocumentIntact()
    {
        var store = Store();
        await store.WriteAsync("history.json", Bytes("first"), null, CancellationToken.None);

        await Assert.ThrowsAsync<StateConflictException>(() =>
            store.WriteAsync("history.json", Bytes("second"), null, CancellationToken.None));

        Assert.Equal("first", Encoding.UTF8.GetString((await store.ReadAsync("history.json", CancellationToken.None))!.Content.Span));
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnother_ReturnsNullUntilReleased()
    {
        var container = azurite.Azurite.Client().GetBlobContainerClient(state);
        var one = new BlobRunLock(container, TimeProvider.System, NullLogger<BlobRunLock>.Instance);
        var two = new BlobRunLock(container, TimeProvider.System, NullLogger<BlobRunLock>.Instance);

        var held = await one.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(held);
        Assert.Null(await two.TryAcquireAsync(CancellationToken.None));

        await held.DisposeAsync();
        var next = await two.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(next);
        await next.DisposeAsync();
    }

    [Fact]
    public async Task Renewal_LeaseBrokenByAnother_CancelsLeaseLostAndStopsStateWrites()
    {
        var container = azurite.Azurite.Client().GetBlobContainerClient(state);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var guard = new LeaseGuard();
        var runLock = new BlobRunLock(container, time, NullLogger<BlobRunLock>.Instance, guard);
        await using var held = await runLock.TryAcquireAsync(CancellationToken.None);
        Assert.NotNull(held);
        var lost = runLock.LeaseLost;

        // Someone breaks the lease (as an operator would); the next renewal finds it gone.
        await container.GetBlobClient(BlobRunLock.BlobName).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        time.Advance(BlobRunLock.RenewEvery);
        var signalled = new TaskCompletionSource();
        using (lost.Register(signalled.SetResult)) await signalled.Task.WaitAsync(TimeSpan.FromMinutes(1)); // hang guard only

        Assert.True(lost.IsCancellationRequested);
        var refused = await Assert.ThrowsAsync<PipelineException>(() =>
            Store(guard).WriteAsync("history.json", Bytes("late"), null, CancellationToken.None));
        Assert.Contains("run lock was lost", refused.Message);
        Assert.Null(await Store().ReadAsync("history.json", CancellationToken.None));
    }
}
