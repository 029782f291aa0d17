using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace SaferCity.Core.Reminders;

/// <summary>
/// Writes the week's ledger with <see cref="Utf8JsonWriter"/>, byte for byte what <see cref="JsonSerializer"/> writes with
/// <see cref="ReminderLedger.Json"/> (camelCase names, enum states in camelCase, nulls written, indented, the default
/// encoder). The ledger is written whole before and after every send, and holds every action number each digest named:
/// at 50,000 actions the serializer's reflection path was a seventh of the reminder step. Reading stays with the serializer.
/// </summary>
internal static class LedgerJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = ReminderLedger.Json.WriteIndented,
        Encoder = ReminderLedger.Json.Encoder,
    };

    // One buffer a thread for the document and one for an entry's action numbers, kept between writes: a delivery
    // writes the ledger about twice a lead. The bytes returned are always a fresh copy, which the store may keep.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_document, t_actions;

    private const int KeptBufferBytes = 4 * 1024 * 1024;

    // Each entry's action numbers as written at their depth in the document, kept while the list lives. A delivery
    // rewrites the whole ledger for each change to one entry; the numbers of the others (every action their digests
    // named) are copied as written, so the ledger's writes grow with the leads, not with the leads squared. An
    // entry's list is never changed once the entry is made (Sending and Sent share it).
    private static readonly ConditionalWeakTable<IReadOnlyList<string>, byte[]> WrittenActions = new();

    public static byte[] Serialize(ReminderLedger ledger) => Buffered(ref t_document, buffer =>
    {
        Write(buffer, ledger);
        return 0;
    });

    /// <summary>What <paramref name="write"/> writes from the offset it returns, written in a kept buffer.</summary>
    private static byte[] Buffered(ref ArrayBufferWriter<byte>? kept, Func<ArrayBufferWriter<byte>, int> write)
    {
        var buffer = kept ?? new ArrayBufferWriter<byte>(64 * 1024);
        kept = null; // a write inside this one (an entry's numbers) takes a buffer of its own
        try
        {
            var start = write(buffer);
            return buffer.WrittenSpan[start..].ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity <= KeptBufferBytes) kept = buffer;
        }
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReminderLedger ledger)
    {
        using var w = new Utf8JsonWriter(buffer, Options);
        w.WriteStartObject();
        w.WriteString("week", ledger.Week);
        if (ledger.Entries is null) w.WriteNull("entries");
        else
        {
            w.WriteStartObject("entries");
            foreach (var (key, entry) in ledger.Entries)
            {
                w.WritePropertyName(key);
                Write(w, entry);
            }
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter w, LedgerEntry? e)
    {
        if (e is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        w.WritePropertyName("state");
        WriteState(w, e.State);
        w.WriteNumber("attempts", e.Attempts);
        w.WriteString("lastAttemptAt", e.LastAttemptAt);
        w.WritePropertyName("actions");
        if (e.Actions is null) w.WriteNullValue();
        else w.WriteRawValue(WrittenActions.GetValue(e.Actions, ActionsFragment), skipInputValidation: true);
        if (e.SentAt is { } sentAt) w.WriteString("sentAt", sentAt);
        else w.WriteNull("sentAt");
        w.WriteString("messageId", e.MessageId);
        w.WriteString("error", e.Error);
        w.WriteString("digest", e.Digest);
        w.WriteEndObject();
    }

    /// <summary>The action numbers as the writer writes them after "actions": inside three objects, as in the ledger.</summary>
    private static byte[] ActionsFragment(IReadOnlyList<string> actions) =>
        Buffered(ref t_actions, buffer =>
        {
            using var w = new Utf8JsonWriter(buffer, Options);
            w.WriteStartObject();
            w.WriteStartObject("entries");
            w.WriteStartObject("key");
            w.WritePropertyName("actions");
            w.Flush();
            var start = buffer.WrittenCount;
            w.WriteStartArray();
            foreach (var action in actions) w.WriteStringValue(action);
            w.WriteEndArray();
            w.Flush();
            return start;
        });

    /// <summary>As JsonStringEnumConverter with the camelCase policy: a defined state by its name, any other value as its number.</summary>
    private static void WriteState(Utf8JsonWriter w, DeliveryState state)
    {
        var name = state switch
        {
            DeliveryState.Sending => "sending",
            DeliveryState.Sent => "sent",
            DeliveryState.Failed => "failed",
            DeliveryState.Due => "due",
            DeliveryState.Unconfirmed => "unconfirmed",
            _ => null,
        };
        if (name is null) w.WriteNumberValue((int)state);
        else w.WriteStringValue(name);
    }
}
