namespace SaferCity.Core.Model;

// The pipeline's edges. Each has a local implementation in this project (files and folders)
// and a cloud one in SaferCity.Infrastructure (Graph, Blob storage, SendGrid).

/// <summary>Where the two lists come from.</summary>
public interface ITrackerSource
{
    /// <summary>Reads both lists whole, or throws <see cref="PipelineException"/> saying why not.</summary>
    Task<TrackerLists> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>Small named documents (history, ledger) with optimistic concurrency.</summary>
public interface IStateStore
{
    Task<StoredDocument?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the whole document atomically. <paramref name="expectedVersion"/> null means "must not exist yet";
    /// otherwise the version read before. Throws <see cref="StateConflictException"/> when someone else wrote first.
    /// Returns the new version.
    /// </summary>
    Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken);

    /// <summary>
    /// The names of the stored documents that start with <paramref name="prefix"/> ("ledger/"; "" for all), in ordinal
    /// order, with "/" between folder and name. Lists documents only, never the run lock or a half-written file.
    /// </summary>
    Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken);

    /// <summary>
    /// Removes a document for good (retention and erasure). Returns false when there was none: deleting twice is fine.
    /// </summary>
    Task<bool> DeleteAsync(string name, CancellationToken cancellationToken);
}

public sealed record StoredDocument(ReadOnlyMemory<byte> Content, string Version);

/// <summary>Where the public site goes. Files are written in the order given, and only when changed.</summary>
public interface ISitePublisher
{
    Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken);
}

/// <summary>
/// One file of the site: bytes held in memory (small files), or streamed: written by a callback straight to where it goes,
/// so a large tracker's data files (tens of megabytes) are never held whole. A publisher writes streamed files with
/// <see cref="WriteToAsync"/>.
/// </summary>
public sealed class SiteFile
{
    private readonly Func<Stream, CancellationToken, Task>? _write;
    private ReadOnlyMemory<byte>? _content;

    public SiteFile(string path, ReadOnlyMemory<byte> content, string contentType, string cacheControl)
        : this(path, contentType, cacheControl, null) => _content = content;

    private SiteFile(string path, string contentType, string cacheControl, Func<Stream, CancellationToken, Task>? write)
    {
        Path = path;
        ContentType = contentType;
        CacheControl = cacheControl;
        _write = write;
    }

    /// <summary>A file whose content <paramref name="write"/> produces into the stream it is given, each time it is called.</summary>
    public static SiteFile Streamed(string path, string contentType, string cacheControl, Func<Stream, CancellationToken, Task> write) =>
        new(path, contentType, cacheControl, write);

    public string Path { get; }

    public string ContentType { get; }

    public string CacheControl { get; }

    public bool IsStreamed => _write is not null;

    /// <summary>
    /// The whole content in memory. For a streamed file this renders it and keeps it: what streaming exists to avoid,
    /// so publishers use <see cref="WriteToAsync"/>; this is for small files and tests.
    /// </summary>
    public ReadOnlyMemory<byte> Content
    {
        get
        {
            if (_content is { } content) return content;
            var buffer = new MemoryStream();
            _write!(buffer, CancellationToken.None).GetAwaiter().GetResult();
            _content = new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
            return _content.Value;
        }
    }

    public async Task WriteToAsync(Stream destination, CancellationToken cancellationToken)
    {
        if (_write is null || _content is not null) await destination.WriteAsync(Content, cancellationToken);
        else await _write(destination, cancellationToken);
    }
}

public sealed record PublishResult(int Written, int Unchanged);

/// <summary>Sends one email. Returns how it went; throws only on cancellation.</summary>
public interface IEmailSender
{
    Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

public sealed record EmailMessage(
    string DigestId,
    IReadOnlyList<string> To,
    string Subject,
    string Text,
    string Html,
    IReadOnlyDictionary<string, string> Tags)
{
    /// <summary>When the digest was made, by the run's clock; a file outbox dates the message by it.</summary>
    public DateTimeOffset? Date { get; init; }
}

/// <param name="Unconfirmed">
/// Not sent as far as we know, but the mail service may have accepted it: the request went out and no answer came
/// (a timeout, a connection dropped after the request was written). Never retried; reported instead.
/// </param>
public sealed record SendResult(bool Sent, string? MessageId = null, string? Error = null, bool Unconfirmed = false)
{
    public static SendResult Ok(string? messageId = null) => new(true, messageId);

    /// <summary>A definite rejection: nothing was delivered, so the digest stays due.</summary>
    public static SendResult Failed(string error) => new(false, null, error);

    /// <summary>The outcome is unknown: treated like a run that stopped mid-send, never resent automatically.</summary>
    public static SendResult Unknown(string error) => new(false, null, error, Unconfirmed: true);
}

/// <summary>Keeps two runs from overlapping (a retry, a manual run, another instance).</summary>
public interface IRunLock
{
    /// <summary>
    /// A handle to dispose when done, or null when another run holds the lock. A lock that can be lost while held
    /// (a lease) returns an <see cref="IRunLease"/>, and the run checks it before everything it writes.
    /// </summary>
    Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken);
}

/// <summary>A held lock that can be lost before it is released: a lease that could not be renewed in time.</summary>
public interface IRunLease : IAsyncDisposable
{
    /// <summary>Cancelled when this lease (and no other) is lost; never reset.</summary>
    CancellationToken Lost { get; }

    /// <summary>Why it was lost, once it has been.</summary>
    string? LostReason { get; }
}

/// <summary>A run could not complete; the message is the one line a person reads.</summary>
public class PipelineException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The lists are set up so that no run can read them right (an essential column or a list missing): not something a later run
/// gets past on its own, so the coordinator is told once (<see cref="Reminders.SetupNotice"/>) as well as the run failing.
/// </summary>
public sealed class SetupException(string message) : PipelineException(message);

/// <summary>The tracker is throttled or slow beyond what the caller can wait: nothing was written; later may work.</summary>
public sealed class TrackerBusyException(string message, Exception? inner = null) : PipelineException(message, inner);

public sealed class StateConflictException(string name)
    : PipelineException($"State '{name}' was changed by another run; nothing was overwritten.");
