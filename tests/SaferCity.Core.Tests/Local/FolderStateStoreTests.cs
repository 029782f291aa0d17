using System.Text;
using SaferCity.Core.Local;

namespace SaferCity.Core.Tests.Local;

/// <summary>The local state folder: listing by prefix and deleting, as retention and erasure use them.</summary>
public sealed class FolderStateStoreTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "safercity-state-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private async Task<FolderStateStore> StoreWithAsync(params string[] names)
    {
        var store = new FolderStateStore(root);
        foreach (var name in names) await store.WriteAsync(name, Encoding.UTF8.GetBytes(name), null, CancellationToken.None);
        return store;
    }

    [Fact]
    public async Task ListAsync_Prefix_ReturnsMatchingNamesInOrderWithSlashes()
    {
        var store = await StoreWithAsync("ledger/2017-W03.json", "history.json", "ledger/2017-W02.json", "updates/2017-01.json");

        Assert.Equal(["ledger/2017-W02.json", "ledger/2017-W03.json"], await store.ListAsync("ledger/", CancellationToken.None));
        Assert.Equal(["history.json", "ledger/2017-W02.json", "ledger/2017-W03.json", "updates/2017-01.json"],
            await store.ListAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_RunLockAndLeftoverTempFiles_AreNotListed()
    {
        var store = await StoreWithAsync("history.json");
        await using (await new FolderRunLock(root).TryAcquireAsync(CancellationToken.None)) { }
        await File.WriteAllTextAsync(Path.Combine(root, "history.json.0123.tmp"), "half");

        Assert.Equal(["history.json"], await store.ListAsync("", CancellationToken.None));
    }

    [Fact]
    public async Task ListAsync_NoFolderYet_ReturnsEmpty() =>
        Assert.Empty(await new FolderStateStore(root).ListAsync("", CancellationToken.None));

    [Fact]
    public async Task DeleteAsync_Existing_RemovesItAndASecondDeleteReturnsFalse()
    {
        var store = await StoreWithAsync("ledger/2017-W02.json", "ledger/2017-W03.json");

        Assert.True(await store.DeleteAsync("ledger/2017-W02.json", CancellationToken.None));
        Assert.False(await store.DeleteAsync("ledger/2017-W02.json", CancellationToken.None));

        Assert.Null(await store.ReadAsync("ledger/2017-W02.json", CancellationToken.None));
        Assert.Equal(["ledger/2017-W03.json"], await store.ListAsync("ledger/", CancellationToken.None));
    }

    [Fact]
    public async Task DeleteAsync_NameLeavingTheFolder_IsRefused()
    {
        var store = await StoreWithAsync("history.json");

        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync("../outside.json", CancellationToken.None));
    }

    [Fact]
    public async Task WriteAsync_AfterDelete_MustNotExistSucceeds()
    {
        var store = await StoreWithAsync("history.json");
        await store.DeleteAsync("history.json", CancellationToken.None);

        await store.WriteAsync("history.json", "again"u8.ToArray(), null, CancellationToken.None);

        Assert.Equal("again", Encoding.UTF8.GetString((await store.ReadAsync("history.json", CancellationToken.None))!.Content.Span));
    }
}
