namespace SaferCity.Core.Local;

/// <summary>
/// Writes a new version of a file only where it differs from the one there. The bytes are compared with the existing
/// file as they come; only at the first difference is a temporary file started (the equal part copied into it), and
/// <see cref="CommitAsync"/> moves it into place. So an unchanged file is read but never written, a changed one is
/// replaced whole in one move, and a write that fails part-way leaves the old file as it was.
/// </summary>
internal sealed class ReplacingFileStream(string path) : Stream
{
    private const int BufferSize = 1 << 16;
    private readonly FileStream? _existing =
        File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize) : null;
    private readonly string _temp = path + ".tmp";
    private byte[]? _compare;
    private FileStream? _replacement;
    private long _position;

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => _position;
    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_replacement is null && !SameAsExisting(buffer)) StartReplacement();
        _replacement?.Write(buffer);
        _position += buffer.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    // Local disk: the synchronous path is the simple one, and the renderers hand over 16–64 KB at a time.
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Puts the new version in place if it differs; returns whether it did.</summary>
    public async Task<bool> CommitAsync(CancellationToken cancellationToken)
    {
        // Everything matched so far: unchanged only if the old file ends here too.
        if (_replacement is null && _existing is not null && _existing.Length == _position) return false;
        if (_replacement is null) StartReplacement();
        await _replacement!.FlushAsync(cancellationToken);
        await _replacement.DisposeAsync();
        if (_existing is not null) await _existing.DisposeAsync();
        File.Move(_temp, path, overwrite: true);
        return true;
    }

    private bool SameAsExisting(ReadOnlySpan<byte> buffer)
    {
        if (_existing is null) return false;
        _compare ??= new byte[BufferSize];
        while (buffer.Length > 0)
        {
            var part = buffer[..Math.Min(buffer.Length, _compare.Length)];
            var read = _existing.ReadAtLeast(_compare.AsSpan(0, part.Length), part.Length, throwOnEndOfStream: false);
            if (read < part.Length || !part.SequenceEqual(_compare.AsSpan(0, part.Length))) return false;
            buffer = buffer[part.Length..];
        }
        return true;
    }

    /// <summary>The first difference: the temporary file starts with the part that was equal.</summary>
    private void StartReplacement()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _replacement = new FileStream(_temp, FileMode.Create, FileAccess.Write, FileShare.None, BufferSize);
        if (_existing is null || _position == 0) return;
        _existing.Position = 0;
        var left = _position;
        var buffer = _compare!;
        while (left > 0)
        {
            var read = _existing.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            _replacement.Write(buffer, 0, read);
            left -= read;
        }
    }

    public override void Flush() { }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _existing?.Dispose();
            if (_replacement is not null)
            {
                _replacement.Dispose();
                if (File.Exists(_temp)) File.Delete(_temp); // not committed: the old file stays
            }
        }
        base.Dispose(disposing);
    }
}
