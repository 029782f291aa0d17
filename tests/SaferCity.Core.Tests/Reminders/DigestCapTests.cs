using System.Text.RegularExpressions;
using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>A lead with hundreds of actions still gets an email a person can read.</summary>
public class DigestCapTests
{
    private static readonly DateOnly AsOf = new(2017, 1, 16);

    private static Assessment Overdue(int i) => ActionRules.Assess(new TrackerAction
    {
        ItemId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Number = $"1.{i}", Theme = "T", Text = "Do it",
        Deadline = AsOf.AddDays(-i), LeadNames = ["CST"], Leads = ["Community Safety Team"], Rag = Rag.Amber, Comments = "",
    }, AsOf, new RemindersOptions());

    [Fact]
    public void Render_MoreThanTheCap_ListsTheMostOverdueAndCountsTheRest()
    {
        var lead = new Lead("Community Safety Team", [], ["cst@example.gov.uk"]);
        var digest = new LeadDigest(lead, Enumerable.Range(1, 250).Select(Overdue).ToList(), [], []);

        var (text, html) = DigestRenderer.Render(digest, AsOf, null, null);

        Assert.Contains("OVERDUE (250)", text);
        Assert.Equal(DigestRenderer.MaxPerSection, Regex.Count(text, @"^- 1\.\d+: ", RegexOptions.Multiline));
        Assert.Contains("- 1.250: ", text);      // the most overdue is listed
        Assert.DoesNotContain("- 1.150: ", text); // the 101st most overdue is not
        Assert.Contains("…and 150 more: see the dashboard or its CSV download for every one.", text);
        Assert.Contains("…and 150 more", html);
        Assert.Equal(DigestRenderer.MaxPerSection, Regex.Count(html, "<h3 "));
    }

    [Fact]
    public void Render_AtTheCap_ListsEveryAction()
    {
        var lead = new Lead("Community Safety Team", [], ["cst@example.gov.uk"]);
        var digest = new LeadDigest(lead, Enumerable.Range(1, DigestRenderer.MaxPerSection).Select(Overdue).ToList(), [], []);

        var (text, _) = DigestRenderer.Render(digest, AsOf, null, null);

        Assert.Equal(DigestRenderer.MaxPerSection, Regex.Count(text, @"^- 1\.\d+: ", RegexOptions.Multiline));
        Assert.DoesNotContain("more: see the dashboard", text);
    }
}
