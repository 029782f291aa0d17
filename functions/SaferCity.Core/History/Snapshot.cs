using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using SaferCity.Core.Model;

namespace SaferCity.Core.History;

/// <summary>What a run saw, kept so the next run can tell what changed. One per UK day at most.</summary>
public sealed record Snapshot(DateOnly AsOf, DateTimeOffset TakenAt, IReadOnlyList<SnapshotAction> Actions)
{
    /// <param name="modified">
    /// When each action was last changed, if known better than the item's own lastModifiedDateTime (an update through a
    /// link, from the audit); by item id.
    /// </param>
    public static Snapshot Of(DateOnly asOf, DateTimeOffset takenAt, IEnumerable<TrackerAction> actions,
        IReadOnlyDictionary<string, DateTimeOffset>? modified = null)
    {
        var taken = new List<SnapshotAction>(actions.TryGetNonEnumeratedCount(out var count) ? count : 0);
        foreach (var a in actions)
            taken.Add(SnapshotAction.Of(a, modified is not null && modified.TryGetValue(a.ItemId, out var at) ? at : null));
        return new(asOf, takenAt, taken);
    }

    /// <summary>Same tracker content, whenever it was taken, in whatever order it was listed.</summary>
    public bool SameContentAs(Snapshot? other)
    {
        if (other is null || other.Actions.Count != Actions.Count) return false;
        var theirs = new Dictionary<string, SnapshotAction>(other.Actions.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var a in other.Actions) theirs.TryAdd(a.Id, a);
        foreach (var a in Actions)
        {
            if (!theirs.TryGetValue(a.Id, out var same) || !same.SameContentAs(a)) return false;
        }
        return true;
    }
}

/// <summary>
/// The parts of an action whose change is drift or an update, plus enough to show history. <see cref="Comment"/> is a
/// fingerprint of the comment, not its text: the history only needs to know that it changed.
/// </summary>
public sealed record SnapshotAction(string Id, Rag? Rag, DateOnly? Deadline, bool Complete, bool Hidden, string? Comment = null)
{
    /// <summary>When the item was last changed, as the list (or the update audit) says; not part of its content.</summary>
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Rebuilt from the history: the UK day of the action's last update (see <see cref="TrackerHistory.Record"/>).</summary>
    public DateOnly? Updated { get; init; }

    public static SnapshotAction Of(TrackerAction a, DateTimeOffset? audited = null) =>
        new(a.Number, a.Rag, a.Deadline, a.Complete, a.Hidden, Fingerprint(a.Comments))
        {
            // An update through a link is dated by the audit: the list's own date moves with any later edit (a theme renamed).
            Modified = audited ?? a.LastModified,
        };

    /// <summary>The same comment, rating, deadline, status and visibility: equality is content (when it was changed is not).</summary>
    public bool SameContentAs(SnapshotAction other) => Equals(other);

    public bool Equals(SnapshotAction? other) =>
        other is not null && Id == other.Id && Rag == other.Rag && Deadline == other.Deadline &&
        Complete == other.Complete && Hidden == other.Hidden && Comment == other.Comment;

    public override int GetHashCode() => HashCode.Combine(Id, Rag, Deadline, Complete, Hidden, Comment);

    /// <summary>16 hex digits of the comment's SHA-256: enough to see a change, and no personal text kept in the history.</summary>
    /// <remarks>Hashed from a pooled buffer into the stack: once per action per run, and nothing of it outlives the call.</remarks>
    public static string Fingerprint(string comments)
    {
        var text = comments.AsSpan().Trim();
        var bytes = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes.AsSpan(0, Encoding.UTF8.GetBytes(text, bytes)), hash);
            return Convert.ToHexStringLower(hash[..8]);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }
}
