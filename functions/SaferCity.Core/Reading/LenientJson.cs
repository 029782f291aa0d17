using System.Text;
using System.Text.Unicode;

namespace SaferCity.Core.Reading;

/// <summary>
/// Makes JSON text that .NET's strict reader refuses readable, without changing anything it accepts. SharePoint
/// stores whatever was pasted into a comment, including half of a UTF-16 pair, and serves it as <c>"\ud800"</c>:
/// <see cref="System.Text.Json.Utf8JsonReader"/> then throws ("Cannot read incomplete UTF-16 JSON text"), which
/// would stop every run until someone found and edited the item. Each unpaired surrogate escape becomes
/// <c>\uFFFD</c> (the replacement character, same length), and bytes that are not UTF-8 are decoded as U+FFFD.
/// The parser reports every field that holds U+FFFD, so the item is shown and someone is told to retype it.
/// </summary>
public static class LenientJson
{
    private static readonly byte[] Replacement = "\\uFFFD"u8.ToArray();

    /// <summary>The repaired text, or null when <paramref name="json"/> needs nothing (the usual case: no copy is made).</summary>
    public static byte[]? Repair(ReadOnlySpan<byte> json)
    {
        byte[]? copy = null;
        if (!Utf8.IsValid(json))
        {
            // The default UTF-8 decoder replaces what it cannot read with U+FFFD.
            copy = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(json));
            json = copy;
        }

        var i = json.IndexOf((byte)'\\');
        while (i >= 0 && i + 1 < json.Length)
        {
            var step = 2; // an escape is at least a backslash and one character ("\\", "\"", "\n" …)
            if (json[i + 1] == (byte)'u' && Hex4(json, i + 2) is { } unit)
            {
                step = 6;
                if (char.IsHighSurrogate(unit) && json[(i + 6)..] is [(byte)'\\', (byte)'u', ..] &&
                    Hex4(json, i + 8) is { } next && char.IsLowSurrogate(next))
                {
                    step = 12; // a proper pair
                }
                else if (char.IsSurrogate(unit))
                {
                    copy ??= json.ToArray();
                    Replacement.CopyTo(copy.AsSpan(i));
                    json = copy;
                }
            }
            var rest = json[(i + step)..].IndexOf((byte)'\\');
            i = rest < 0 ? -1 : i + step + rest;
        }
        return copy;
    }

    private static char? Hex4(ReadOnlySpan<byte> json, int at)
    {
        if (at + 4 > json.Length) return null;
        var value = 0;
        for (var k = at; k < at + 4; k++)
        {
            var digit = HexDigit(json[k]);
            if (digit < 0) return null;
            value = value * 16 + digit;
        }
        return (char)value;
    }

    private static int HexDigit(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
