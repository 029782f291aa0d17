using System.Text;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// Nothing observed while an action was hidden reaches anything published: not its history points, not a drift
/// baseline, not the trend, not "removed". An action hidden at the baseline drifts as if it were new ("added", no
/// from-values). Runs days apart, the drift window 7 days, action 2.2 carrying a rating only its hidden period had.
/// </summary>
public class HiddenAcrossRunsTests
{
    private static Harness Tracker(string rag, object hidden, string deadline = "March 2017") =>
        new([Items.Action("1.1", rag: "G"), Items.Action("2.2", rag: rag, hidden: hidden, deadline: deadline)]);

    private static void Set(Harness harness, string column, object? value) => harness.Edit("2.2", item => Harness.With(item, column, value));

    private static DashboardAction Published(Harness harness, string id = "2.2") => harness.PublishedDashboard().Actions.Single(a => a.Id == id);

    /// <summary>The published action and trend hold nothing that only the hidden period had.</summary>
    private static void AssertNothingFromTheHiddenPeriod(Harness harness, DashboardAction action, string hiddenRag, params string[] hiddenDays)
    {
        Assert.DoesNotContain(action.Drift, d => d.From is not null);
        Assert.DoesNotContain(action.History, p => hiddenDays.Contains(p.AsOf) || p.Rag == hiddenRag);
        foreach (var point in harness.PublishedDashboard().Trend.Where(t => hiddenDays.Contains(t.AsOf)))
        {
            Assert.Equal((0, 0, 1), (point.Red, point.Amber, point.Green)); // only 1.1, green, was visible then
        }
    }

    [Fact]
    public async Task RunAsync_HiddenThenShown_DriftIsAddedWithNoFromValue()
    {
        var harness = Tracker(rag: "R", hidden: true);
        await harness.RunAsync("2017-01-02");
        Set(harness, "HideFromDashboard", false);
        Set(harness, "RAG", "G");

        await harness.RunAsync("2017-01-09");

        var action = Published(harness);
        Assert.Equal([new DriftItem("added")], action.Drift);
        Assert.Equal([new HistoryPoint("2017-01-09", "green", "2017-03-31", "open")], action.History);
        AssertNothingFromTheHiddenPeriod(harness, action, "red", "2017-01-02");
    }

    [Fact]
    public async Task RunAsync_HiddenThenDeleted_NotAnnouncedAsRemoved()
    {
        var harness = Tracker(rag: "R", hidden: true);
        await harness.RunAsync("2017-01-02");
        harness.Source.Tracker.RemoveAll(item => Equals(item["Title"], "2.2"));

        await harness.RunAsync("2017-01-09");

        Assert.Empty(harness.PublishedDashboard().Removed);
        Assert.DoesNotContain("2.2", Encoding.UTF8.GetString(harness.Site.Files["dashboard.json"].Content.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ShownThenHiddenThenDeletedWithAShownBaseline_NotAnnouncedAsRemoved()
    {
        var harness = Tracker(rag: "G", hidden: false);
        await harness.RunAsync("2017-01-02");  // shown: the baseline of the last run
        Set(harness, "HideFromDashboard", true);
        await harness.RunAsync("2017-01-05");  // hidden: the public sees it go, and nothing more
        harness.Source.Tracker.RemoveAll(item => Equals(item["Title"], "2.2"));

        await harness.RunAsync("2017-01-09");  // deleted while hidden: saying so would report the hidden period

        Assert.Equal("2017-01-02", harness.PublishedDashboard().DriftSince);
        Assert.Empty(harness.PublishedDashboard().Removed);
    }

    [Fact]
    public async Task RunAsync_ShownThenDeleted_StillAnnouncedAsRemoved()
    {
        var harness = Tracker(rag: "G", hidden: false);
        await harness.RunAsync("2017-01-02");
        harness.Source.Tracker.RemoveAll(item => Equals(item["Title"], "2.2"));

        await harness.RunAsync("2017-01-09");

        Assert.Equal([new RemovedAction("2.2")], harness.PublishedDashboard().Removed);
    }

    [Fact]
    public async Task RunAsync_HiddenThenChangedThenShown_AddedAndNoHiddenHistoryPoints()
    {
        var harness = Tracker(rag: "G", hidden: false);
        await harness.RunAsync("2017-01-02");                  // shown, green
        Set(harness, "HideFromDashboard", true);
        Set(harness, "RAG", "R");
        await harness.RunAsync("2017-01-05");                  // hidden, red
        Set(harness, "DeliveryDeadline", "June 2017");
        await harness.RunAsync("2017-01-09");                  // hidden, red, deadline moved
        Assert.DoesNotContain(harness.PublishedDashboard().Actions, a => a.Id == "2.2");
        Set(harness, "HideFromDashboard", false);
        Set(harness, "RAG", "A");

        await harness.RunAsync("2017-01-16");                  // shown, amber; the baseline (9th) had it hidden

        var action = Published(harness);
        Assert.Equal("2017-01-09", harness.PublishedDashboard().DriftSince);
        Assert.Equal([new DriftItem("added")], action.Drift);
        Assert.Equal(
            [new HistoryPoint("2017-01-02", "green", "2017-03-31", "open"), new HistoryPoint("2017-01-16", "amber", "2017-06-30", "open")],
            action.History);
        AssertNothingFromTheHiddenPeriod(harness, action, "red", "2017-01-05", "2017-01-09");
    }

    [Fact]
    public async Task RunAsync_ShownHiddenShownWithinTheWindow_DriftFromTheShownBaselineOnly()
    {
        var harness = Tracker(rag: "G", hidden: false);
        await harness.RunAsync("2017-01-02");                  // shown, green
        Set(harness, "HideFromDashboard", true);
        Set(harness, "RAG", "R");
        await harness.RunAsync("2017-01-04");                  // hidden, red
        Set(harness, "HideFromDashboard", false);
        Set(harness, "RAG", "A");

        await harness.RunAsync("2017-01-06");                  // shown, amber: the baseline is the 2nd, when it was shown

        var action = Published(harness);
        Assert.Equal("2017-01-02", harness.PublishedDashboard().DriftSince);
        Assert.Equal([new DriftItem("ragWorsened", "green", "amber")], action.Drift);
        Assert.Equal(
            [new HistoryPoint("2017-01-02", "green", "2017-03-31", "open"), new HistoryPoint("2017-01-06", "amber", "2017-03-31", "open")],
            action.History);

        await harness.RunAsync("2017-01-11");                  // the baseline is now the 4th, when it was hidden

        action = Published(harness);
        Assert.Equal("2017-01-04", harness.PublishedDashboard().DriftSince);
        Assert.Equal([new DriftItem("added")], action.Drift);
        AssertNothingFromTheHiddenPeriod(harness, action, "red", "2017-01-04");
    }

    [Fact]
    public async Task RunAsync_HiddenAtBaselineAndNow_LeadStillSeesTheRealDrift()
    {
        var harness = Tracker(rag: "G", hidden: true);
        await harness.RunAsync("2017-01-02");
        Set(harness, "RAG", "R");
        harness.Email.Sent.Clear();

        await harness.RunAsync("2017-01-09");

        Assert.DoesNotContain(harness.PublishedDashboard().Actions, a => a.Id == "2.2");
        var digest = harness.Email.Sent.Single(m => m.To.Contains("cst@example.gov.uk"));
        Assert.Contains("Green → Red", digest.Text, StringComparison.Ordinal); // private: the lead's own action
    }
}
