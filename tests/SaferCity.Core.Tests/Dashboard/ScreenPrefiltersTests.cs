using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using SaferCity.Core.Dashboard;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>
/// The screen's prefilters skip a pattern only where it cannot match: each sensitive term the patterns know, in any case,
/// still reaches them (a term added to the patterns but not to the prefilter fails here).
/// </summary>
public sealed class ScreenPrefiltersTests
{
    private const string Sensitive = "a person's ethnicity, religion, health or sexuality";

    /// <summary>The alternatives of the patterns' list of terms, each written out once as an officer might.</summary>
    public static TheoryData<string> Terms()
    {
        var terms = (string)typeof(PersonalDataScreen).GetField("SensitiveTerms", BindingFlags.NonPublic | BindingFlags.Static)!
            .GetRawConstantValue()!;
        var data = new TheoryData<string>();
        foreach (var term in TopLevel(terms))
        {
            data.Add(term.Replace(@"[ac]\w*", "a", StringComparison.Ordinal).Replace(@"[\s\-]", "-", StringComparison.Ordinal)
                .Replace(@"\w*", "ing", StringComparison.Ordinal).Replace(@"\w+", "y", StringComparison.Ordinal)
                .Replace("(?:condition|problems|issues|needs)", "needs", StringComparison.Ordinal));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public void Find_EachSensitiveTermInAnyCase_Found(string term)
    {
        Assert.Equal(Sensitive, PersonalDataScreen.Find($"the victim is {term}")?.Kind);
        Assert.Equal(Sensitive, PersonalDataScreen.Find($"THE VICTIM IS {term.ToUpperInvariant()}")?.Kind);
        Assert.Equal(Sensitive, PersonalDataScreen.Find($"an {term.ToLowerInvariant()} woman")?.Kind);
    }

    [Theory]
    [MemberData(nameof(Terms))]
    public void Find_EachSensitiveTermAfterAnyWhiteSpace_Found(string term)
    {
        var spaces = Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(char.IsWhiteSpace).ToList();

        var missed = spaces.Where(space => PersonalDataScreen.Find($"the victim is{space}{term}")?.Kind != Sensitive)
            .Concat(spaces.Where(space => PersonalDataScreen.Find($"a{space}{term.ToUpperInvariant()} woman")?.Kind != Sensitive));

        Assert.Empty(missed);
    }

    [Fact]
    public void FirstWordsByTwoLetters_QuantifiedLetterOrGroupFirst_LeftOutOrRefused()
    {
        var words = PersonalDataScreen.FirstWordsByTwoLetters(@"Jews?|self[\s\-]harm\w*|abc(?:c|d)|mental health (?:x|y)")
            .SelectMany(w => w).Order(StringComparer.Ordinal);

        Assert.Equal(["Jew", "abc", "mental", "self"], words);
        Assert.Throws<ArgumentException>(() => PersonalDataScreen.FirstWordsByTwoLetters("gay|(?:x|y)z"));
        Assert.Throws<ArgumentException>(() => PersonalDataScreen.FirstWordsByTwoLetters("gay|ox"));
    }

    [Theory]
    [InlineData("Email j.smith\u00A0at\u00A0city dot gov dot uk", "an email address")]  // no-break spaces round the "at"
    [InlineData("EMAIL J.SMITH AT CITY DOT GOV DOT UK", "an email address")]
    [InlineData("Email jsmith{at}citypolice", "an email address")]
    [InlineData("Met at\u2003EC2V\u00A07HH", "a postcode")]                                     // em space, no-break space
    [InlineData("Seen at ec2v 7hh", "a postcode")]
    [InlineData("NI no AB\u2009123456\u2009C", "a National Insurance number")]                  // thin spaces
    public void Find_PrefilteredPatternInUnusualSpacingOrCase_Found(string text, string kind) =>
        Assert.Equal(kind, PersonalDataScreen.Find(text)?.Kind);

    [Fact]
    public void IgnoreCase_CharactersOutsideAsciiReadAsAsciiLetters_OnlyTheKelvinSign()
    {
        var letter = new Regex("^[a-z]$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        var folded = Enumerable.Range(0x80, 0x10000 - 0x80).Select(c => (char)c)
            .Where(c => !char.IsSurrogate(c) && letter.IsMatch(c.ToString()) && char.ToUpperInvariant(c) >= 0x80);

        Assert.Equal([PersonalDataScreen.KelvinSign], folded);
    }

    /// <summary>The prefilters test \d with char.IsDigit and \s with char.IsWhiteSpace: the same characters.</summary>
    [Theory]
    [InlineData(@"\d")]
    [InlineData(@"\s")]
    public void CharacterClass_RegexAgainstCharMethod_SameCharacters(string characterClass)
    {
        Func<char, bool> method = characterClass == @"\d" ? char.IsDigit : char.IsWhiteSpace;
        var pattern = new Regex($"^{characterClass}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        var differ = Enumerable.Range(0, 0x10000).Select(c => (char)c)
            .Where(c => !char.IsSurrogate(c) && pattern.IsMatch(c.ToString()) != method(c));

        Assert.Empty(differ);
    }

    [Fact]
    public void Find_AgeWrittenInAnyScriptsDigits_Found()
    {
        var digits = Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(char.IsDigit).ToList();

        var missed = digits.Where(d => PersonalDataScreen.Find($"Complete \u2013 a child aged {d}{d}")?.Kind != "a person's age");

        Assert.True(digits.Count > 300, $"{digits.Count} decimal digits");
        Assert.Empty(missed);
    }

    /// <summary>Texts at the edges of the prefilters: digits of other scripts, odd spaces, terms inside words, escapes.</summary>
    public static TheoryData<string> Awkward() =>
    [
        "Complete \u2013 reviewed with partners.", "Complete \u2013 a child aged \u0661\u0664 was referred",
        "\u0968\u0966\u0967\u096C \u2013 dob \u0967\u0968/\u0966\u0969/\u0967\u096F\u096E\u096B", "crime ref \uFF14\uFF12\uFF10\uFF11\uFF12/17",
        "aged &#49;&#52; at risk", "14", "\u0665", "Call 07700\u00A0900123", "born 3 June 1985", "\u2013\u2014\u00B2\u00B3\u00B9",
        "the victim is\u00A0Muslim", "the victim is\tHIV positive", "an\u2003autistic boy", "the suspect was\nDEPRESSED",
        "the victim isMuslim", "Muslim woman", "a non-binary person", "he has self harming behaviour", "the victim is Romanian",
        "she has schizophrenic episodes", "the man is \u212Aurdish", "a \u212Aurdish man", "the victim is Transylvanian",
        "a trainee man", "the boy was prevented", "the developing boy", "the girl is de\u0301pressed", "a gay\u200Bman",
        "Hate crime awareness: Muslim, Jewish and LGBT communities engaged.", "victim was a mental health needs user",
        "the victim is learning disabilities", "the victim is Irish Traveller", "the man has epilepsy", "\u212A", "a",
        "Training night residents safeguarding develop partners establish training protocol.", "the victim is gay",
        "the victim is HIV", "the victim is ga", "the\u0085victim is\u0085Muslim", "a\u001Fgay man", "a\u007Fgay man",
    ];

    [Theory]
    [MemberData(nameof(Awkward))]
    public void Find_AwkwardText_SameAsEveryPatternOnEveryText(string text) =>
        Assert.Equal(PersonalDataScreen.Find(text, prefiltered: false), PersonalDataScreen.Find(text));

    /// <summary>Splits "a|b(?:c|d)|e" at the bars outside brackets.</summary>
    private static List<string> TopLevel(string alternatives)
    {
        var parts = new List<string>();
        var part = new StringBuilder();
        var depth = 0;
        foreach (var c in alternatives)
        {
            depth += c switch { '(' or '[' => 1, ')' or ']' => -1, _ => 0 };
            if (c == '|' && depth == 0)
            {
                parts.Add(part.ToString());
                part.Clear();
            }
            else part.Append(c);
        }
        parts.Add(part.ToString());
        return parts;
    }
}
