using System.Buffers;
using System.Text.Json;

namespace SaferCity.Core.Reminders;

/// <summary>
/// Writes the week's ledger with <see cref="Utf8JsonWriter"/>, byte for byte what <see cref="JsonSerializer"/> writes with
/// <see cref="ReminderLedger.Json"/> (camelCase names, enum states in camelCase, nulls written, indented, the default
/// encoder). The ledger is written whole before and after every send, and holds every action number each digest named:
/// at 50,000 actions the serializer's reflection path was a tenth of the reminder step. Reading stays with the serializer.
/// </summary>
internal static class LedgerJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = ReminderLedger.Json.WriteIndented,
        Encoder = ReminderLedger.Json.Encoder,
    };

    // One buffer a thread, kept between writes: a delivery writes the ledger about twice a lead, and a buffer of its own
    // each time would double what the write allocates. The bytes returned are always a fresh copy the store may keep.
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    private const int KeptBufferBytes = 4 * 1024 * 1024;

    public static byte[] Serialize(ReminderLedger ledger)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        try
        {
            Write(buffer, ledger);
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            buffer.ResetWrittenCount();
            if (buffer.Capacity > KeptBufferBytes) t_buffer = null;
        }
    }

    private static void Write(ArrayBufferWriter<byte> buffer, ReminderLedger ledger)
    {
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
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
        else
        {
            w.WriteStartArray();
            foreach (var action in e.Actions) w.WriteStringValue(action);
            w.WriteEndArray();
        }
        if (e.SentAt is { } sentAt) w.WriteString("sentAt", sentAt);
        else w.WriteNull("sentAt");
        w.WriteString("messageId", e.MessageId);
        w.WriteString("error", e.Error);
        w.WriteString("digest", e.Digest);
        w.WriteEndObject();
    }

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
