using System.Buffers;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace SaferCity.Core.Reading;

/// <summary>Turns a normalised field value into text, flattening SharePoint's rich text.</summary>
internal static partial class FieldText
{
    public static string? AsString(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "Yes" : "No",
        IReadOnlyList<string> list => string.Join("; ", list),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>
    /// Trimmed text with control characters and bidi controls removed, white space folded, and any unpaired
    /// UTF-16 surrogate replaced by U+FFFD; null when blank.
    /// </summary>
    public static string? Clean(object? value)
    {
        var text = AsString(value);
        if (text is null) return null;
        if (IsRichText(text)) text = FromRichText(text);
        text = Fold(text);
        return text.Length == 0 ? null : text;
    }

    /// <summary>
    /// Reads a hide-from-dashboard value, failing closed: only an empty value or a plain no shows the item.
    /// A choice column's array hides when any choice says yes; anything nobody can read hides and is reported.
    /// </summary>
    public static HideValue AsHide(object? value) => value switch
    {
        null => HideValue.No,
        bool b => b ? HideValue.Yes : HideValue.No,
        string s => HideWord(s),
        IReadOnlyList<string> choices => choices.Select(HideWord).DefaultIfEmpty(HideValue.No).Max(),
        _ => HideValue.Unrecognised,
    };

    private static HideValue HideWord(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" or "no" or "false" or "0" or "n" => HideValue.No,
        "yes" or "true" or "1" or "y" => HideValue.Yes,
        _ => HideValue.Unrecognised,
    };

    /// <summary>
    /// SharePoint's rich text is a document of block markup (<c>&lt;div class="ExternalClass…"&gt;</c>, <c>&lt;p&gt;</c>…).
    /// Anything else that merely contains a '&lt;' is plain text someone typed, and is shown exactly as typed.
    /// </summary>
    public static bool IsRichText(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.Length > 0 && start[0] == '<' && RichTextStart().IsMatch(text);
    }

    /// <summary>
    /// Rich-text columns come as HTML (<c>&lt;div class="ExternalClass…"&gt;&lt;p&gt;…</c>).
    /// Only the text is kept: markup is never passed on, so nothing in a comment can run on the dashboard.
    /// </summary>
    public static string FromRichText(string html)
    {
        if (!LooksLikeHtml().IsMatch(html)) return html;
        var text = BlockBreak().Replace(html, "\n");
        text = ScriptOrStyle().Replace(text, " ");
        text = Tag().Replace(text, "");
        return WebUtility.HtmlDecode(text);
    }

    private static string Fold(string text)
    {
        if (IsFolded(text)) return text; // the usual case: nothing to change, nothing to allocate
        // Folding never lengthens text, so one buffer of its length holds the result: one string made, no builder.
        char[]? rented = null;
        var folded = text.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        var length = 0;
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = length > 0;
                continue;
            }
            if (IsHiddenFormat(c)) continue;
            if (space) folded[length++] = ' ';
            space = false;
            if (!char.IsSurrogate(c)) folded[length++] = c;
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                folded[length++] = c;
                folded[length++] = text[++i];
            }
            else folded[length++] = '\uFFFD'; // half a character: nothing can show it, and JSON writers refuse it
        }
        var result = new string(folded[..length]);
        if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        return result;
    }

    /// <summary>
    /// Explicit embeddings, overrides and isolates (LRE…RLO, LRI…PDI): text in Arabic or Hebrew needs none of them
    /// to display correctly; what they add is the power to reorder what is shown ("fdp.exe" shown as "exe.pdf").
    /// The emails drop them too (<see cref="SaferCity.Core.Reminders.EmailText"/>).
    /// </summary>
    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    /// <summary>
    /// Bidi controls and the other invisible format characters (Unicode category Cf: zero-width space, byte order mark,
    /// soft hyphen, word joiner, LRM/RLM…), which change what a reader sees without being seen. The two joiners
    /// (U+200C, U+200D) stay: Persian, Indic scripts and emoji sequences need them to be spelled right.
    /// </summary>
    public static bool IsHiddenFormat(char c) =>
        IsBidiControl(c) || (c is not '\u200C' and not '\u200D' && char.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>Text as typed, less <see cref="IsHiddenFormat"/> characters: what the update form writes to the list.</summary>
    public static string WithoutHiddenFormat(string text)
    {
        if (!text.Any(IsHiddenFormat)) return text;
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!IsHiddenFormat(c)) sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsFolded(string text)
    {
        if (text.Length == 0) return true;
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        if (text.Contains("  ", StringComparison.Ordinal)) return false;
        // Printable ASCII and single spaces, most text in a tracker, is folded: a vectorised search skips to each other
        // character (an en dash in one comment in two), and only those are looked at by category.
        var rest = text.AsSpan();
        for (var at = rest.IndexOfAnyExceptInRange(' ', '~'); at >= 0; at = rest.IndexOfAnyExceptInRange(' ', '~'))
        {
            var c = rest[at];
            if (char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || IsHiddenFormat(c)) return false;
            rest = rest[(at + 1)..];
        }
        return true;
    }

    /// <summary>The replacement character: text that could not be read as Unicode, whether here or at the source.</summary>
    public static bool HasInvalidCharacters(string? text) => text is not null && text.Contains('\uFFFD', StringComparison.Ordinal);

    [GeneratedRegex(@"^\s*<(div|p|span|font|strong|em|b|i|u|ul|ol|li|table|h[1-6]|br)\b", RegexOptions.IgnoreCase)]
    private static partial Regex RichTextStart();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z][^>]*>")]
    private static partial Regex LooksLikeHtml();

    [GeneratedRegex(@"<\s*(br|/p|/div|/li)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockBreak();

    [GeneratedRegex(@"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();
}

/// <summary>What a hide-from-dashboard value says. Ordered: the most hiding wins when a choice column holds several.</summary>
internal enum HideValue
{
    No,
    Yes,
    Unrecognised,
}
