using System.Security.Cryptography;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;

namespace SaferCity.Benchmarks;

// The pipeline's edges held in memory, so a benchmark measures the pipeline, not a disk or a network.

internal sealed class BytesSource(byte[] tracker, byte[] leads) : ITrackerSource
{
    public Task<TrackerLists> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new TrackerLists(SaferCity.Core.Reading.ListItemJson.Parse(tracker), SaferCity.Core.Reading.ListItemJson.Parse(leads)));
}

internal sealed class MemoryState : IStateStore
{
    private readonly Dictionary<string, byte[]> _documents = new();

    public Task<StoredDocument?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_documents.TryGetValue(name, out var c) ? new StoredDocument(c, Convert.ToHexString(SHA256.HashData(c))) : null);

    public Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken)
    {
        _documents[name] = content.ToArray();
        return Task.FromResult(Convert.ToHexString(SHA256.HashData(content.Span)));
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(
            _documents.Keys.Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => Task.FromResult(_documents.Remove(name));
}

internal sealed class MemorySite : ISitePublisher
{
    public long Bytes { get; private set; }

    /// <summary>Each file written to a stream that hashes and keeps nothing, as a streaming publisher does.</summary>
    public async Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken)
    {
        Bytes = 0;
        foreach (var file in files)
        {
            await using var sink = new HashingStream();
            await file.WriteToAsync(sink, cancellationToken);
            sink.Hash();
            Bytes += sink.Length;
        }
        return new PublishResult(files.Count, 0);
    }
}

internal sealed class NullSender : IEmailSender
{
    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) => Task.FromResult(SendResult.Ok());
}

internal sealed class FreeLock : IRunLock
{
    public Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable?>(new Nothing());

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
