using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Storage.Blobs;
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

    private BlobStateStore Store() => new(azurite.Azurite.Client().GetBlobContainerClient(state));

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
    public async Task ListAsync_Prefix_ReturnsMatchingDocumentsInOrderButNeverTheRunLock()
    {
        var store = Store();
        foreach (var name in new[] { "ledger/2017-W03.json", "history.json", "ledger/2017-W02.json" })
            await store.WriteAsync(name, Bytes(name), null, CancellationToken.None);
        var container = azurite.Azurite.Client().GetBlobContainerClient(state);
        await using (await new BlobRunLock(container, TimeProvider.System, NullLogger<BlobRunLock>.Instance).TryAcquireAsync(CancellationToken.None))
        {
            Assert.Equal(["ledger/2017-W02.json", "ledger/2017-W03.json"], await store.ListAsync("ledger/", CancellationToken.None));
            Assert.Equal(["history.json", "ledger/2017-W02.json", "ledger/2017-W03.json"], await store.ListAsync("", CancellationToken.None));
        }
    }

    [Fact]
    public async Task ListAsync_NoContainerYet_ReturnsEmpty() =>
        Assert.Empty(await Store().ListAsync("", CancellationToken.None));

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItAndASecondDeleteReturnsFalse()
    {
        var store = Store();
        await store.WriteAsync("ledger/2017-W02.json", Bytes("old"), null, CancellationToken.None);
        await store.WriteAsync("ledger/2017-W03.json", Bytes("new"), null, CancellationToken.None);

        Assert.True(await store.DeleteAsync("ledger/2017-W02.json", CancellationToken.None));
        Assert.False(await store.DeleteAsync("ledger/2017-W02.json", CancellationToken.None));

        Assert.Null(await store.ReadAsync("ledger/2017-W02.json", CancellationToken.None));
        Assert.Equal(["ledger/2017-W03.json"], await store.ListAsync("ledger/", CancellationToken.None));
        await store.WriteAsync("ledger/2017-W02.json", Bytes("again"), null, CancellationToken.None);
    }

    [Fact]
    public async Task DeleteAsync_NoContainerYet_ReturnsFalse() =>
        Assert.False(await Store().DeleteAsync("history.json", CancellationToken.None));

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
    public async Task Renewal_LeaseBrokenByAnother_CancelsThatLeasesTokenAndStateWritesUnderItAreRefused()
    {
        var container = azurite.Azurite.Client().GetBlobContainerClient(state);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runLock = new BlobRunLock(container, time, NullLogger<BlobRunLock>.Instance);
        await using var held = Assert.IsAssignableFrom<IRunLease>(await runLock.TryAcquireAsync(CancellationToken.None));

        // Someone breaks the lease (as an operator would); the next renewal finds it gone.
        await container.GetBlobClient(BlobRunLock.BlobName).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        time.Advance(BlobRunLock.RenewEvery);
        await LostAsync(held);

        Assert.StartsWith("renewal refused", held.LostReason);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store().WriteAsync("history.json", Bytes("late"), null, held.Lost));
        Assert.Null(await Store().ReadAsync("history.json", CancellationToken.None));
    }

    /// <summary>
    /// A run that lost its lease stays refused when a later run in the same process takes the lock: each lease has its
    /// own token, and the second acquisition does not reset the first's (a process-wide flag once did).
    /// </summary>
    [Fact]
    public async Task TryAcquireAsync_AfterAnotherLeaseWasLostInTheSameProcess_TheLostRunStaysRefused()
    {
        var container = azurite.Azurite.Client().GetBlobContainerClient(state);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runLock = new BlobRunLock(container, time, NullLogger<BlobRunLock>.Instance);
        await using var first = Assert.IsAssignableFrom<IRunLease>(await runLock.TryAcquireAsync(CancellationToken.None));
        await container.GetBlobClient(BlobRunLock.BlobName).GetBlobLeaseClient().BreakAsync(TimeSpan.Zero);
        time.Advance(BlobRunLock.RenewEvery);
        await LostAsync(first);

        await using var second = Assert.IsAssignableFrom<IRunLease>(await runLock.TryAcquireAsync(CancellationToken.None));

        Assert.True(first.Lost.IsCancellationRequested);
        Assert.False(second.Lost.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Store().WriteAsync("history.json", Bytes("late"), null, first.Lost));
        await Store().WriteAsync("history.json", Bytes("current"), null, second.Lost);
        Assert.Equal("current", Encoding.UTF8.GetString((await Store().ReadAsync("history.json", CancellationToken.None))!.Content.Span));
    }

    /// <summary>
    /// Storage takes a renewal and never answers (the client's retries could stretch it to minutes). The renewal is
    /// bounded by the time the lease has left: when the lease's minute is up, the lease counts as lost.
    /// </summary>
    [Fact]
    public async Task Renewal_StorageNeverAnswers_LostWhenTheLeasesTimeIsUp()
    {
        var stall = new StallRenewals();
        var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromMinutes(10) } };
        options.AddPolicy(stall, HttpPipelinePosition.PerRetry);
        var container = new BlobServiceClient(azurite.Azurite.ConnectionString, options).GetBlobContainerClient(state);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runLock = new BlobRunLock(container, time, NullLogger<BlobRunLock>.Instance);
        await using var held = Assert.IsAssignableFrom<IRunLease>(await runLock.TryAcquireAsync(CancellationToken.None));

        time.Advance(BlobRunLock.RenewEvery); // the first renewal goes out and hangs
        await stall.Reached.Task.WaitAsync(TimeSpan.FromMinutes(1)); // hang guard only
        time.Advance(BlobRunLock.LeaseDuration - BlobRunLock.RenewEvery - TimeSpan.FromSeconds(1));
        Assert.False(held.Lost.IsCancellationRequested); // a second of the lease left: still ours
        time.Advance(TimeSpan.FromSeconds(1));
        await LostAsync(held);

        Assert.Contains("no answer to the renewal within the 40 s the lease had left", held.LostReason);
    }

    private static async Task LostAsync(IRunLease lease)
    {
        var signalled = new TaskCompletionSource();
        using (lease.Lost.Register(signalled.SetResult)) await signalled.Task.WaitAsync(TimeSpan.FromMinutes(1)); // hang guard only
    }

    /// <summary>Holds every lease renewal until its request is cancelled: storage that took the request and went quiet.</summary>
    private sealed class StallRenewals : HttpPipelinePolicy
    {
        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (IsRenewal(message))
            {
                Reached.TrySetResult();
                await Task.Delay(Timeout.Infinite, message.CancellationToken);
            }
            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("async only");

        private static bool IsRenewal(HttpMessage message) =>
            message.Request.Headers.TryGetValue("x-ms-lease-action", out var action) && action == "renew";
    }
}
