using System.Text.Json;
using System.Text.Json.Serialization;
using SaferCity.Core.Model;

namespace SaferCity.Core.History;

/// <summary>
/// Reads the actions of history.json and reported.json (each action's states) by hand, straight into the
/// case-insensitive map the history keeps. On a rerun of a large tracker these are the biggest documents read (6 MB
/// each at 50,000 actions), and the generated reader, which builds each state through its constructor's arguments and
/// then the map a second time, took about a tenth of the rerun. It reads exactly what <see cref="HistoryJson"/> writes;
/// anything else (an escaped value, another member's spelling, a repeated number) is left to the generated reader, so
/// what a document means never depends on which reader read it.
/// </summary>
internal sealed class HistoryActionsReader : JsonConverter<IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>>>
{
    /// <summary>The document is not in the form this reader knows: read it again with the generated reader.</summary>
    internal sealed class NotItsFormException : Exception;

    public override IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>> Read(ref Utf8JsonReader reader, Type typeToConvert,
        JsonSerializerOptions options)
    {
        Expect(reader.TokenType == JsonTokenType.StartObject);
        var actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Expect(!reader.ValueIsEscaped);
            var id = reader.GetString()!;
            reader.Read();
            Expect(reader.TokenType == JsonTokenType.StartArray);
            var entries = new List<HistoryEntry>(1);
            while (reader.Read() && reader.TokenType == JsonTokenType.StartObject) entries.Add(Entry(ref reader));
            Expect(reader.TokenType == JsonTokenType.EndArray && actions.TryAdd(id, entries));
        }
        Expect(reader.TokenType == JsonTokenType.EndObject);
        return actions;
    }

    /// <summary>One state, its members as written: defaults left out, none escaped.</summary>
    private static HistoryEntry Entry(ref Utf8JsonReader reader)
    {
        DateOnly? from = null, deadline = null, updated = null;
        Rag? rag = null;
        bool complete = false, hidden = false, gone = false;
        string? comment = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            Expect(!reader.ValueIsEscaped);
            var name = reader.ValueSpan;
            reader.Read();
            if (name.SequenceEqual("from"u8)) from = Day(ref reader);
            else if (name.SequenceEqual("rag"u8)) rag = RagOf(ref reader);
            else if (name.SequenceEqual("deadline"u8)) deadline = Day(ref reader);
            else if (name.SequenceEqual("complete"u8)) complete = Flag(ref reader);
            else if (name.SequenceEqual("hidden"u8)) hidden = Flag(ref reader);
            else if (name.SequenceEqual("gone"u8)) gone = Flag(ref reader);
            else if (name.SequenceEqual("comment"u8)) comment = Text(ref reader);
            else if (name.SequenceEqual("updated"u8)) updated = Day(ref reader);
            else throw new NotItsFormException();
        }
        Expect(reader.TokenType == JsonTokenType.EndObject && from is not null);
        return new HistoryEntry(from!.Value, rag, deadline, complete, hidden, gone, comment, updated);
    }

    /// <summary>A day as written: "yyyy-MM-dd".</summary>
    private static DateOnly Day(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan.Length == 10);
        var s = reader.ValueSpan;
        Expect(s[4] == '-' && s[7] == '-');
        var (year, month, day) = (Number(s[..4]), Number(s[5..7]), Number(s[8..]));
        Expect(month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && year >= 1);
        return new DateOnly(year, month, day);
    }

    private static int Number(ReadOnlySpan<byte> digits)
    {
        var n = 0;
        foreach (var d in digits)
        {
            Expect(d is >= (byte)'0' and <= (byte)'9');
            n = n * 10 + d - '0';
        }
        return n;
    }

    private static Rag RagOf(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.String);
        if (reader.ValueTextEquals("green"u8)) return Rag.Green;
        if (reader.ValueTextEquals("amber"u8)) return Rag.Amber;
        if (reader.ValueTextEquals("red"u8)) return Rag.Red;
        throw new NotItsFormException();
    }

    private static bool Flag(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType is JsonTokenType.True or JsonTokenType.False);
        return reader.TokenType == JsonTokenType.True;
    }

    private static string Text(ref Utf8JsonReader reader)
    {
        Expect(reader.TokenType == JsonTokenType.String);
        return reader.GetString()!;
    }

    private static void Expect(bool condition)
    {
        if (!condition) throw new NotItsFormException();
    }

    /// <summary>Only reads: the generated writer writes (the form this reader knows).</summary>
    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, IReadOnlyList<HistoryEntry>> value,
        JsonSerializerOptions options) => throw new NotSupportedException("History documents are written by the generated writer.");
}
