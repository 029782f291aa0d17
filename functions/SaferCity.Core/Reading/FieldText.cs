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

    /// <summary>Trimmed text with control characters removed and white space folded; null when blank.</summary>
    public static string? Clean(object? value)
    {
        var text = AsString(value);
        if (text is null) return null;
        if (IsRichText(text)) text = FromRichText(text);
        text = Fold(text);
        return text.Length == 0 ? null : text;
    }

    public static bool AsBool(object? value) => value switch
    {
        bool b => b,
        string s => s.Trim().ToLowerInvariant() is "yes" or "true" or "1" or "y",
        _ => false,
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
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (space) sb.Append(' ');
            space = false;
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static bool IsFolded(string text)
    {
        if (text.Length == 0) return true;
        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1])) return false;
        var previousSpace = false;
        foreach (var c in text)
        {
            if (c == ' ')
            {
                if (previousSpace) return false;
                previousSpace = true;
            }
            else if (char.IsWhiteSpace(c) || char.IsControl(c)) return false;
            else previousSpace = false;
        }
        return true;
    }

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
