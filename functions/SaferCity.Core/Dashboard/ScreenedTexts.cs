using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// The texts the last run's personal-data screen passed, kept with the private state so the next run screens only the
/// texts that are new or changed: most of a tracker's text is the same from one run to the next, and screening it all
/// again was most of an unchanged run's time (docs/performance.md). A text is known by the first 16 bytes of the SHA-256
/// of what the screen was given; the document holds those hashes and nothing else: no text, and no finding, because a
/// text the screen flags is never remembered (it is screened again on every run, so its quote is found afresh and never
/// stored). Only texts the screen passed are hashed, the texts the dashboard publishes (or would, on a run that does not
/// publish), so the document says nothing the dashboard does not.
/// The hashes are valid only for the screen that produced them (<see cref="PersonalDataScreen.Signature"/>); a
/// document from another screen, an older format or one that cannot be read means screening everything.
/// </summary>
public sealed class ScreenedTexts
{
    /// <summary>The state document's name.</summary>
    public const string Document = "screened-texts.json";

    private const int Format = 1;
    private const int HashBytes = 16;

    private readonly UInt128[] _lastRun; // sorted
    private readonly string _signature;
    private readonly List<UInt128> _passed;
    private UInt128[]? _sorted;

    private ScreenedTexts(UInt128[] lastRun, string signature)
    {
        _lastRun = lastRun;
        _signature = signature;
        _passed = new List<UInt128>(lastRun.Length);
    }

    /// <summary>No text known: the first run, or one whose screen changed.</summary>
    public static ScreenedTexts None(string? signature = null) => new([], signature ?? PersonalDataScreen.Signature);

    /// <summary>The texts a stored document says were passed by this screen; none when it is unreadable, old or another screen's.</summary>
    public static ScreenedTexts Read(ReadOnlySpan<byte> json, string? signature = null)
    {
        signature ??= PersonalDataScreen.Signature;
        try
        {
            return Parse(json, signature) is { } known && IsSorted(known) ? new ScreenedTexts(known, signature) : None(signature);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return None(signature);
        }
    }

    /// <summary>
    /// What the screen finds in <paramref name="text"/>: nothing, without screening it, when the last run passed the
    /// same text; otherwise <see cref="PersonalDataScreen.Find"/>. A text that passes is remembered for the next run.
    /// </summary>
    public PersonalDataMatch? Find(string text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var hash = Hash(text);
        if (Array.BinarySearch(_lastRun, hash) < 0 && PersonalDataScreen.Find(text) is { } match) return match;
        _passed.Add(hash);
        _sorted = null;
        return null;
    }

    /// <summary>Room for about <paramref name="texts"/> passed texts.</summary>
    internal void Expect(int texts) => _passed.EnsureCapacity(texts);

    /// <summary>This run passed other texts than the last: the document is worth writing.</summary>
    public bool Changed => !Passed().AsSpan().SequenceEqual(_lastRun);

    /// <summary>The document to store: this run's passed texts (texts no longer in the tracker are forgotten).</summary>
    public byte[] Serialize()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", Format);
            writer.WriteString("screen", _signature);
            writer.WriteBase64String("passed", MemoryMarshal.AsBytes(Passed().AsSpan()));
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private UInt128[] Passed() => _sorted ??= SortedDistinct();

    private UInt128[] SortedDistinct()
    {
        var passed = _passed.ToArray();
        Array.Sort(passed);
        var distinct = passed.Length == 0 ? 0 : 1;
        for (var i = 1; i < passed.Length; i++)
        {
            if (passed[i] != passed[distinct - 1]) passed[distinct++] = passed[i];
        }
        return passed[..distinct];
    }

    /// <summary>The hash the document keeps: of the text's UTF-16 code units, so no encoding step can make two texts alike.</summary>
    internal static UInt128 Hash(string text)
    {
        Span<byte> sha = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text.AsSpan()), sha);
        return MemoryMarshal.Read<UInt128>(sha);
    }

    private static UInt128[]? Parse(ReadOnlySpan<byte> json, string signature)
    {
        var reader = new Utf8JsonReader(json);
        int? format = null;
        string? screen = null;
        byte[]? passed = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "format": format = reader.GetInt32(); break;
                case "screen": screen = reader.GetString(); break;
                case "passed": passed = reader.GetBytesFromBase64(); break;
                default: reader.Skip(); break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) return null; // anything after the object
        if (format != Format || screen != signature || passed is null || passed.Length % HashBytes != 0) return null;
        return MemoryMarshal.Cast<byte, UInt128>(passed).ToArray();
    }

    private static bool IsSorted(UInt128[] hashes)
    {
        for (var i = 1; i < hashes.Length; i++)
        {
            if (hashes[i] <= hashes[i - 1]) return false;
        }
        return true;
    }
}
