using System.IO.Compression;
using System.Security.Cryptography;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace SaferCity.Infrastructure.Blob;

/// <summary>
/// A site file written straight to its blob as it is produced: the plain bytes are hashed as they pass (the blob's
/// "contenthash"), gzipped from the first <see cref="SiteCompression.Threshold"/> bytes on when the type is text, and
/// staged in blocks of <see cref="BlockSize"/>. Nothing is visible until the block list is committed; a stream that is
/// never committed (unchanged content, a failed render, a lost lease) leaves the blob as it was, and the service
/// discards the staged blocks. Memory: one block and the compressor's window, whatever the file's size.
/// </summary>
internal sealed class StagedBlobStream(BlockBlobClient blob, string contentType) : Stream
{
    public const int BlockSize = 4 * 1024 * 1024;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly BlockSink _sink = new(blob);
    private readonly MemoryStream _head = new(SiteCompression.Threshold);
    private Stream? _body; // the sink, or a gzip stream over it, once the first threshold bytes have decided which
    private long _length;

    /// <summary>Known once <see cref="CompleteAsync"/> has run.</summary>
    public string? ContentEncoding { get; private set; }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _length;
    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _hash.AppendData(buffer.Span);
        _length += buffer.Length;
        if (_body is not null)
        {
            await _body.WriteAsync(buffer, cancellationToken);
            return;
        }
        _head.Write(buffer.Span);
        if (_head.Length >= SiteCompression.Threshold) await StartBodyAsync(cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) =>
        WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    /// <summary>Ends the content: stages the last block and returns the SHA-256 of the plain bytes.</summary>
    public async Task<string> CompleteAsync(CancellationToken cancellationToken)
    {
        if (_body is null) await StartBodyAsync(cancellationToken);
        if (_body is GZipStream gzip) await gzip.DisposeAsync(); // writes the gzip trailer into the sink
        await _sink.FlushBlockAsync(cancellationToken);
        return Convert.ToHexStringLower(_hash.GetHashAndReset());
    }

    /// <summary>Makes the staged content the blob's, with its headers and hash, if the blob is still as <paramref name="conditions"/> say.</summary>
    public Task CommitAsync(BlobHttpHeaders headers, IDictionary<string, string> metadata, BlobRequestConditions conditions,
        CancellationToken cancellationToken)
    {
        headers.ContentEncoding = ContentEncoding;
        return blob.CommitBlockListAsync(_sink.Blocks, new CommitBlockListOptions
        {
            HttpHeaders = headers,
            Metadata = metadata,
            Conditions = conditions,
        }, cancellationToken);
    }

    /// <summary>The first threshold bytes (or all, for a small file) decide whether the blob is stored gzipped.</summary>
    private async Task StartBodyAsync(CancellationToken cancellationToken)
    {
        ContentEncoding = _head.Length >= SiteCompression.Threshold && SiteCompression.IsText(contentType) ? SiteCompression.Gzip : null;
        _body = ContentEncoding is null ? _sink : new GZipStream(_sink, CompressionLevel.Optimal, leaveOpen: true);
        await _body.WriteAsync(_head.GetBuffer().AsMemory(0, (int)_head.Length), cancellationToken);
        _head.SetLength(0);
    }

    public override void Flush() { }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _hash.Dispose();
            _head.Dispose();
        }
        base.Dispose(disposing);
    }

    /// <summary>Gathers bytes into one block and stages it when full. Block ids are unique to this stream and all one length.</summary>
    private sealed class BlockSink(BlockBlobClient blob) : Stream
    {
        private readonly byte[] _prefix = Guid.NewGuid().ToByteArray();
        private readonly MemoryStream _block = new();

        public List<string> Blocks { get; } = [];

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            while (buffer.Length > 0)
            {
                var part = Math.Min(buffer.Length, BlockSize - (int)_block.Length);
                _block.Write(buffer.Span[..part]);
                buffer = buffer[part..];
                if (_block.Length == BlockSize) await FlushBlockAsync(cancellationToken);
            }
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // GZipStream writes its trailer synchronously when disposed synchronously; the publisher disposes it asynchronously.
        public override void Write(byte[] buffer, int offset, int count) =>
            WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public async Task FlushBlockAsync(CancellationToken cancellationToken)
        {
            if (_block.Length == 0) return; // an empty file commits an empty list
            var id = Convert.ToBase64String([.. _prefix, .. BitConverter.GetBytes((long)Blocks.Count)]);
            _block.Position = 0;
            await blob.StageBlockAsync(id, _block, cancellationToken: cancellationToken);
            Blocks.Add(id);
            _block.SetLength(0);
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
