using SaferCity.Core.History;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.History;

/// <summary>A state holds one tracker's history: a run on another tracker with it compares nothing, sends nothing, writes nothing.</summary>
public class TrackerIdentityTests
{
    private static readonly TrackerIdentity Sample = TrackerIdentity.Sample;
    private static readonly TrackerIdentity Own = TrackerIdentity.OfFile("/data/own/tracker.json");

    /// <summary>The sample run on 2 January, then edits that would be drift, then a run on 23 January as <paramref name="second"/>.</summary>
    private static async Task<(Harness Harness, RunOutcome Outcome, byte[] HistoryBefore)> SecondRunAsAsync(
        TrackerIdentity? first, TrackerIdentity second)
    {
        var harness = Harness.ForSample();
        harness.Identity = first;
        await harness.RunAsync("2017-01-02");
        var before = harness.State.Documents[TrackerPipeline.HistoryDocument].ToArray();
        harness.Edit("2.1", item => Harness.With(item, "RAG", "R"));
        harness.Source.Tracker.RemoveAll(item => Equals(item["Title"], "5.4"));
        harness.Email.Sent.Clear();

        harness.Identity = second;
        return (harness, await harness.RunAsync("2017-01-23"), before);
    }

    [Fact]
    public async Task RunAsync_AnotherTrackerWithTheSameState_WarnsInOneLineAndShowsNoDrift()
    {
        var (harness, outcome, _) = await SecondRunAsAsync(Sample, Own);

        Assert.Equal(
            "The state holds the history of the bundled sample tracker, not of the tracker file /data/own/tracker.json: no drift is " +
            "shown, and no digest is sent or history recorded, so the two never mix. Give this tracker a state of its own: a fresh " +
            "--state folder (and --out), or in the cloud a new Storage__StateContainer.",
            outcome.Warnings![0]);
        var dashboard = harness.PublishedDashboard();
        Assert.Equal(41, dashboard.Summary.Total);
        Assert.All(dashboard.Actions, a => Assert.Empty(a.Drift));
        Assert.Empty(dashboard.Removed);
    }

    [Fact]
    public async Task RunAsync_AnotherTrackerWithTheSameState_SendsNothingAndLeavesTheStateAsItWas()
    {
        var (harness, outcome, before) = await SecondRunAsAsync(Sample, Own);

        Assert.Empty(harness.Email.Sent);
        Assert.Null(outcome.Reminders);
        Assert.False(outcome.HistoryWritten);
        Assert.Equal(before, harness.State.Documents[TrackerPipeline.HistoryDocument].ToArray());
        Assert.DoesNotContain(harness.State.Documents.Keys, k => k.StartsWith("ledger/2017-W04", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_TheSameTrackerAgain_ShowsItsDriftWithoutWarning()
    {
        var (harness, outcome, _) = await SecondRunAsAsync(Own, TrackerIdentity.OfFile("/data/own/../own/tracker.json"));

        Assert.DoesNotContain(outcome.Warnings!, w => w.Contains("holds the history", StringComparison.Ordinal));
        Assert.Contains(harness.PublishedDashboard().Actions, a => a.Id == "2.1" && a.Drift.Count == 1);
        Assert.NotEmpty(harness.Email.Sent);
    }

    [Fact]
    public async Task RunAsync_HistoryFromBeforeTrackersWereRecorded_IsTakenAsThisTrackersAndMarked()
    {
        var (harness, outcome, _) = await SecondRunAsAsync(null, Own);

        Assert.DoesNotContain(outcome.Warnings!, w => w.Contains("holds the history", StringComparison.Ordinal));
        Assert.True(outcome.HistoryWritten);
        var history = HistoryJson.Deserialize(harness.State.Documents[TrackerPipeline.HistoryDocument]);
        Assert.Equal(Own.Name, history.Tracker);
    }

    [Theory]
    [InlineData("https://contoso.sharepoint.com/sites/scp", "SCP Progress Monitoring", true)]
    [InlineData("HTTPS://Contoso.SharePoint.com/sites/scp/", " SCP Progress Monitoring ", true)]
    [InlineData("https://contoso.sharepoint.com/sites/other", "SCP Progress Monitoring", false)]
    [InlineData("https://contoso.sharepoint.com/sites/scp", "SCP Progress Monitoring 2018", false)]
    public void OfList_SiteAndListName_SameTrackerOnlyForTheSameSiteAndList(string site, string list, bool same)
    {
        var identity = TrackerIdentity.OfList("https://contoso.sharepoint.com/sites/scp", "SCP Progress Monitoring");

        Assert.Equal(same, TrackerIdentity.OfList(site, list) == identity);
    }

    [Fact]
    public void Foreign_EmptyHistory_IsNoOnesYet()
    {
        Assert.Null(Own.Foreign(TrackerHistory.Empty with { Tracker = Sample.Name }));
    }
}
