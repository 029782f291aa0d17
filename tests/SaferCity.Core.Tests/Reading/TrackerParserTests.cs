using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reading;

public class TrackerParserTests
{
    private static ParsedTracker Parse(params ListItem[] tracker) =>
        new TrackerParser().Parse(new TrackerLists(tracker, Items.StandardLeads));

    [Fact]
    public void Parse_Sample_Reads42ActionsInSixThemes()
    {
        var parsed = new TrackerParser().Parse(Sample.Lists());

        Assert.Equal(42, parsed.Actions.Count);
        Assert.Equal(6, parsed.Actions.Select(a => a.Theme).Distinct().Count());
        Assert.Equal(15, parsed.Actions.Count(a => a.Complete));
        Assert.Equal("1.1", parsed.Actions[0].Number);
        Assert.Equal("6.6", parsed.Actions[^1].Number);
    }

    [Fact]
    public void Parse_Sample_KeepsTheSeedsQuirks()
    {
        var parsed = new TrackerParser().Parse(Sample.Lists());
        var byNumber = parsed.Actions.ToDictionary(a => a.Number);

        Assert.Empty(byNumber["1.3"].LeadNames);
        Assert.Contains(new Finding("1.3", "lead", "missing"), parsed.Findings);
        Assert.Equal(new DateOnly(2015, 11, 30), byNumber["1.4"].Deadline);
        Assert.Equal("", byNumber["3.6"].Comments);
        Assert.True(byNumber["3.9"].Complete); // "Complete - " with a hyphen
        Assert.Equal("4 Anti-Social Behaviour", byNumber["4.1"].Theme);
    }

    [Fact]
    public void Parse_SampleLeads_ResolveAbbreviationsAndSpellings()
    {
        var byNumber = new TrackerParser().Parse(Sample.Lists()).Actions.ToDictionary(a => a.Number);

        Assert.Equal(["City of London Police", "Licensing", "Community Safety Team"], byNumber["2.3"].Leads); // Police, Licencing, CST
        Assert.Equal(["Community Safety Team", "City of London Police"], byNumber["5.1"].Leads); // CST/CoLP
        // Curly apostrophe and odd capitals: "Community safety Team, Police, Community and Children’s Services"
        Assert.Equal(["Community Safety Team", "City of London Police", "Department of Community and Children's Services"], byNumber["6.6"].Leads);
        // A name run into another: "Department of Community and Children's Services Serious Organised Crime Board"
        Assert.Contains("Department of Community and Children's Services", byNumber["3.7"].Leads);
        // "Police/Licensing Corporation Licensing team"
        Assert.Equal(["City of London Police", "Licensing"], byNumber["3.3"].Leads);
    }

    [Fact]
    public void Parse_LeadSeparators_SemicolonCommaSlashAndMultiChoice()
    {
        var parsed = Parse(
            Items.Action("1.1", lead: "CST; CoLP"),
            Items.Action("1.2", lead: "CST, CoLP"),
            Items.Action("1.3", lead: "CST/CoLP"),
            Items.Action("1.4", lead: new List<string> { "Community Safety Team", "City of London Police" }));

        Assert.All(parsed.Actions, a => Assert.Equal(["Community Safety Team", "City of London Police"], a.Leads));
        Assert.Empty(parsed.Findings);
    }

    [Fact]
    public void Parse_SameLeadCellInManyRows_UnderstoodOnceAndEachRowReported()
    {
        var parsed = Parse(
            Items.Action("1.1", lead: "CST, Ministry of Magic"),
            Items.Action("1.2", lead: "CST, Ministry of Magic"),
            Items.Action("1.3", lead: new List<string> { "CST, Ministry of Magic" }));

        Assert.Same(parsed.Actions[0].LeadNames, parsed.Actions[1].LeadNames);
        Assert.Same(parsed.Actions[0].Leads, parsed.Actions[1].Leads);
        // A choice column's one choice is one name, not split like text.
        Assert.Equal(["CST, Ministry of Magic"], parsed.Actions[2].LeadNames);
        Assert.Equal(["1.1", "1.2"], parsed.Findings.Where(f => f.Problem == "unknown" && f.Value == "Ministry of Magic").Select(f => f.Id));
        Assert.Equal(Parse(Items.Action("1.3", lead: new List<string> { "CST, Ministry of Magic" })).Findings,
            parsed.Findings.Where(f => f.Id == "1.3"));
    }

    [Fact]
    public void Parse_LeadMatchingNoOne_IsAFindingAndKeepsTheRest()
    {
        var parsed = Parse(Items.Action("1.1", lead: "CST, Ministry of Magic"));

        Assert.Equal(["Community Safety Team"], parsed.Actions[0].Leads);
        Assert.Equal(["CST", "Ministry of Magic"], parsed.Actions[0].LeadNames);
        Assert.Contains(new Finding("1.1", "lead", "unknown", "Ministry of Magic"), parsed.Findings);
    }

    [Fact]
    public void Parse_BadValues_AreFindingsNotFailures()
    {
        var parsed = Parse(
            Items.Action("1.1", deadline: "Soon"),
            Items.Action("1.2", deadline: null),
            Items.Action("1.3", rag: "Purple"),
            Items.Action("1.4", rag: null),
            Items.Action("1.5", theme: null, text: null),
            Items.Action(null),
            Items.Action("1.6"),
            Items.Action("1.6", text: "A second 1.6"));

        Assert.Equal(["1.1", "1.2", "1.3", "1.4", "1.5", "1.6"], parsed.Actions.Select(a => a.Number));
        Assert.Contains(new Finding("1.1", "deadline", "unreadable", "Soon"), parsed.Findings);
        Assert.Contains(new Finding("1.2", "deadline", "missing"), parsed.Findings);
        Assert.Contains(new Finding("1.3", "rag", "unknown", "Purple"), parsed.Findings);
        Assert.Contains(new Finding("1.4", "rag", "missing"), parsed.Findings);
        Assert.Contains(new Finding("1.5", "theme", "missing"), parsed.Findings);
        Assert.Contains(new Finding("1.5", "text", "missing"), parsed.Findings);
        Assert.Contains(parsed.Findings, f => f.Field == "number" && f.Problem == "missing");
        Assert.Contains(parsed.Findings, f => f is { Id: "1.6", Field: "number", Problem: "duplicate" });
        Assert.Equal("Do the thing", parsed.Actions.Single(a => a.Number == "1.6").Text); // the first one is kept
    }

    [Fact]
    public void Parse_CompleteWithoutRag_IsNotAFinding()
    {
        var parsed = Parse(Items.Action("1.1", rag: null, comments: "Complete"));

        Assert.True(parsed.Actions[0].Complete);
        Assert.Empty(parsed.Findings);
    }

    [Fact]
    public void Parse_BragBlue_CompleteWithoutFinding()
    {
        var parsed = Parse(Items.Action("1.1", rag: "Blue", deadline: "March 2016"));

        Assert.True(parsed.Actions[0].Complete);
        Assert.Null(parsed.Actions[0].Rag);
        Assert.Empty(parsed.Findings);
    }

    [Fact]
    public void Parse_StatusHoldsRagWordsAndNoRag_StatusIsTheRating()
    {
        var parsed = Parse(Items.Action("1.1", rag: null, status: "Amber"), Items.Action("1.2", rag: null, status: "Closed"));

        Assert.Equal(Rag.Amber, parsed.Actions[0].Rag);
        Assert.False(parsed.Actions[0].Complete);
        Assert.True(parsed.Actions[1].Complete);
        Assert.Empty(parsed.Findings);
    }

    [Theory]
    [InlineData("Ongoing")]
    [InlineData("TBC")]
    [InlineData("N/A")]
    public void Parse_NoDateWords_NoDeadlineAndANotADateFinding(string deadline)
    {
        var parsed = Parse(Items.Action("1.1", deadline: deadline));

        Assert.Null(parsed.Actions[0].Deadline);
        Assert.Equal($"1.1: deadline not a date (\"{deadline}\")", Assert.Single(parsed.Findings).Describe());
    }

    [Fact]
    public void Parse_FinancialQuarter_ReadAsTheQuartersLastDay() =>
        Assert.Equal(new DateOnly(2016, 12, 31), Parse(Items.Action("1.1", deadline: "Q3 2016/17")).Actions[0].Deadline);

    [Fact]
    public void Parse_RichTextComments_ShownAsText()
    {
        var html = "<div class=\"ExternalClass3B1D\"><p>Progressing &amp; on track</p><p>Next&#58; <b>review</b></p><script>alert(1)</script></div>";
        var parsed = Parse(Items.Action("1.1", comments: html));

        Assert.Equal("Progressing & on track Next: review", parsed.Actions[0].Comments);
    }

    [Fact]
    public void Parse_RichTextCompleteComment_IsComplete()
    {
        var parsed = Parse(Items.Action("1.1", comments: "<div class=\"ExternalClassA\"><p>Complete – delivered</p></div>"));

        Assert.True(parsed.Actions[0].Complete);
    }

    [Theory]
    [InlineData(true)]
    [InlineData("Yes")]
    [InlineData("true")]
    public void Parse_HideFromDashboard_MarksHidden(object value) =>
        Assert.True(Parse(Items.Action("1.1", hidden: value)).Actions[0].Hidden);

    [Fact]
    public void Parse_NumbersSortAsPeopleRead()
    {
        var parsed = Parse(Items.Action("1.10"), Items.Action("2.1"), Items.Action("1.2"), Items.Action("1.9"));

        Assert.Equal(["1.2", "1.9", "1.10", "2.1"], parsed.Actions.Select(a => a.Number));
    }

    [Fact]
    public void Parse_LeadsList_ReportsBadAddressesWithoutEchoingThem()
    {
        var leads = new[]
        {
            Items.Lead("Team A", "A", "not-an-address"),
            Items.Lead("Team B", "A", "b@example.gov.uk"),
            Items.Lead("Team C", null, null),
        };
        var parsed = new TrackerParser().Parse(new TrackerLists([], leads));

        Assert.Contains(new Finding("Team A", "email", "invalid"), parsed.LeadsListFindings);
        Assert.Contains(parsed.LeadsListFindings, f => f is { Id: "Team B", Field: "alias", Problem: "duplicate" });
        Assert.Contains(new Finding("Team C", "email", "missing"), parsed.LeadsListFindings);
        Assert.DoesNotContain(parsed.LeadsListFindings, f => f.Value?.Contains('@') == true);
        Assert.Empty(parsed.Directory.Leads[0].Emails);
    }
}

public class DuplicateLeadTests
{
    [Fact]
    public void Parse_SameLeadTwiceInTheLeadsList_MergedAndReported()
    {
        var leads = new[]
        {
            Items.Lead("Community Safety Team", "CST", "cst@example.gov.uk"),
            Items.Lead("Community Safety Team!", "Safety", "cst.duty@example.gov.uk"),
        };

        var parsed = new TrackerParser().Parse(new TrackerLists([Items.Action("1.1", lead: "Safety")], leads));

        var lead = Assert.Single(parsed.Directory.Leads);
        Assert.Equal(["cst@example.gov.uk", "cst.duty@example.gov.uk"], lead.Emails);
        Assert.Equal(["Community Safety Team"], parsed.Actions[0].Leads); // the second entry's alias still routes
        Assert.Contains(new Finding("Community Safety Team!", "name", "duplicate", "merged into Community Safety Team"), parsed.LeadsListFindings);
    }
}

public class PlainTextMarkupTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Use <Ctrl> and a < b")]
    public void Parse_PlainTextThatLooksLikeMarkup_KeptExactlyAsTyped(string typed)
    {
        var parsed = new TrackerParser().Parse(new TrackerLists([Items.Action("1.1", text: typed, comments: typed)], Items.StandardLeads));

        Assert.Equal(typed, parsed.Actions[0].Text);
        Assert.Equal(typed, parsed.Actions[0].Comments);
    }
}
