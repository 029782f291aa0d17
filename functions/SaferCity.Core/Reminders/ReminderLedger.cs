using System.Text.Json;
using System.Text.Json.Serialization;

namespace SaferCity.Core.Reminders;

/// <summary>
/// Which digests of one reminder cycle (an ISO week) went out. Stored as <c>ledger/{week}.json</c>.
/// A digest moves Sending → Sent, or Sending → Failed; Failed is retried by the next run; a digest
/// left in Sending (the run stopped between recording the intent and confirming) is never resent
/// automatically but reported to the coordinator as unconfirmed, which is what keeps sends at most once.
/// </summary>
public sealed record ReminderLedger(string Week, IReadOnlyDictionary<string, LedgerEntry> Entries)
{
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

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ReminderLedger Deserialize(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<ReminderLedger>(json, Json) ?? throw new JsonException("Empty ledger");
}

public enum DeliveryState
{
    Sending,
    Sent,
    Failed,
}

public sealed record LedgerEntry(
    DeliveryState State,
    int Attempts,
    DateTimeOffset LastAttemptAt,
    IReadOnlyList<string> Actions,
    DateTimeOffset? SentAt = null,
    string? MessageId = null,
    string? Error = null);
