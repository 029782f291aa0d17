using System.Security.Cryptography;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Tests.Support;

/// <summary>Lists held in memory; tests edit them between runs as an admin would edit SharePoint.</summary>
internal sealed class InMemorySource(List<ListItem> tracker, IReadOnlyList<ListItem> leads) : ITrackerSource
{
    public List<ListItem> Tracker { get; } = tracker;

    /// <summary>The leads list; edit between runs.</summary>
    public List<ListItem> Leads { get; } = [.. leads];

    public Exception? FailWith { get; set; }

    /// <summary>Plays a list with no hide column (see <see cref="TrackerLists.HoldPublishing"/>).</summary>
    public bool HoldPublishing { get; set; }

    public Task<TrackerLists> ReadAsync(CancellationToken cancellationToken) =>
        FailWith is { } e
            ? Task.FromException<TrackerLists>(e)
            : Task.FromResult(new TrackerLists(Tracker.ToList(), Leads.ToList())
            {
                HoldPublishing = HoldPublishing,
                SetupProblems = HoldPublishing ? ["The tracker list has no hide column."] : [],
            });
}

internal sealed class InMemoryStateStore : IStateStore
{
    public Dictionary<string, byte[]> Documents { get; } = new(StringComparer.Ordinal);

    public int Writes { get; private set; }

    /// <summary>The names read and written, in order: what a run touched.</summary>
    public List<string> Read { get; } = [];

    public List<string> Written { get; } = [];

    /// <summary>Makes the next write of this document fail, as a storage outage would.</summary>
    public string? FailNextWriteOf { get; set; }

    public Task<StoredDocument?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        Read.Add(name);
        return Task.FromResult(Documents.TryGetValue(name, out var content) ? new StoredDocument(content, Version(content)) : null);
    }

    /// <summary>Runs before each write: lets a test play another writer.</summary>
    public Action<string>? BeforeWrite { get; set; }

    public Task<string> WriteAsync(string name, ReadOnlyMemory<byte> content, string? expectedVersion, CancellationToken cancellationToken)
    {
        BeforeWrite?.Invoke(name);
        if (FailNextWriteOf == name)
        {
            FailNextWriteOf = null;
            throw new IOException($"Simulated outage writing {name}");
        }
        var current = Documents.TryGetValue(name, out var existing) ? Version(existing) : null;
        if (current != expectedVersion) throw new StateConflictException(name);
        Documents[name] = content.ToArray();
        Writes++;
        Written.Add(name);
        return Task.FromResult(Version(content.Span));
    }

    public Task<IReadOnlyList<string>> ListAsync(string prefix, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(
            Documents.Keys.Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList());

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) => Task.FromResult(Documents.Remove(name));

    private static string Version(ReadOnlySpan<byte> content) => Convert.ToHexString(SHA256.HashData(content));
}

internal sealed class InMemoryPublisher : ISitePublisher
{
    public Dictionary<string, SiteFile> Files { get; } = new(StringComparer.Ordinal);

    public List<string> WriteOrder { get; } = [];

    /// <summary>How many times a run handed it a site (rendered it).</summary>
    public int Publishes { get; private set; }

    public Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken)
    {
        Publishes++;
        int written = 0, unchanged = 0;
        foreach (var file in files)
        {
            if (Files.TryGetValue(file.Path, out var old) && old.Content.Span.SequenceEqual(file.Content.Span))
            {
                unchanged++;
                continue;
            }
            Files[file.Path] = file;
            WriteOrder.Add(file.Path);
            written++;
        }
        return Task.FromResult(new PublishResult(written, unchanged));
    }
}

/// <summary>Records every message; fails the digests it is told to, or stops the "process" mid-send.</summary>
internal sealed class RecordingEmailSender : IEmailSender
{
    public List<EmailMessage> Sent { get; } = [];

    public HashSet<string> FailDigests { get; } = [];

    /// <summary>Throws as if the process died after the message left but before the send returned.</summary>
    public string? CrashAfterSending { get; set; }

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (FailDigests.Contains(message.DigestId)) return Task.FromResult(SendResult.Failed("550 simulated rejection"));
        Sent.Add(message);
        if (CrashAfterSending == message.DigestId) throw new ProcessKilledException();
        return Task.FromResult(SendResult.Ok($"msg-{Sent.Count}"));
    }
}

/// <summary>Stands for the process dying: nothing after it runs. Tests catch it where a real crash would end the process.</summary>
internal sealed class ProcessKilledException : OperationCanceledException;

internal sealed class NoLock : IRunLock
{
    public Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable?>(new Handle());

    private sealed class Handle : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>The dry-run and look-back preview, in memory, kept apart from the real site and sender.</summary>
internal sealed class InMemoryPreview : IRunPreview
{
    public InMemoryPublisher Files { get; } = new();

    public RecordingEmailSender Emails { get; } = new();

    public int Clears { get; private set; }

    public ISitePublisher Site => Files;

    public IEmailSender Outbox => Emails;

    public void Clear() => Clears++;
}
