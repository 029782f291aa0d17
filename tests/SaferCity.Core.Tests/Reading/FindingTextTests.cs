using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reading;

/// <summary>
/// A finding is read by the coordinator, who has to find the item and the field and put it right: each one names the
/// item, the field and, where it helps and is safe, the value.
/// </summary>
public class FindingTextTests
{
    private static ParsedTracker Parse(params ListItem[] tracker) =>
        new TrackerParser().Parse(new TrackerLists(tracker, Items.StandardLeads));

    private static ParsedTracker ParseLeads(params ListItem[] leads) =>
        new TrackerParser().Parse(new TrackerLists([], leads));

    [Fact]
    public void Parse_DuplicateNumber_FindingNamesTheSecondItem()
    {
        var second = Items.Action("1.6", text: "A second 1.6");

        var parsed = Parse(Items.Action("1.6"), second);

        Assert.Equal([new Finding("1.6", "number", "duplicate", $"item {second.Id}")], parsed.Findings);
    }

    [Fact]
    public void Parse_ItemWithoutNumber_FindingNamesTheItem()
    {
        var item = Items.Action(null);

        var parsed = Parse(item);

        Assert.Empty(parsed.Actions);
        Assert.Equal([new Finding($"[item {item.Id}]", "number", "missing")], parsed.Findings);
    }

    [Fact]
    public void Parse_InvalidCharactersInEachField_EachFieldNamed()
    {
        const string bad = "\uFFFD";
        var parsed = Parse(Items.Action("1.1" + bad, theme: "Theme " + bad, text: "Text " + bad, comments: "Comment " + bad,
            status: "Open " + bad, deadline: "March 2017 " + bad, rag: "G" + bad));

        Assert.Equal(["number", "theme", "text", "comments", "status", "deadline", "rag"],
            parsed.Findings.Where(f => f.Problem == "invalid characters").Select(f => f.Field));
    }

    [Fact]
    public void Parse_NoThemeOrText_ShownUnderNoThemeWithEmptyText()
    {
        var action = Parse(Items.Action("1.1", theme: null, text: null)).Actions.Single();

        Assert.Equal("(No theme)", action.Theme);
        Assert.Equal("", action.Text);
    }

    [Fact]
    public void Parse_BlankAndRepeatedLeadParts_EachNameOnce()
    {
        var action = Parse(Items.Action("1.1", lead: "CST; ; cst;CoLP;")).Actions.Single();

        Assert.Equal(["CST", "CoLP"], action.LeadNames);
        Assert.Equal(["Community Safety Team", "City of London Police"], action.Leads);
    }

    [Fact]
    public void Parse_ListsWithSetupProblems_ProblemsCarriedToTheRun()
    {
        var lists = new TrackerLists([Items.Action("1.1")], Items.StandardLeads) { SetupProblems = ["No HideFromDashboard column"] };

        Assert.Equal(["No HideFromDashboard column"], new TrackerParser().Parse(lists).SetupProblems);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(81)]
    public void Parse_LongUnknownLead_QuotedUpToEightyCharacters(int length)
    {
        var name = new string('x', length);

        var finding = Parse(Items.Action("1.1", lead: name)).Findings.Single();

        Assert.Equal(length <= 80 ? name : new string('x', 79) + "…", finding.Value);
        Assert.Equal(("lead", "unknown"), (finding.Field, finding.Problem));
    }

    [Fact]
    public void Parse_LeadsItemWithoutName_ReportedAndSkipped()
    {
        var nameless = Items.Lead("  ", "Ghosts", "ghost@example.gov.uk");

        var parsed = ParseLeads(nameless, Items.Lead("Housing", "Homes", "housing@example.gov.uk"));

        Assert.Equal(["Housing"], parsed.Directory.Leads.Select(l => l.Name));
        Assert.Equal([new Finding($"[leads item {nameless.Id}]", "name", "missing")], parsed.LeadsListFindings);
    }

    [Fact]
    public void Parse_AliasTakenByAnotherLead_FindingSaysWhose()
    {
        var parsed = ParseLeads(Items.Lead("Team A", "Shared"), Items.Lead("Team B", "Shared"));

        Assert.Equal([new Finding("Team B", "alias", "duplicate", "Shared (also Team A)")], parsed.LeadsListFindings);
    }

    [Fact]
    public void Parse_LeadWithoutAddressOrWithOnlyBadOnes_MissingOrInvalidNotBoth()
    {
        var parsed = ParseLeads(Items.Lead("Team C", email: null), Items.Lead("Team A", email: "not-an-address; jo@@example.org"));

        Assert.Equal(
            [new Finding("Team C", "email", "missing"), new Finding("Team A", "email", "invalid"), new Finding("Team A", "email", "invalid")],
            parsed.LeadsListFindings);
    }

    [Theory]
    [InlineData("jo.bloggs")]                // no @
    [InlineData("jo@@example.org")]
    [InlineData("jo bloggs@example.org")]
    [InlineData("jo@localhost")]             // no dot in the domain: not deliverable from SendGrid
    [InlineData("Jo <jo@example.org>")]      // a display name: the address alone is wanted
    public void Parse_LeadAddressNotPlain_Invalid(string email)
    {
        var parsed = ParseLeads(Items.Lead("Team A", email: email));

        Assert.Empty(parsed.Directory.Leads.Single().Emails);
        Assert.Equal([new Finding("Team A", "email", "invalid")], parsed.LeadsListFindings);
    }

    [Theory]
    [InlineData(254, true)] // the longest address SMTP carries (RFC 5321)
    [InlineData(255, false)]
    public void Parse_LeadAddressAtTheLengthLimit_TakenUpTo254Characters(int length, bool taken)
    {
        var domain = new string('b', 63) + "." + new string('c', 63) + "." + new string('d', 57) + ".org"; // 189 characters
        var email = new string('a', length - domain.Length - 1) + "@" + domain;

        var lead = ParseLeads(Items.Lead("Team A", email: email)).Directory.Leads.Single();

        Assert.Equal(length, email.Length);
        Assert.Equal(taken, lead.Emails.Contains(email));
    }

    [Fact]
    public void Parse_LeadsItemIds_RealIdKeptAPositionalOneNot()
    {
        // "#2" is what a reader makes up for an item without an id: it moves with the rows, so it must not key the ledger.
        ListItem Lead(string id, string name) =>
            new(id, null, new Dictionary<string, object?> { ["Title"] = name, ["Email"] = "x@example.gov.uk" });

        var leads = ParseLeads(Lead("17", "Housing"), Lead("#2", "Licensing")).Directory.Leads;

        Assert.Equal(["17", null], leads.Select(l => l.ItemId));
    }
}
