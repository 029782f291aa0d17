using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Pipeline;

/// <summary>
/// A SHA-256 over everything that decides the published files: the items and leads as read (every field), the as-of
/// day (overdue and due soon move with it), the recorded days of history (the trend, the feed, drift), the settings
/// that change outputs, and the product's build. When it equals the fingerprint of the last published run, rendering
/// would produce the files already published, so the run skips it. Over-inclusive on purpose: a value that does not
/// change any output (an item's modified time) costs one needless render, never a stale site.
/// </summary>
public sealed class RunFingerprint : IDisposable
{
    /// <summary>
    /// Values are gathered here and hashed a buffer at a time: one call into the hash per value (about ten per item) cost
    /// more than hashing the bytes. The hash sees the same bytes in the same order either way.
    /// </summary>
    private const int BufferBytes = 1 << 16;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _used;

    /// <summary>The hash of both lists as read; taken before the raw items are let go.</summary>
    public static byte[] OfLists(TrackerLists lists)
    {
        using var f = new RunFingerprint();
        f.Add("tracker").AddItems(lists.Tracker).Add("leads").AddItems(lists.Leads);
        return f.Hash();
    }

    /// <param name="lists">From <see cref="OfLists"/>.</param>
    /// <param name="settings">Every options object whose values change a published file (serialised whole).</param>
    /// <param name="builds">Assemblies whose code renders or publishes the files: a new build re-renders once.</param>
    public static string Of(byte[] lists, DateOnly asOf, TrackerHistory history, IEnumerable<object> settings, IEnumerable<Assembly> builds)
    {
        using var f = new RunFingerprint();
        f.Flush();
        f._hash.AppendData(lists);
        f.Add(asOf.DayNumber.ToString(CultureInfo.InvariantCulture));
        foreach (var day in history.Days)
            f.Add(day.AsOf.DayNumber.ToString(CultureInfo.InvariantCulture)).Add(day.TakenAt.ToString("O", CultureInfo.InvariantCulture));
        foreach (var options in settings) f.Add(options.GetType().FullName).Add(JsonSerializer.Serialize(options, options.GetType()));
        foreach (var assembly in builds)
            f.Add(assembly.GetName().Name).Add(assembly.ManifestModule.ModuleVersionId.ToString())
             .Add(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
        return Convert.ToHexStringLower(f.Hash());
    }

    private RunFingerprint AddItems(IReadOnlyList<ListItem> items)
    {
        Add(items.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var item in items)
        {
            Add(item.Id).AddRoundTrip(item.LastModified).Add(item.WebUrl);
            foreach (var (name, value) in item.Fields) Add(name).AddValue(value);
            Add("\u0001"); // end of item
        }
        return this;
    }

    private RunFingerprint AddValue(object? value)
    {
        switch (value)
        {
            case null: return Add("\u0000null");
            case string s: return Add(s);
            case IFormattable f: return Add(f.GetType().Name).Add(f.ToString(null, CultureInfo.InvariantCulture));
            case IDictionary d:
                Add("{");
                foreach (DictionaryEntry e in d) Add(e.Key.ToString()).AddValue(e.Value);
                return Add("}");
            case IEnumerable list:
                Add("[");
                foreach (var v in list) AddValue(v);
                return Add("]");
            default: return Add(value.GetType().Name).Add(value.ToString());
        }
    }

    /// <summary>Each value is length-prefixed, so no two different sequences hash alike.</summary>
    private RunFingerprint Add(string? text)
    {
        text ??= "\u0000";
        var length = Encoding.UTF8.GetBytes(text, Room(Encoding.UTF8.GetMaxByteCount(text.Length)));
        return Added(length);
    }

    /// <summary>As <c>Add(moment?.ToString("O", CultureInfo.InvariantCulture))</c> (ASCII, so its UTF-8 is its text), with no string.</summary>
    private RunFingerprint AddRoundTrip(DateTimeOffset? moment)
    {
        if (moment is not { } m) return Add(null);
        m.TryFormat(Room(64), out var length, "O", CultureInfo.InvariantCulture);
        return Added(length);
    }

    /// <summary>Space for a value of up to <paramref name="max"/> bytes after its length prefix.</summary>
    private Span<byte> Room(int max)
    {
        if (_buffer.Length - _used < max + 4)
        {
            Flush();
            if (_buffer.Length < max + 4)
            {
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = ArrayPool<byte>.Shared.Rent(max + 4);
            }
        }
        return _buffer.AsSpan(_used + 4);
    }

    /// <summary>Writes the prefix of the value just put in <see cref="Room"/>.</summary>
    private RunFingerprint Added(int length)
    {
        BitConverter.TryWriteBytes(_buffer.AsSpan(_used, 4), length);
        _used += length + 4;
        return this;
    }

    private void Flush()
    {
        _hash.AppendData(_buffer, 0, _used);
        _used = 0;
    }

    private byte[] Hash()
    {
        Flush();
        return _hash.GetHashAndReset();
    }

    public void Dispose()
    {
        _hash.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}
