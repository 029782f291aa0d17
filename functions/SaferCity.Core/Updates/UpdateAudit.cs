using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Updates;

/// <summary>The four things a lead can change, as words: rag green|amber|red, status open|complete, deadline yyyy-MM-dd.</summary>
public sealed record UpdateFields(string? Rag, string Comment, string Status, string? Deadline);

/// <summary>One applied update: when, which link (its id, never the token), who, which action, and the fields before and after.</summary>
public sealed record AppliedUpdate(DateTimeOffset At, string Link, string LeadKey, string Lead, string ItemId, string Action,
    UpdateFields Before, UpdateFields After)
{
    /// <summary>The comment's text has been replaced by its length and a hash (see <see cref="UpdateAudit.MaintainAsync"/>).</summary>
    public bool Stripped { get; init; }

    /// <summary>The names of the fields that changed, for logs: never their values.</summary>
    public IReadOnlyList<string> ChangedFields() =>
        [.. new[] { ("rag", Before.Rag != After.Rag), ("status", Before.Status != After.Status), ("deadline", Before.Deadline != After.Deadline),
            ("comment", Before.Comment != After.Comment) }.Where(f => f.Item2).Select(f => f.Item1)];

    /// <summary>"2.5 (Community Safety Team): RAG amber to red; deadline moved by the lead: 31 December 2016 → 31 March 2017; comment
    /// changed".</summary>
    public string Describe()
    {
        var changes = new List<string>();
        if (Before.Rag != After.Rag) changes.Add($"RAG {Before.Rag ?? "not rated"} to {After.Rag}");
        if (Before.Status != After.Status) changes.Add(After.Status == "complete" ? "marked complete" : "reopened");
        // A deadline is the figure a lead could most easily game: every move is named for the coordinator, with both dates.
        if (Before.Deadline != After.Deadline)
            changes.Add($"deadline moved by the lead: {(Before.Deadline is null ? "not set" : UpdatePages.LongDate(Before.Deadline))} " +
                $"\u2192 {UpdatePages.LongDate(After.Deadline ?? "")}");
        if (Before.Comment != After.Comment) changes.Add("comment changed");
        return $"{Action} ({Lead}): {(changes.Count == 0 ? "no change" : string.Join("; ", changes))}";
    }
}

/// <summary>
/// The private record of applied updates: one state document per update (<c>updates/2017-01/20170116T090000.0000000Z-{link id}.json</c>),
/// written once with "must not exist yet", so no update ever rewrites another's record, however many there are.
/// It lives in the state store, never on the site. Months written before (<c>updates/2017-01.json</c>, a list) are still read.
/// After <see cref="UpdatesOptions.AuditTextDays"/> a record keeps who, when and which fields, and the text it held is
/// replaced by its length and a hash; after the state's retention period it is deleted (<see cref="MaintainAsync"/>).
/// </summary>
public static class UpdateAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private const string Folder = "updates/";

    public static string MonthFolder(DateTimeOffset at) => $"{Folder}{Month(at)}/";

    public static string DocumentName(AppliedUpdate update) =>
        $"{MonthFolder(update.At)}{update.At.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'.'fffffff'Z'", CultureInfo.InvariantCulture)}" +
        $"-{update.Link}.json";

    private static string Month(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static string LegacyDocumentName(DateTimeOffset month) => $"{Folder}{Month(month)}.json";

    public static async Task AppendAsync(IStateStore state, AppliedUpdate update, CancellationToken cancellationToken)
    {
        var name = DocumentName(update);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await state.WriteAsync(name, JsonSerializer.SerializeToUtf8Bytes(update, Json), null, cancellationToken);
                return;
            }
            catch (StateConflictException) when (attempt < 5)
            {
                // The same link at the same instant (a double click): a record of its own beside it.
                name = $"{DocumentName(update)[..^".json".Length]}-{attempt + 1}.json";
            }
        }
    }

    /// <summary>Updates applied in (from, to], oldest first.</summary>
    public static async Task<IReadOnlyList<AppliedUpdate>> ReadAsync(IStateStore state, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken)
    {
        var result = new List<AppliedUpdate>();
        await foreach (var (_, update, _) in RecordsAsync(state, from, to, cancellationToken)) result.Add(update);
        return [.. result.Where(u => u.At > from && u.At <= to).OrderBy(u => u.At)];
    }

    /// <summary>
    /// Keeps the audit to what accountability needs: records older than <paramref name="textDays"/> lose their before and
    /// after text (its length and a hash stay, so a disputed change can still be matched); records older than
    /// <paramref name="retentionDays"/> are deleted. Returns how many records were stripped and deleted.
    /// </summary>
    public static async Task<(int Stripped, int Deleted)> MaintainAsync(IStateStore state, DateTimeOffset now, int textDays, int retentionDays,
        CancellationToken cancellationToken)
    {
        var (stripped, deleted) = (0, 0);
        var textBefore = now.AddDays(-textDays);
        var keepAfter = now.AddDays(-retentionDays);
        foreach (var name in await state.ListAsync(Folder, cancellationToken))
        {
            if (name.Count(c => c == '/') != 2) continue; // a month written whole in the old shape: rewritten below
            var stored = await state.ReadAsync(name, cancellationToken);
            if (stored is null) continue;
            var update = JsonSerializer.Deserialize<AppliedUpdate>(stored.Content.Span, Json)!;
            if (update.At < keepAfter)
            {
                if (await state.DeleteAsync(name, cancellationToken)) deleted++;
            }
            else if (update.At < textBefore && !update.Stripped)
            {
                await state.WriteAsync(name, JsonSerializer.SerializeToUtf8Bytes(Strip(update), Json), stored.Version, cancellationToken);
                stripped++;
            }
        }
        var (oldStripped, oldDeleted) = await MaintainLegacyAsync(state, textBefore, keepAfter, cancellationToken);
        return (stripped + oldStripped, deleted + oldDeleted);
    }

    private static async Task<(int, int)> MaintainLegacyAsync(IStateStore state, DateTimeOffset textBefore, DateTimeOffset keepAfter,
        CancellationToken cancellationToken)
    {
        var (stripped, deleted) = (0, 0);
        foreach (var name in (await state.ListAsync(Folder, cancellationToken)).Where(n => n.Count(c => c == '/') == 1))
        {
            var stored = await state.ReadAsync(name, cancellationToken);
            if (stored is null) continue;
            var records = JsonSerializer.Deserialize<List<AppliedUpdate>>(stored.Content.Span, Json) ?? [];
            var kept = records.Where(u => u.At >= keepAfter).Select(u => u.At < textBefore ? Strip(u) : u).ToList();
            deleted += records.Count - kept.Count;
            stripped += records.Count(u => u.At >= keepAfter && u.At < textBefore && !u.Stripped);
            if (kept.Count == 0) await state.DeleteAsync(name, cancellationToken);
            else if (!kept.SequenceEqual(records)) await state.WriteAsync(name, JsonSerializer.SerializeToUtf8Bytes(kept, Json), stored.Version,
                cancellationToken);
        }
        return (stripped, deleted);
    }

    /// <summary>The record without the comment's text: "[text removed: 214 characters, sha256 1a2b3c4d5e6f7a8b]".</summary>
    private static AppliedUpdate Strip(AppliedUpdate u) => u.Stripped ? u : u with
    {
        Before = u.Before with { Comment = Placeholder(u.Before.Comment) },
        After = u.After with { Comment = Placeholder(u.After.Comment) },
        Stripped = true,
    };

    private static string Placeholder(string text) => text.Length == 0 ? "" :
        $"[text removed: {text.Length} characters, sha256 {Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}]";

    private static async IAsyncEnumerable<(string Name, AppliedUpdate Update, string Version)> RecordsAsync(IStateStore state, DateTimeOffset from,
        DateTimeOffset to, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (; month <= to; month = month.AddMonths(1))
        {
            if (await state.ReadAsync(LegacyDocumentName(month), cancellationToken) is { } legacy)
            {
                foreach (var u in JsonSerializer.Deserialize<List<AppliedUpdate>>(legacy.Content.Span, Json)
                    ?? []) yield return (LegacyDocumentName(month), u, legacy.Version);
            }
            foreach (var name in await state.ListAsync(MonthFolder(month), cancellationToken))
            {
                if (await state.ReadAsync(name, cancellationToken) is { } stored)
                    yield return (name, JsonSerializer.Deserialize<AppliedUpdate>(stored.Content.Span, Json)!, stored.Version);
            }
        }
    }
}
