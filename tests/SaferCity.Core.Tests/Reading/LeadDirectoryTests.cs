using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>Free text in the lead column reaches the right leads, and only them.</summary>
public class LeadDirectoryTests
{
    private static readonly Lead Police = new("City of London Police", ["CoLP", "Police"], ["p@example.org"]);
    private static readonly Lead Dccs = new("Department of Community and Children\u2019s Services", ["DCCS"], ["d@example.org"]);
    private static readonly Lead Housing = new("Housing", ["", "--"], ["h@example.org"]);
    private static readonly LeadDirectory Directory = new([Police, Dccs, Housing]);

    [Theory]
    [InlineData("city of london police")]
    [InlineData("  CITY  of London-Police. ")]
    [InlineData("colp")]
    [InlineData("Police")]
    public void Resolve_NameOrAliasInAnyCase_ThatLead(string part)
    {
        Assert.Equal([Police], Directory.Resolve(part));
    }

    [Theory]
    [InlineData("Department of Community and Children's Services")]      // straight apostrophe
    [InlineData("Department of Community and Children`s Services")]
    [InlineData("Department of Community and Children\u2018s Services")]
    public void Resolve_ApostropheOfAnyKind_Matches(string part)
    {
        Assert.Equal([Dccs], Directory.Resolve(part));
    }

    [Fact]
    public void Resolve_LongerNameInsideAPart_LongestNameTakesItsWords()
    {
        // "Police" is also an alias, but the longer name has taken that word.
        Assert.Equal([Police], Directory.Resolve("City of London Police Board"));
    }

    [Fact]
    public void Resolve_TwoLeadsInOnePart_BothInTheOrderOfLongestName()
    {
        Assert.Equal([Dccs, Housing], Directory.Resolve("Housing with Department of Community and Children's Services SOC Board"));
    }

    [Fact]
    public void Resolve_SameLeadNamedTwice_OnlyOnce()
    {
        Assert.Equal([Police], Directory.Resolve("CoLP and City of London Police"));
    }

    [Fact]
    public void Resolve_NameAtTheEndOfAPart_Found()
    {
        Assert.Equal([Housing], Directory.Resolve("Led by Housing"));
    }

    [Fact]
    public void Resolve_ThreeLeadsSideBySide_EachFound()
    {
        // Taking "Housing" must leave "Police" a word of its own.
        Assert.Equal([Housing, Police, Dccs], Directory.Resolve("Housing Police DCCS"));
    }

    [Fact]
    public void Resolve_LongNameEndingInAnotherLeadsAlias_OnlyTheLongName()
    {
        var victimSupport = new Lead("Victim Support NE", [], ["v@example.org"]);
        var northEast = new Lead("North East Team", ["NE"], ["ne@example.org"]);

        // The longer name takes all its words: none of its letters are left over to match "NE".
        Assert.Equal([victimSupport], new LeadDirectory([victimSupport, northEast]).Resolve("Victim Support NE Board"));
    }

    [Theory]
    [InlineData("Policeman")]               // not inside a word
    [InlineData("Housings")]
    [InlineData("Someone else")]
    [InlineData("")]
    [InlineData(" -- ")]                    // nothing left after punctuation: not the lead with a blank alias
    public void Resolve_NoLeadNamed_Empty(string part)
    {
        Assert.Empty(Directory.Resolve(part));
    }

    [Fact]
    public void Leads_AsGiven()
    {
        Assert.Equal([Police, Dccs, Housing], Directory.Leads);
    }

    [Theory]
    [InlineData("  Fish & Chips--Ltd. ", "fish & chips ltd")]
    [InlineData("Children\u2019s", "children's")]
    [InlineData("!!!", "")]
    [InlineData("A1 b2", "a1 b2")]
    public void Normalise_Text_LowerCaseWordsSingleSpaced(string text, string expected)
    {
        Assert.Equal(expected, LeadDirectory.Normalise(text));
    }

    [Fact]
    public void Normalise_LongText_SameRulesAsShortText()
    {
        var words = string.Join(" -- ", Enumerable.Repeat("Word", 100)); // well over the stack buffer's 256 characters

        Assert.Equal(string.Join(" ", Enumerable.Repeat("word", 100)), LeadDirectory.Normalise(words));
    }

    private static readonly LeadDirectory Partnership = new([Police, Dccs, Housing,
        new Lead("Trading Standards", [], ["ts@example.org"]), new Lead("Licensing", [], ["l@example.org"]),
        new Lead("Community Safety Team", ["CST"], ["c@example.org"]), new Lead("Community Rehabilitation Company", [], ["r@example.org"])]);

    [Theory]
    [InlineData("TS", "Trading Standards")]            // initials
    [InlineData("T.S.", "Trading Standards")]
    [InlineData("CLP", "City of London Police")]       // initials without "of"
    [InlineData("Licencing", "Licensing")]             // a slip of the keyboard
    [InlineData("Hous", "Housing")]                    // the start of the name
    public void Suggest_OneListedLeadFits_ThatLead(string written, string expected)
    {
        Assert.Equal(expected, Partnership.Suggest(written));
    }

    [Theory]
    [InlineData("Comm")]          // the start of two leads' names: no guess
    [InlineData("all partners")]  // nothing like any lead
    [InlineData("X")]
    public void Suggest_NoneOrSeveralFit_Null(string written)
    {
        Assert.Null(Partnership.Suggest(written));
    }

    [Fact]
    public void Parse_UnknownInitials_FindingAsksButTheActionIsNotRouted()
    {
        var parsed = new TrackerParser().Parse(new TrackerLists(
            [Tests.Support.Items.Action("6.7", lead: "CST; TS")],
            [Tests.Support.Items.Lead("Community Safety Team", "CST"), Tests.Support.Items.Lead("Trading Standards")]));

        Assert.Equal(["Community Safety Team"], parsed.Actions.Single().Leads);
        Assert.Contains("6.7: lead unknown (\"TS\"); did you mean Trading Standards?", parsed.Findings.Select(f => f.Describe()));
    }
}
