using System.Text;

namespace SaferCity.Core.Reminders;

/// <summary>
/// Makes list text fit for an email. The list is edited by many people and pasted into from
/// anywhere, so a value may hold line breaks (which could fake a line in the text part), control
/// characters, bidi overrides (which reorder what is displayed) or a 200 KB paste.
/// Encoding for HTML is <see cref="Html.HtmlWriter"/>'s job; this only decides what text is shown.
/// </summary>
public static class EmailText
{
    /// <summary>Longest comment or key action shown in an email; the rest is on the dashboard.</summary>
    public const int MaxLength = 1000;

    /// <summary>Longest name or short value (lead name, action number, a data-quality note).</summary>
    public const int MaxShortLength = 200;

    public const string Ellipsis = "…";

    /// <summary>One line: white space and control characters folded to single spaces, bidi controls removed, invalid UTF-16 replaced.</summary>
    public static string Line(string? text)
    {
        if (string.IsNullOrEmpty(text)) return "";
        if (IsPlainLine(text)) return text;
        var sb = new StringBuilder(text.Length);
        Span<char> units = stackalloc char[2];
        var space = false;
        foreach (var rune in text.EnumerateRunes()) // an unpaired surrogate comes back as U+FFFD
        {
            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                space = sb.Length > 0;
                continue;
            }
            if (IsBidiControl(rune.Value)) continue;
            if (space) sb.Append(' ');
            space = false;
            sb.Append(units[..rune.EncodeToUtf16(units)]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// Printable ASCII with single spaces inside: already one line, so it is returned as it is. Most list text is,
    /// and a digest asks for each action's text and comment several times.
    /// </summary>
    private static bool IsPlainLine(string text) =>
        text[0] != ' ' && text[^1] != ' ' && text.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0 && !text.Contains("  ", StringComparison.Ordinal);

    /// <summary>
    /// <see cref="Line"/>, cut to at most <paramref name="max"/> characters (plus the pointer) at a word
    /// boundary when there is one nearby, never inside a surrogate pair, ending with an ellipsis and where to read the rest.
    /// </summary>
    public static string Clip(string? text, int max = MaxLength, string? readMore = "see the dashboard for the full text")
    {
        var line = Line(text);
        if (line.Length <= max) return line;
        var cut = max;
        if (char.IsLowSurrogate(line[cut])) cut--;
        var space = line.LastIndexOf(' ', cut - 1, Math.Min(cut, 80));
        if (space > 0) cut = space;
        var head = line[..cut].TrimEnd();
        return readMore is null ? head + Ellipsis : $"{head}{Ellipsis} ({readMore})";
    }

    // Explicit embeddings, overrides and isolates (LRE…RLO, LRI…PDI). Text in Arabic or Hebrew needs none
    // of them to display correctly; what they add is the power to reorder the characters around them.
    private static bool IsBidiControl(int c) => c is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069;
}
