using System.Buffers;
using System.Text.Json;
using SaferCity.Core.Model;

namespace SaferCity.Core.History;

/// <summary>
/// history.json and reported.json written by hand with a <see cref="Utf8JsonWriter"/>. The serializer cannot take its
/// generated fast path for them (the enum converter turns it off), and its metadata path over a large tracker's
/// history was several per cent of a run. The bytes are the serializer's with <see cref="HistoryJson"/>'s options:
/// camelCase names in declaration order, ratings as camelCase words, the default encoder, and every property whose
/// value is its type's default left out (HistoryJsonWriterTests compares the two on awkward values).
/// </summary>
internal static class HistoryJsonWriter
{
    public static byte[] Serialize(TrackerHistory history) => Serialize(history, WriteHistory);

    public static byte[] Serialize(ReportedStates states) => Serialize(states, WriteReported);

    private static byte[] Serialize<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        using var buffer = new PooledBuffer();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(w, value);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteReported(Utf8JsonWriter w, ReportedStates r)
    {
        w.WriteStartObject();
        if (r.States is not null)
        {
            w.WritePropertyName(Names.States);
            WriteHistory(w, r.States);
        }
        if (r.Last is not null)
        {
            w.WriteStartObject(Names.Last);
            foreach (var (key, pointer) in r.Last)
            {
                w.WritePropertyName(key);
                if (pointer is null)
                {
                    w.WriteNullValue();
                    continue;
                }
                w.WriteStartObject();
                WriteDay(w, Names.Sent, pointer.Sent);
                WriteDay(w, Names.State, pointer.State);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if (r.SummaryProblems is not null) WriteStrings(w, Names.SummaryProblems, r.SummaryProblems);
        w.WriteEndObject();
    }

    private static void WriteHistory(Utf8JsonWriter w, TrackerHistory h)
    {
        w.WriteStartObject();
        if (h.Days is not null)
        {
            w.WriteStartArray(Names.Days);
            for (var i = 0; i < h.Days.Count; i++) WriteDay(w, h.Days[i]);
            w.WriteEndArray();
        }
        if (h.Actions is not null)
        {
            w.WriteStartObject(Names.Actions);
            foreach (var (id, entries) in h.Actions)
            {
                w.WritePropertyName(id);
                if (entries is null)
                {
                    w.WriteNullValue();
                    continue;
                }
                w.WriteStartArray();
                // Indexed, not foreach: an enumerator of an IReadOnlyList is an allocation, one per action.
                for (var i = 0; i < entries.Count; i++) WriteEntry(w, entries[i]);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        if (h.Tracker is not null) w.WriteString(Names.Tracker, h.Tracker);
        w.WriteEndObject();
    }

    private static void WriteDay(Utf8JsonWriter w, HistoryDay? day)
    {
        if (day is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        WriteDay(w, Names.AsOf, day.AsOf);
        if (day.TakenAt != default) w.WriteString(Names.TakenAt, day.TakenAt);
        if (day.Counts is { } c)
        {
            w.WriteStartObject(Names.Counts);
            WriteCount(w, Names.Red, c.Red);
            WriteCount(w, Names.Amber, c.Amber);
            WriteCount(w, Names.Green, c.Green);
            WriteCount(w, Names.Complete, c.Complete);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static void WriteEntry(Utf8JsonWriter w, HistoryEntry? e)
    {
        if (e is null)
        {
            w.WriteNullValue();
            return;
        }
        w.WriteStartObject();
        WriteDay(w, Names.From, e.From);
        if (e.Rag is { } rag) WriteRag(w, rag);
        if (e.Deadline is { } deadline) WriteDay(w, Names.Deadline, deadline, always: true);
        if (e.Complete) w.WriteBoolean(Names.Complete, true);
        if (e.Hidden) w.WriteBoolean(Names.Hidden, true);
        if (e.Gone) w.WriteBoolean(Names.Gone, true);
        if (e.Comment is not null) w.WriteString(Names.Comment, e.Comment);
        if (e.Updated is { } updated) WriteDay(w, Names.Updated, updated, always: true);
        w.WriteEndObject();
    }

    private static void WriteCount(Utf8JsonWriter w, JsonEncodedText name, int count)
    {
        if (count != 0) w.WriteNumber(name, count);
    }

    /// <summary>
    /// A day as the serializer's DateOnly converter writes it (yyyy-MM-dd). The default day is left out, unless it is
    /// the value of a nullable day (<paramref name="always"/>), whose default is null.
    /// </summary>
    private static void WriteDay(Utf8JsonWriter w, JsonEncodedText name, DateOnly day, bool always = false)
    {
        if (day == default && !always) return;
        Span<byte> text = stackalloc byte[10];
        day.TryFormat(text, out var written, "O", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString(name, text[..written]);
    }

    /// <summary>As the camelCase enum converter writes it: the name's word, or the number for a value with no name.</summary>
    private static void WriteRag(Utf8JsonWriter w, Rag rag)
    {
        if ((uint)rag < (uint)Names.RagWords.Length) w.WriteString(Names.Rag, Names.RagWords[(int)rag]);
        else w.WriteNumber(Names.Rag, (int)rag);
    }

    private static void WriteStrings(Utf8JsonWriter w, JsonEncodedText name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        for (var i = 0; i < values.Count; i++) w.WriteStringValue(values[i]);
        w.WriteEndArray();
    }

    private static class Names
    {
        public static readonly JsonEncodedText States = JsonEncodedText.Encode("states");
        public static readonly JsonEncodedText Last = JsonEncodedText.Encode("last");
        public static readonly JsonEncodedText SummaryProblems = JsonEncodedText.Encode("summaryProblems");
        public static readonly JsonEncodedText Sent = JsonEncodedText.Encode("sent");
        public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
        public static readonly JsonEncodedText Days = JsonEncodedText.Encode("days");
        public static readonly JsonEncodedText Actions = JsonEncodedText.Encode("actions");
        public static readonly JsonEncodedText Tracker = JsonEncodedText.Encode("tracker");
        public static readonly JsonEncodedText AsOf = JsonEncodedText.Encode("asOf");
        public static readonly JsonEncodedText TakenAt = JsonEncodedText.Encode("takenAt");
        public static readonly JsonEncodedText Counts = JsonEncodedText.Encode("counts");
        public static readonly JsonEncodedText Red = JsonEncodedText.Encode("red");
        public static readonly JsonEncodedText Amber = JsonEncodedText.Encode("amber");
        public static readonly JsonEncodedText Green = JsonEncodedText.Encode("green");
        public static readonly JsonEncodedText Complete = JsonEncodedText.Encode("complete");
        public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
        public static readonly JsonEncodedText Rag = JsonEncodedText.Encode("rag");
        public static readonly JsonEncodedText Deadline = JsonEncodedText.Encode("deadline");
        public static readonly JsonEncodedText Hidden = JsonEncodedText.Encode("hidden");
        public static readonly JsonEncodedText Gone = JsonEncodedText.Encode("gone");
        public static readonly JsonEncodedText Comment = JsonEncodedText.Encode("comment");
        public static readonly JsonEncodedText Updated = JsonEncodedText.Encode("updated");

        /// <summary>Indexed by <see cref="Model.Rag"/>'s value: its name in camelCase, as the enum converter writes it.</summary>
        public static readonly JsonEncodedText[] RagWords =
        [
            .. Enum.GetValues<Model.Rag>().OrderBy(r => (int)r)
                .Select(r => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(r.ToString()))),
        ];
    }

    /// <summary>
    /// The written bytes in arrays rented from the shared pool, as the serializer's own buffer is: a history of megabytes
    /// is copied once, into the returned array, instead of growing a fresh array by doubling.
    /// </summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _array = ArrayPool<byte>.Shared.Rent(64 * 1024);
        private int _written;

        public ReadOnlySpan<byte> WrittenSpan => _array.AsSpan(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

        private byte[] Ensure(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 1);
            if (needed <= _array.Length) return _array;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _written).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_array);
            _array = larger;
            return _array;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_array);
    }
}
