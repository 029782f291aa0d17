using SaferCity.Core.Dashboard;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>Email addresses are removed from everything published, in whatever form they were typed.</summary>
public class PublicTextTests
{
    private const string R = PublicText.Redacted;

    [Theory]
    [InlineData("o'brien@council.gov.uk")]                  // an apostrophe in the local part
    [InlineData("first.o'neill+tag@example.org")]
    [InlineData("JDOE@MACHINE.EXAMPLE")]                    // upper case, the top-level domain included
    [InlineData("Police@CityOfLondon.POLICE.UK")]
    [InlineData("j\u200Bsmith@council.gov.uk")]             // zero-width space inside
    [InlineData("jsmith@council\u200B.gov.uk")]
    [InlineData("jsmith\u200D@council.gov.uk")]             // zero-width joiner
    [InlineData("js\u00ADmith@coun\u2060cil.gov.uk")]       // soft hyphen, word joiner
    [InlineData("\uFEFFjsmith@council.gov.uk")]
    [InlineData("info@example.\u0440\u0444")]               // .рф
    [InlineData("\u7528\u6237@\u4F8B\u5B50.\u5E7F\u544A")]  // 用户@例子.广告
    [InlineData("\u03B4\u03BF\u03BA\u03B9\u03BC\u03AE@" +
        "\u03C0\u03B1\u03C1\u03AC\u03B4\u03B5\u03B9\u03B3\u03BC\u03B1.\u03B4\u03BF\u03BA\u03B9\u03BC\u03AE")]
    [InlineData("x@m\u00FCnchen.de")]
    [InlineData("x@xn--mnchen-3ya.de")]
    [InlineData("user@example.xn--p1ai")]                  // a punycode top-level domain
    [InlineData("\"john..doe\"@example.org")]              // a quoted local part
    [InlineData("\"very.(),:;<>[]\\\".VERY.\\\"very@\\\\ \\\"very\\\".unusual\"@strange.example.com")]
    [InlineData("admin@[192.168.0.1]")]                     // a domain literal
    [InlineData("a!#$%&*+/=?^_`{|}~-b@example.org")]
    public void Redact_AddressForm_WholeAddressRemoved(string address)
    {
        var redacted = PublicText.Redact($"Contact {address} today");

        Assert.Equal($"Contact {R} today", redacted);
        Assert.True(PublicText.ContainsEmail(address));
    }

    /// <summary>
    /// The address forms in RFC 5322's examples (appendix A), as they would be pasted from a mail header:
    /// display names, groups, comments inside and around the address, obsolete white space around dots.
    /// Each address goes whole: no local part and no domain is left.
    /// </summary>
    public static TheoryData<string, string[]> Rfc5322Examples() => new()
    {
        { "John Doe <jdoe@machine.example>", ["jdoe", "machine.example"] },
        { "Mary Smith <mary@example.net>", ["mary@", "example.net"] },
        { "\"Joe Q. Public\" <john.q.public@example.com>", ["john.q.public", "example.com"] },
        { "Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>", ["mary@", "x.test", "jdoe", "example.org", "one@", "y.test"] },
        { "<boss@nil.test>, \"Giant; \\\"Big\\\" Box\" <sysservices@example.net>", ["boss", "nil.test", "sysservices", "example.net"] },
        { "Pete <pete@silly.example>", ["pete@", "silly.example"] },
        { "A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;", ["c@", "a.test", "joe@", "where.test", "jdoe", "one.test"] },
        { "Jane Brown <j-brown@other.example>", ["j-brown", "other.example"] },
        { "<1234@local.machine.example>", ["1234", "local.machine.example"] },
        { "<5678.21-Nov-1997@example.com>", ["5678.21-Nov-1997", "example.com"] },
        { "<testabcd.1234@silly.example>", ["testabcd.1234", "silly.example"] },
        { "Pete(A nice \\) chap) <pete(his account)@silly.test(his host)>", ["pete(his", "account)@", "silly.test", "his host"] },
        { "A Group(Some people) :Chris Jones <c@(Chris's host.)public.example>, joe@example.org, John <jdoe@one.test> (my dear friend);",
            ["c@", "Chris's host", "public.example", "joe@", "example.org", "jdoe", "one.test"] },
        { "Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example", ["mary@", "example.net", "jdoe", "test  . example"] },
        { "John Doe <jdoe@machine(comment).  example>", ["jdoe", "machine(comment)", "example>"] },
        { "Joe Q. Public <john.q.public@example.com>", ["john.q.public", "example.com"] },
    };

    [Theory]
    [MemberData(nameof(Rfc5322Examples))]
    public void Redact_Rfc5322Examples_NoPartOfAnyAddressLeft(string header, string[] parts)
    {
        var redacted = PublicText.Redact(header);

        Assert.Contains(R, redacted);
        foreach (var part in parts) Assert.DoesNotContain(part, redacted, StringComparison.OrdinalIgnoreCase);
        Assert.False(PublicText.ContainsEmail(redacted), redacted);
    }

    [Theory]
    [InlineData("Follow @SaferCityLDN for updates")]
    [InlineData("Meeting @ 10am in the Guildhall. Police to attend")]
    [InlineData("3 @ \u00A35 each")]
    [InlineData("Family day \U0001F468\u200D\U0001F469\u200D\U0001F467 at the Barbican")] // joiners kept where no address is
    [InlineData("Complete \u2013 the strategy underwent consultation")]
    [InlineData("")]
    public void Redact_NoAddress_TextUnchanged(string text)
    {
        Assert.Equal(text, PublicText.Redact(text));
        Assert.False(PublicText.ContainsEmail(text));
    }

    [Fact]
    public void Redact_AddressNextToJoinedEmoji_OnlyTheAddressGoes()
    {
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";

        Assert.Equal($"{family} ask {R}", PublicText.Redact($"{family} ask o'brien@council.gov.uk"));
    }

    [Fact]
    public void Redact_AtSignBeforeTheAddress_AddressStillRemoved()
    {
        // The cheap "is there an @ at all" check must not stop at an @ in the first character.
        Assert.Equal($"@SaferCityLDN or {R}", PublicText.Redact("@SaferCityLDN or jo@council.gov.uk"));
        Assert.True(PublicText.ContainsEmail("@SaferCityLDN or jo@council.gov.uk"));
    }

    [Fact]
    public void Redact_InvisibleCharacterBeforeAnAddressAtTheStart_GoesWithTheAddress()
    {
        Assert.Equal($"{R} to reply", PublicText.Redact("\u200Bjo@council.gov.uk to reply"));
    }

    [Fact]
    public void Redact_AddressAtTheStartAndInvisibleCharacterLater_OnlyTheAddressGoes()
    {
        Assert.Equal($"{R} or ask\u200Bme", PublicText.Redact("jo@council.gov.uk or ask\u200Bme"));
    }

    [Fact]
    public void Redact_TwoAddressesWithInvisibleCharacters_BothRemovedAndTheTextBetweenKept()
    {
        Assert.Equal($"{R}, {R} today",
            PublicText.Redact("jo@council.gov.uk, \u200Bpat@po\u200Blice.uk today"));
    }

    [Theory]
    [InlineData("jsmith@council.gov.u\u200Bk")]     // zero-width space inside the top-level domain
    [InlineData("jsmith@council.gov.u\u202Ek")]     // a bidi override there
    [InlineData("jsmith@council.g\u00ADov.uk")]     // a soft hyphen inside a label
    public void Redact_InvisibleCharacterInTheDomain_WholeAddressRemoved(string address)
    {
        Assert.Equal($"Contact {R} today", PublicText.Redact($"Contact {address} today"));
    }

    [Fact]
    public void Redact_Null_StaysNull()
    {
        // A finding without a value (a missing deadline) is published with no value, not an empty one.
        Assert.Null(PublicText.Redact(null));
    }
}
