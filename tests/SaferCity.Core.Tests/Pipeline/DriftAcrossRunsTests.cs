using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>Two runs weeks apart with an admin's edits in between.</summary>
public class DriftAcrossRunsTests
{
    private static async Task<Harness> TwoRunsWithEditsAsync()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-02");

        harness.Edit("2.1", item => Harness.With(item, "RAG", "A"));                     // worsened
        harness.Edit("4.8", item => Harness.With(item, "RAG", "G"));                     // improved
        harness.Edit("3.3", item => Harness.With(item, "DeliveryDeadline", "June 2017")); // slipped
        harness.Edit("2.3", item => Harness.With(item, "Comments", "Complete – impact study published"));
        harness.Source.Tracker.Add(Items.Action("7.1", theme: "7 Fraud", text: "A new action", lead: "CST"));
        harness.Source.Tracker.RemoveAll(item => Equals(item["Title"], "5.4"));
        harness.Email.Sent.Clear();

        await harness.RunAsync("2017-01-23");
        return harness;
    }

    [Fact]
    public async Task RunAsync_EditsBetweenRuns_GiveExactlyThoseDriftEntries()
    {
        var harness = await TwoRunsWithEditsAsync();

        var doc = harness.PublishedDashboard();
        var drift = doc.Actions.Where(a => a.Drift.Count > 0).ToDictionary(a => a.Id, a => a.Drift);
        Assert.Equal(new Dictionary<string, IReadOnlyList<DriftItem>>
        {
            ["2.1"] = [new DriftItem("ragWorsened", "green", "amber")],
            ["4.8"] = [new DriftItem("ragImproved", "amber", "green")],
            ["3.3"] = [new DriftItem("deadlineSlipped", "2017-03-31", "2017-06-30")],
            ["2.3"] = [new DriftItem("completed")],
            ["7.1"] = [new DriftItem("added")],
        }, drift);
        Assert.Equal([new RemovedAction("5.4")], doc.Removed);
        Assert.Equal("2017-01-02", doc.DriftSince);
    }

    [Fact]
    public async Task RunAsync_EditsBetweenRuns_DashboardAndDigestsShowThem()
    {
        var harness = await TwoRunsWithEditsAsync();

        var html = System.Text.Encoding.UTF8.GetString(harness.Site.Files["index.html"].Content.Span);
        Assert.Contains("↓ Worse: Green → Amber", html);
        Assert.Contains("→ Deadline moved later: 31 Mar 2017 → 30 Jun 2017", html);
        Assert.Contains("Changes are shown since", html);

        var police = harness.Email.Sent.Single(m => m.DigestId == "2017-W04/city-of-london-police");
        Assert.Contains("CHANGED BY SOMEONE ELSE", police.Text);
        Assert.Contains("- 2.1: ", police.Text);
        Assert.Contains("↓ Worse: Green → Amber since 2 January 2017", police.Text);
        Assert.Contains("- 3.3: ", police.Text);
        Assert.Contains("- 4.8: rating better", police.Text); // someone else changed it: the lead is told, once

        var coordinator = harness.Email.Sent.Single(m => m.DigestId == "2017-W04/coordinator");
        Assert.Contains("5.4 is no longer in the tracker", coordinator.Text);
        Assert.Contains("↑ Better: Amber → Green", coordinator.Text);
    }

    [Fact]
    public async Task RunAsync_HistoryPerAction_ShowsEachChange()
    {
        var harness = await TwoRunsWithEditsAsync();

        var doc = harness.PublishedDashboard();
        var history = doc.Actions.Single(a => a.Id == "2.1").History;
        Assert.Equal([new HistoryPoint("2017-01-02", "green", "2017-03-31", "open"), new HistoryPoint("2017-01-23", "amber", "2017-03-31", "open")],
            history);
        Assert.Equal(["2017-01-02", "2017-01-23"], doc.Trend.Select(t => t.AsOf));
    }

    [Fact]
    public async Task RunAsync_TwiceOnTheSameDay_SameDrift()
    {
        var harness = await TwoRunsWithEditsAsync();
        var first = harness.PublishedDashboard();

        await harness.RunAsync("2017-01-23");

        var second = harness.PublishedDashboard();
        Assert.Equal(first.Actions.Select(a => (a.Id, string.Join(",", a.Drift))), second.Actions.Select(a => (a.Id, string.Join(",", a.Drift))));
        Assert.Equal(first.Removed, second.Removed);
    }

    [Fact]
    public async Task RunAsync_WithinTheWindow_ComparesWithTheLatestSnapshotOldEnough()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-02");
        harness.Edit("2.1", item => Harness.With(item, "RAG", "A"));
        await harness.RunAsync("2017-01-06"); // 4 days later: the oldest snapshot is the baseline
        harness.Edit("2.1", item => Harness.With(item, "RAG", "R"));

        await harness.RunAsync("2017-01-13"); // 7 days after the 6th: that snapshot is the baseline

        var doc = harness.PublishedDashboard();
        Assert.Equal("2017-01-06", doc.DriftSince);
        Assert.Equal([new DriftItem("ragWorsened", "amber", "red")], doc.Actions.Single(a => a.Id == "2.1").Drift);
    }

    [Fact]
    public async Task RunAsync_HiddenAction_NeverPublishedButStillReachesItsLead()
    {
        var harness = Harness.ForSample();
        harness.Edit("2.5", item => Harness.With(item, "HideFromDashboard", true));

        await harness.RunAsync("2017-01-16");

        var doc = harness.PublishedDashboard();
        Assert.DoesNotContain(doc.Actions, a => a.Id == "2.5");
        Assert.Equal(41, doc.Summary.Total);
        Assert.DoesNotContain("Alcohol Recovery Centres", System.Text.Encoding.UTF8.GetString(harness.Site.Files["index.html"].Content.Span));
        Assert.Contains("2.5",
            harness.Email.Sent.Single(m => m.DigestId.EndsWith("/london-ambulance-service", StringComparison.Ordinal)).Tags["actions"]);
    }
}
