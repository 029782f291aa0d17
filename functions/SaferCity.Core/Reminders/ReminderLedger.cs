using System.Text.Json;
using System.Text.Json.Serialization;
using SaferCity.Core.Model;

namespace SaferCity.Core.Reminders;

/// <summary>
/// Which digests of one reminder cycle (an ISO week) went out. Stored as <c>ledger/{week}.json</c>.
/// The week's first reminder run records every digest it plans as Due, in one write, before sending any:
/// that list is what the week owes. A digest then moves Due → Sending → Sent, or → Failed (a definite rejection,
/// retried by the next run), or → Unconfirmed (the request went out and no answer came). A digest left in Sending
/// (the run stopped between recording the intent and confirming) or Unconfirmed is never resent automatically but
/// reported to the coordinator, which is what keeps sends at most once.
/// </summary>
/// <remarks>
/// Keys: <c>lead/{leads list item id}</c> (or <c>lead/{name slug}</c> for a lead without an id) and <c>summary</c>
/// for the coordinator's summary, so no lead's name can collide with the summary and a renamed lead keeps its key.
/// Ledgers written before these keys (a lead's name slug, "coordinator") are migrated as they are read.
/// </remarks>
public sealed record ReminderLedger(string Week, IReadOnlyDictionary<string, LedgerEntry> Entries)
{
    /// <summary>The coordinator's summary.</summary>
    public const string SummaryKey = "summary";

    private const string LeadPrefix = "lead/";

    /// <summary>The key of a lead's digest: by the leads list's item id where there is one.</summary>
    public static string LeadKey(Lead lead) => LeadPrefix + (string.IsNullOrWhiteSpace(lead.ItemId) ? lead.Key : lead.ItemId.Trim());

    /// <summary>
    /// Moves entries kept under the keys of earlier versions (a lead's name slug; "coordinator" for the summary) to
    /// today's keys, so a change of key never resends a week's digest. Where an old key could mean two digests (a lead
    /// named "Coordinator" shared the summary's key), the entry is given to both: neither is sent twice.
    /// Entries that match no lead today stay as they are. Returns this ledger when nothing needed moving.
    /// </summary>
    public ReminderLedger Migrate(IEnumerable<Lead> leads)
    {
        var legacy = Entries.Keys.Where(k => k != SummaryKey && !k.StartsWith(LeadPrefix, StringComparison.Ordinal)).ToList();
        if (legacy.Count == 0) return this;

        var entries = new Dictionary<string, LedgerEntry>(Entries, StringComparer.Ordinal);
        foreach (var lead in leads)
        {
            if (Entries.TryGetValue(lead.Key, out var old) && legacy.Contains(lead.Key))
            {
                entries.TryAdd(LeadKey(lead), old);
                entries.Remove(lead.Key);
            }
        }
        if (Entries.TryGetValue(LegacySummaryKey, out var summary))
        {
            entries.TryAdd(SummaryKey, summary);
            entries.Remove(LegacySummaryKey);
        }
        return this with { Entries = entries };
    }

    private const string LegacySummaryKey = "coordinator";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        WriteIndented = true,
    };

    public static string DocumentName(string week) => $"ledger/{week}.json";

    public static ReminderLedger Empty(string week) => new(week, new Dictionary<string, LedgerEntry>());

    public LedgerEntry? For(string key) => Entries.GetValueOrDefault(key);

    public ReminderLedger With(string key, LedgerEntry entry)
    {
        var entries = new Dictionary<string, LedgerEntry>(Entries, StringComparer.Ordinal) { [key] = entry };
        return this with { Entries = entries };
    }

    /// <summary>The ledger as stored: <see cref="LedgerJson"/> writes what the serializer would with <see cref="Json"/>.</summary>
    public byte[] Serialize() => LedgerJson.Serialize(this);

    public static ReminderLedger Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReminderLedger>(json, Json) ?? throw new JsonException("Empty ledger");
}

public enum DeliveryState
{
    Sending,
    Sent,
    Failed,

    /// <summary>Planned by the week's first reminder run, not yet tried: owed.</summary>
    Due,

    /// <summary>The request went out and no answer came (timeout, dropped connection): perhaps delivered; never resent.</summary>
    Unconfirmed,
}

/// <param name="Digest">The digest's name within the week, as in its id "{week}/{digest}" (the SendGrid custom arg digest_id).</param>
public sealed record LedgerEntry(
    DeliveryState State,
    int Attempts,
    DateTimeOffset LastAttemptAt,
    IReadOnlyList<string> Actions,
    DateTimeOffset? SentAt = null,
    string? MessageId = null,
    string? Error = null,
    string? Digest = null);
