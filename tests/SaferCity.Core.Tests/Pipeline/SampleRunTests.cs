using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>The seed tracker as of 16 January 2017: the figures the partnership would expect.</summary>
public class SampleRunTests
{
    [Fact]
    public async Task RunAsync_SampleOn16January2017_SummaryMatchesTheTracker()
    {
        var harness = Harness.ForSample();

        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Equal(RunStatus.Completed, outcome.Status);
        var doc = harness.PublishedDashboard();
        Assert.Equal(1, doc.SchemaVersion);
        Assert.Equal("2017-01-16", doc.AsOf);
        var s = doc.Summary;
        Assert.Equal((42, 15, 27, 2, 6, 0, 7, 20, 2), (s.Total, s.Complete, s.Open, s.Overdue, s.DueSoon, s.Red, s.Amber, s.Green, s.RagMismatch));
        Assert.Equal(["2.5", "4.2"], doc.Actions.Where(a => a.Overdue).Select(a => a.Id));
        Assert.Equal(16, doc.Actions.Single(a => a.Id == "2.5").DaysOverdue);
        Assert.Equal(["2.7", "3.1", "3.2", "3.4", "3.7", "3.8"], doc.Actions.Where(a => a.DueSoon).Select(a => a.Id));
        Assert.Contains(doc.DataQuality, f => f is { Id: "1.3", Field: "lead", Problem: "missing" });
    }

    [Fact]
    public async Task RunAsync_Sample_EachLeadGetsExactlyItsActionsAndOthersNothing()
    {
        var harness = Harness.ForSample();

        await harness.RunAsync("2017-01-16");

        var byDigest = harness.Email.Sent.ToDictionary(m => m.DigestId.Split('/')[1], m => m.Tags["actions"]);
        Assert.Equal(new Dictionary<string, string>
        {
            ["community-safety-team"] = "2.5 4.2 3.1 3.8",
            ["city-of-london-police"] = "2.5 4.2 2.7 3.1 3.2 3.7 3.8",
            ["department-of-community-and-children-s-services"] = "3.7",
            ["licensing"] = "4.2 2.7",
            ["housing"] = "4.2",
            ["london-ambulance-service"] = "2.5",
            ["trading-standards"] = "3.4",
            ["coordinator"] = "",
        }, byDigest);
        Assert.All(harness.Email.Sent, m => Assert.StartsWith("2017-W03/", m.DigestId));
    }

    [Fact]
    public async Task RunAsync_Sample_DigestNamesEveryActionGroupedWithItsFacts()
    {
        var harness = Harness.ForSample();

        await harness.RunAsync("2017-01-16");

        var police = harness.Email.Sent.Single(m => m.DigestId.EndsWith("/city-of-london-police", StringComparison.Ordinal));
        // The first digest lists everything; its subject counts it, and the week is in the body.
        Assert.Equal("City of London Police: 2 overdue, 5 due soon", police.Subject);
        Assert.Contains("Week beginning 16 January 2017.", police.Text);
        Assert.Equal(["partnerships@police.example.gov.uk", "crime.prevention@police.example.gov.uk"], police.To);
        var text = police.Text;
        Assert.True(text.IndexOf("OVERDUE (2)", StringComparison.Ordinal) < text.IndexOf("DUE SOON (5)", StringComparison.Ordinal));
        Assert.Contains("- 2.5: overdue by 16 days\n  Key action: Explore the potential of Alcohol Recovery Centres", text.ReplaceLineEndings("\n"));
        Assert.Contains("  Deadline: 31 December 2016\n  RAG: Amber (at risk)\n" +
            "  Check the rating: overdue, but rated Amber (at risk), not Red\n", text.ReplaceLineEndings("\n"));
        Assert.Contains("Latest comment: ARC was not established", text);
        foreach (var number in new[] { "2.5", "4.2", "2.7", "3.1", "3.2", "3.7", "3.8" })
        {
            Assert.Contains($"- {number}: ", text);
            Assert.Contains($">{number} · ", police.Html); // the heading of its block
        }
        Assert.Contains("https://dashboard.example.gov.uk/", text);
    }

    [Fact]
    public async Task RunAsync_Sample_CoordinatorSummaryHasTheWholePicture()
    {
        var harness = Harness.ForSample();
        harness.Reminders.EscalateAfterDays = 28;

        await harness.RunAsync("2017-01-16");

        var summary = harness.Email.Sent.Single(m => m.DigestId == "2017-W03/coordinator");
        Assert.Equal(["coordinator@example.gov.uk"], summary.To);
        Assert.Contains("42 actions: 15 complete, 27 open (0 red, 7 amber, 20 green); 2 overdue, 6 due soon, 2 overdue, but not rated Red.",
            summary.Text);
        // 1.3 and 4.1 are complete: their lead problems are not the coordinator's to chase.
        Assert.DoesNotContain("1.3: lead missing", summary.Text);
        // 4.2 (November 2016) is 47 days overdue: escalated with its leads named; 2.5 (16 days) is not.
        Assert.Contains("4.2: 47 days overdue; leads: Housing, City of London Police, Licensing, Community Safety Team", summary.Text);
        Assert.DoesNotContain("2.5: 16 days overdue; leads", summary.Text);
    }

    [Fact]
    public async Task RunAsync_Sample_SiteFilesPublishedAssetsFirstIndexLast()
    {
        var harness = Harness.ForSample();

        await harness.RunAsync("2017-01-16");

        Assert.Equal("index.html", harness.Site.WriteOrder[^1]);
        Assert.Equal("dashboard.json", harness.Site.WriteOrder[^6]);
        Assert.Equal("accessibility.html", harness.Site.WriteOrder[^4]);
        Assert.Equal("feed.xml", harness.Site.WriteOrder[^3]);
        Assert.Equal("committee.html", harness.Site.WriteOrder[^2]);
        Assert.All(harness.Site.WriteOrder[..^6], path => Assert.StartsWith("assets/", path));
        Assert.Equal("text/html; charset=utf-8", harness.Site.Files["index.html"].ContentType);
    }

    [Fact]
    public async Task RunAsync_Sample_LeadsShownByTheirNamesPlusWhatMatchedNoOne()
    {
        var harness = Harness.ForSample();

        await harness.RunAsync("2017-01-16");

        var actions = harness.PublishedDashboard().Actions.ToDictionary(a => a.Id);
        // "Police, Licencing, CST": the leads' own names, not the abbreviations as well.
        Assert.Equal(["City of London Police", "Licensing", "Community Safety Team"], actions["2.3"].Leads);
        // "One safe City project/Community Safety": the unmatched part is still shown.
        Assert.Equal(["Community Safety Team", "One safe City project"], actions["4.1"].Leads);
    }
}
