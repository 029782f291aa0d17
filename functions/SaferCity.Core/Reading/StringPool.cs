using System.Text.Json;

namespace SaferCity.Core.Reading;

/// <summary>
/// One string per distinct short value in a response: a tracker repeats its themes, ratings, deadlines and lead names
/// in every row, and each row's copy would live as long as the run (at 200,000 items, tens of MB of the same few
/// hundred texts). Values that are then cleaned unchanged stay shared by the understood actions too.
/// </summary>
internal sealed class StringPool
{
    /// <summary>Longer values (key actions, comments) are rarely repeated.</summary>
    private const int MaxBytes = 64;

    /// <summary>Unique short values (action numbers) stop being added here; repeated ones are among the first seen.</summary>
    private const int MaxEntries = 16_384;

    private readonly HashSet<string> _strings = new(StringComparer.Ordinal);
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The string token under the reader, as <see cref="Utf8JsonReader.GetString"/> reads it.</summary>
    public string Get(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxBytes) return reader.GetString()!;
        // Unescaped UTF-8 never has more UTF-16 units than bytes.
        Span<char> buffer = stackalloc char[MaxBytes];
        var text = buffer[..reader.CopyString(buffer)];
        if (_lookup.TryGetValue(text, out var known)) return known;
        var value = new string(text);
        if (_strings.Count < MaxEntries) _strings.Add(value);
        return value;
    }
}
