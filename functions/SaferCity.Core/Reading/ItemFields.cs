using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace SaferCity.Core.Reading;

/// <summary>
/// The column names of one response's items, each kept once: every item repeats them, so an item stores its values in
/// a slot per name (<see cref="ItemFields"/>) instead of a dictionary of its own. With the shared strings of
/// <see cref="StringPool"/>, the heap after reading 200,000 items fell from 473 MB to 351 MB (docs/performance.md).
/// </summary>
internal sealed class FieldNames
{
    /// <summary>A response with more distinct names than this is not a tracker; its further names go to a dictionary.</summary>
    public const int Max = 64;

    private readonly List<string> _names = [];
    private readonly List<byte[]> _utf8 = []; // the names as the reader holds them: compared without transcoding
    private readonly Dictionary<string, int> _slots = new(StringComparer.OrdinalIgnoreCase);

    public int Count => _names.Count;

    public string this[int slot] => _names[slot];

    /// <summary>The slot of the property name under the reader, added when new; -1 with the name when it needs a dictionary.</summary>
    /// <param name="reader">On a property name.</param>
    /// <param name="from">Where to start looking: items repeat their fields in one order, so the slot after the last one found
    /// is usually the next name. The names are distinct, so the order of the search changes nothing but its length.</param>
    /// <param name="name">The name read, when it has no slot.</param>
    /// <remarks>
    /// A name that differs only in case from a known one (or one past <see cref="Max"/>) gets no slot: the item then
    /// keeps a dictionary, as every item once did, so lookups and duplicate names behave exactly as before.
    /// </remarks>
    public int SlotOf(ref Utf8JsonReader reader, int from, out string? name)
    {
        name = null;
        var count = _utf8.Count;
        for (var i = 0; i < count; i++)
        {
            var slot = from + i < count ? from + i : from + i - count;
            if (reader.ValueTextEquals(_utf8[slot])) return slot;
        }
        name = reader.GetString()!;
        if (_slots.ContainsKey(name) || _names.Count >= Max) return -1;
        _slots[name] = _names.Count;
        _names.Add(name);
        _utf8.Add(Encoding.UTF8.GetBytes(name));
        return _names.Count - 1;
    }

    /// <summary>The slot of a column looked up by name, ignoring case as the list does.</summary>
    public bool TryGetSlot(string name, out int slot) => _slots.TryGetValue(name, out slot);
}

/// <summary>One item's fields as slots of a shared <see cref="FieldNames"/>; read-only, enumerated in slot order.</summary>
internal sealed class ItemFields(FieldNames names, object?[] values) : IReadOnlyDictionary<string, object?>
{
    /// <summary>Marks a slot whose name this item does not carry (unlike null: a field present and empty).</summary>
    public static readonly object Absent = new();

    public object? this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<object?> Values => this.Select(p => p.Value);

    public int Count => values.Count(v => v != Absent);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out object? value)
    {
        value = null;
        if (!names.TryGetSlot(key, out var slot) || slot >= values.Length || values[slot] == Absent) return false;
        value = values[slot];
        return true;
    }

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var slot = 0; slot < values.Length; slot++)
        {
            if (values[slot] != Absent) yield return KeyValuePair.Create(names[slot], values[slot]);
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
