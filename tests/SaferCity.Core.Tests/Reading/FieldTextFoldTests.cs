using System.Text;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>
/// <see cref="FieldText.Clean"/> returns text that needs no folding as it is, found by a vectorised search: what it
/// returns must be what folding character by character gives (<see cref="Reference"/>), and the same instance when
/// that changes nothing.
/// </summary>
public class FieldTextFoldTests
{
    public static TheoryData<string> Texts => new()
    {
        "Plain text.",
        "Complete \u2013 on track",
        "two  spaces",
        "en\u2013dash  then two spaces",
        " leading",
        "trailing\u00a0",
        "tab\there",
        "line\nbreak",
        "caf\u00e9 \U0001F600 ok",
        "half \ud83d a character",
        "zero\u200bwidth",
        "joiner \u200d stays",
        "bidi \u202e override",
        "no-break\u00a0space inside",
        "control \u0085 next line",
        "ends on a control\u0001",
        "\u2013",
        "~ tilde and \u007f delete",
        string.Concat(Enumerable.Repeat("longer than the stack buffer \u2013  with\n breaks\u202e, ", 40)),
        string.Concat(Enumerable.Repeat("\ud83d\ude00 \ud83d", 200)),
    };

    [Theory]
    [MemberData(nameof(Texts))]
    public void Clean_AwkwardText_FoldsAsCharacterByCharacter(string text)
    {
        var expected = Reference(text);

        var cleaned = FieldText.Clean(text);

        Assert.Equal(expected.Length == 0 ? null : expected, cleaned);
        // Text with surrogate pairs is always rebuilt (a pair has to be checked whole), as it always was.
        if (expected == text && !text.Any(char.IsSurrogate)) Assert.Same(text, cleaned);
    }

    /// <summary>Folding with no shortcut: the definition the shortcut must agree with.</summary>
    private static string Reference(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }
            if (FieldText.IsHiddenFormat(c)) continue;
            if (space) sb.Append(' ');
            space = false;
            if (!char.IsSurrogate(c)) sb.Append(c);
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) sb.Append(c).Append(text[++i]);
            else sb.Append('\uFFFD');
        }
        return sb.ToString();
    }
}
