using System.Buffers.Binary;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Updates;

/// <summary>
/// How many submissions one link has made this hour, kept in the state store (<c>limits/{link id}.bin</c>) and counted
/// with conditional writes, so a restart does not reset it and every cloud instance counts against the same figure.
/// Under contention that cannot be settled in a few tries it refuses: a link is never allowed more than its share.
/// </summary>
public sealed class LinkAllowance(IStateStore state, TimeProvider time, int perHour)
{
    private const string Folder = "limits/";

    /// <summary>The start of the next hour's allowance: what a refusal says to wait for.</summary>
    public static DateTimeOffset NextWindow(DateTimeOffset now) => DateTimeOffset.FromUnixTimeSeconds((now.ToUnixTimeSeconds() / 3600 + 1) * 3600);

    /// <summary>Counts one submission; false when the link has had its hour's allowance already.</summary>
    public async Task<bool> TryTakeAsync(string linkId, CancellationToken cancellationToken)
    {
        var name = $"{Folder}{linkId}.bin";
        var window = time.GetUtcNow().ToUnixTimeSeconds() / 3600;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await state.ReadAsync(name, cancellationToken);
            var (storedWindow, count) = Read(stored);
            if (storedWindow != window) count = 0;
            if (count >= perHour) return false;
            try
            {
                await state.WriteAsync(name, Write(window, count + 1), stored?.Version, cancellationToken);
                return true;
            }
            catch (StateConflictException)
            {
                // Another request of the same link counted in between: count again on top of it.
            }
        }
        return false;
    }

    /// <summary>Removes the counts of hours that are over: run with each live run, so the folder holds only the current hour's links.</summary>
    public static async Task<int> PruneAsync(IStateStore state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = now.ToUnixTimeSeconds() / 3600;
        var removed = 0;
        foreach (var name in await state.ListAsync(Folder, cancellationToken))
        {
            if (Read(await state.ReadAsync(name, cancellationToken)).Window < window && await state.DeleteAsync(name, cancellationToken)) removed++;
        }
        return removed;
    }

    private static (long Window, int Count) Read(StoredDocument? stored) =>
        stored is { Content.Length: 12 } ? (BinaryPrimitives.ReadInt64BigEndian(stored.Content.Span),
            BinaryPrimitives.ReadInt32BigEndian(stored.Content.Span[8..])) : (0, 0);

    private static byte[] Write(long window, int count)
    {
        var bytes = new byte[12];
        BinaryPrimitives.WriteInt64BigEndian(bytes, window);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), count);
        return bytes;
    }
}
