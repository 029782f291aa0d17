using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>
/// How one field value becomes the text shown and emailed: every value shape SharePoint returns, rich text flattened
/// to its words, white space folded, and characters that could mislead or break a reader taken out.
/// </summary>
public class FieldTextTests
{
    [Fact]
    public void AsString_EachValueShape_ReadableText()
    {
        Assert.Null(FieldText.AsString(null));
        Assert.Equal("text", FieldText.AsString("text"));
        Assert.Equal("Yes", FieldText.AsString(true));
        Assert.Equal("No", FieldText.AsString(false));
        Assert.Equal("Housing; Police", FieldText.AsString(new[] { "Housing", "Police" }));
        Assert.Equal("1.5", FieldText.AsString(1.5));           // never "1,5", whatever the machine's culture
        Assert.Equal("2.1", FieldText.AsString(new Version(2, 1)));
        Assert.Equal("https://example.org/", FieldText.AsString(new Uri("https://example.org/"))); // neither text nor formattable
    }

    [Theory]
    [InlineData("  two   words \t", "two words")]
    [InlineData("line\r\nbreak", "line break")]
    [InlineData("a\u0007b", "a b")]                             // a control character separates like a space
    [InlineData("\u202Eexe.pdf", "exe.pdf")]                     // bidi override dropped
    [InlineData("a\u202Ab\u202Cc\u2066d\u2069e", "abcde")]      // every end of both bidi ranges
    [InlineData("x\u202Dy\u2067z\u2068!", "xyz!")]
    [InlineData("Plain text.", "Plain text.")]
    public void Clean_Text_FoldedAndSafe(string raw, string expected)
    {
        Assert.Equal(expected, FieldText.Clean(raw));
    }

    [Fact]
    public void Clean_HalfACharacter_ReplacementCharacterAndWholePairsKept()
    {
        Assert.Equal("ok \U0001F600 fine", FieldText.Clean("ok \U0001F600 fine"));
        Assert.Equal("half \uFFFD here", FieldText.Clean("half \uD83D here"));     // a lone high surrogate
        Assert.Equal("half \uFFFD here", FieldText.Clean("half \uDE00 here"));     // a lone low surrogate
        Assert.Equal("end \uFFFD", FieldText.Clean("end \uD83D"));                 // a high surrogate with nothing after it
        Assert.Equal("\uFFFD\uFFFD", FieldText.Clean("\uDE00\uD83D"));          // a pair in the wrong order
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u202E")]
    [InlineData(null)]
    public void Clean_NothingToShow_Null(string? raw)
    {
        Assert.Null(FieldText.Clean(raw));
    }

    [Theory]
    [InlineData("a\u00A0 b", "a b")]       // two kinds of space in a row: one space
    [InlineData("a\u00A0b", "a b")]        // a no-break space alone becomes a plain space
    [InlineData("a  b", "a b")]
    [InlineData(" a", "a")]
    [InlineData("a ", "a")]
    public void Clean_SpacesAnywhere_OneSpaceBetweenWords(string raw, string expected)
    {
        Assert.Equal(expected, FieldText.Clean(raw));
    }

    [Fact]
    public void Clean_RichText_WordsOnlyWithBlocksSeparated()
    {
        var html = "<div class=\"ExternalClass1\"><p>First &amp; foremost</p><p>Second<br>third</p>" +
                   "<script>alert(1)</script><style>p{}</style><b>bold</b></div>";

        Assert.Equal("First & foremost Second third bold", FieldText.Clean(html));
    }

    [Theory]
    [InlineData("<p>one</p><p>two</p>", "one\ntwo\n")]
    [InlineData("<div>a<br/>b</div>", "a\nb\n")]
    [InlineData("<ul><li>x</li><li>y</li></ul>", "x\ny\n")]
    [InlineData("<p>a<script type='t'>bad()</script>b</p>", "a b\n")]
    [InlineData("<p>a<STYLE>p{}</STYLE>b</p>", "a b\n")]
    [InlineData("Fish &amp; chips", "Fish &amp; chips")]       // no markup: left exactly as it came
    public void FromRichText_Markup_TextWithLineBreaksAtBlocks(string html, string expected)
    {
        Assert.Equal(expected, FieldText.FromRichText(html));
    }

    [Theory]
    [InlineData("<div class=\"ExternalClassAB\"><p>x</p></div>", true)]
    [InlineData("  <P>x</P>", true)]
    [InlineData("<h2>Title</h2>", true)]
    [InlineData("<br>", true)]
    [InlineData("3 < 5 and <p> later", false)]                  // typed text that merely holds markup
    [InlineData("<3 the Barbican", false)]
    [InlineData("<divine> comedy", false)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void IsRichText_Text_OnlySharePointBlockMarkup(string text, bool expected)
    {
        Assert.Equal(expected, FieldText.IsRichText(text));
    }

    [Fact]
    public void Clean_TypedTextWithAngleBrackets_ShownAsTyped()
    {
        Assert.Equal("x <b>y</b> &amp; z", FieldText.Clean("x <b>y</b> &amp; z"));
    }

    [Theory]
    [InlineData(null, "No")]
    [InlineData(false, "No")]
    [InlineData(true, "Yes")]
    [InlineData("", "No")]
    [InlineData(" No ", "No")]
    [InlineData("FALSE", "No")]
    [InlineData("0", "No")]
    [InlineData("n", "No")]
    [InlineData("Yes", "Yes")]
    [InlineData("true", "Yes")]
    [InlineData("1", "Yes")]
    [InlineData(" Y", "Yes")]
    [InlineData("maybe", "Unrecognised")]
    [InlineData(2, "Unrecognised")]
    public void AsHide_Value_FailsClosed(object? value, string expected)
    {
        Assert.Equal(expected, FieldText.AsHide(value).ToString());
    }

    [Theory]
    [InlineData(new string[0], "No")]
    [InlineData(new[] { "No" }, "No")]
    [InlineData(new[] { "No", "Yes" }, "Yes")]
    [InlineData(new[] { "Yes", "perhaps", "No" }, "Unrecognised")]
    public void AsHide_Choices_TheMostHidingWins(string[] choices, string expected)
    {
        Assert.Equal(expected, FieldText.AsHide(choices).ToString());
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("fine", false)]
    [InlineData("bro\uFFFDken", true)]
    public void HasInvalidCharacters_Text_TrueOnlyWithTheReplacementCharacter(string? text, bool expected)
    {
        Assert.Equal(expected, FieldText.HasInvalidCharacters(text));
    }
}
