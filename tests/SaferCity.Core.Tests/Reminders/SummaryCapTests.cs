using System.Text.RegularExpressions;
using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>The coordinator's summary lists the most overdue escalations up to the cap and counts the rest.</summary>
public sealed class SummaryCapTests
{
    private static Assessment Overdue(int days) => ActionRules.Assess(new TrackerAction
    {
        ItemId = $"{days}", Number = $"9.{days}", Theme = "T", Text = "Do it", Deadline = SampleReports.AsOf.AddDays(-days),
        LeadNames = ["CST"], Leads = ["Community Safety Team"], Rag = Rag.Red, Comments = "",
    }, SampleReports.AsOf, new RemindersOptions());

    [Fact]
    public void Render_MoreEscalationsThanTheCap_ListsTheMostOverdueAndCountsTheRest()
    {
        var sample = SampleReports.Report();
        var report = sample with { Assessments = [.. Enumerable.Range(30, 150).Select(Overdue)] };

        var (text, html) = CoordinatorSummary.Render(report, new RemindersOptions(), SampleReports.Figures(sample), [], null);

        Assert.Contains("ESCALATIONS (OVERDUE BY MORE THAN 28 DAYS) (150)", text);
        Assert.Equal(DigestRenderer.MaxPerSection, Regex.Count(text, @"^- 9\.\d+: \d+ days overdue; leads: Community Safety Team$",
            RegexOptions.Multiline));
        Assert.Contains("- 9.179: 179 days overdue; leads: Community Safety Team", text); // the most overdue is listed
        Assert.DoesNotContain("- 9.79: ", text);                                          // the 101st most overdue is not
        Assert.Contains("…and 50 more: see the dashboard or its CSV download for every one.", text);
        Assert.Equal(DigestRenderer.MaxPerSection, Regex.Count(html, @"<li[^>]*>9\.\d+: \d+ days overdue"));
    }
}
