using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// Everything published is public. Email addresses typed into any field (a comment, a lead)
/// are replaced before anything is written, whatever the admin meant.
/// </summary>
public static class PublicText
{
    public const string Redacted = "[email address removed]";

    // Deliberately broad: it is better to hide a false positive than to publish an address. The forms are those of
    // RFC 5322 as people paste them: a local part of any characters but the specials (so o'brien and a+tag), or
    // quoted; comments next to the "@" (pete(his account)@silly.test); a domain of any script with a top-level
    // domain of letters ("uk", "UK", "рф", "xn--p1ai"), white space or a comment before a dot (obsolete forms), or an
    // address literal. No white space around the "@" itself: "meet @ 10am. Police" is not an address.
    private const string Atext = @"[^\s<>""(),;:@\[\]\\\uFF20\uFE6B]";
    private const string Quoted = @"""(?:[^""\\\r\n]|\\.)*""";
    private const string Comment = @"\((?:[^()\\\r\n]|\\.)*\)";
    private const string Label = @"[^\s<>""(),;:@\[\]\\.\uFF20\uFE6B]+";
    private const string Dot = @"(?:\.|(?:[ \t]*" + Comment + @"|[ \t]+)[ \t]*\.[ \t]*)";
    private const string TopLevel = @"\p{L}[\p{L}\p{M}\p{N}\-]+";
    private const string Pattern =
        "(?:" + Atext + "|" + Quoted + ")+(?:" + Comment + ")?" +
        @"[@\uFF20\uFE6B](?:" + Comment + ")?" +
        "(?:(?:" + Label + Dot + ")+" + TopLevel + "(?:" + Comment + @")?|\[[^\[\]\s]*\])";

    // Non-backtracking: matching time grows with the text, never with its shape (a 200 KB comment with an "@").
    private static readonly Regex Email = new(Pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>The text with every address replaced by <see cref="Redacted"/>; null stays null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static string? Redact(string? text)
    {
        if (!MayHoldAddress(text)) return text;
        var (plain, map) = WithoutInvisible(text);
        var match = Email.Match(plain);
        if (!match.Success) return text;

        // Replace in the original text, so invisible characters elsewhere (the joiners in 👨‍👩‍👧) are kept;
        // those just before or inside an address go with it.
        var sb = new StringBuilder(text.Length);
        var last = 0;
        for (; match.Success; match = match.NextMatch())
        {
            var start = map is null ? match.Index : match.Index == 0 ? 0 : map[match.Index - 1] + 1;
            var end = (map?[match.Index + match.Length - 1] ?? match.Index + match.Length - 1) + 1;
            sb.Append(text, last, start - last).Append(Redacted);
            last = end;
        }
        return sb.Append(text, last, text.Length - last).ToString();
    }

    public static bool ContainsEmail(string text) => MayHoldAddress(text) && Email.IsMatch(WithoutInvisible(text).Plain);

    // Null holds nothing: an empty span.
    private static bool MayHoldAddress([NotNullWhen(true)] string? text) => text.AsSpan().IndexOfAny('@', '\uFF20', '\uFE6B') >= 0;

    /// <summary>
    /// The text without invisible format characters (zero-width space and joiners, soft hyphen, word joiner, byte
    /// order mark, bidi controls), which would otherwise break an address in two for the pattern but not for a reader;
    /// and where each remaining character was in the original (null when nothing was removed).
    /// </summary>
    private static (string Plain, int[]? Map) WithoutInvisible(string text)
    {
        var i = 0;
        while (i < text.Length && !IsInvisible(text[i])) i++;
        if (i == text.Length) return (text, null);

        var plain = new StringBuilder(text.Length);
        var map = new List<int>(text.Length);
        for (i = 0; i < text.Length; i++)
        {
            if (IsInvisible(text[i])) continue;
            plain.Append(text[i]);
            map.Add(i);
        }
        return (plain.ToString(), [.. map]);
    }

    private static bool IsInvisible(char c) => c > '\u007F' && char.GetUnicodeCategory(c) == UnicodeCategory.Format;
}
