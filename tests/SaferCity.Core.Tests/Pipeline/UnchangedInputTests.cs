using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// A run whose inputs are as the last published run had them renders and writes nothing (the fingerprint);
/// a change in any one of them renders again. Digests, findings and the ledger behave as on any run.
/// </summary>
public sealed class UnchangedInputTests
{
    private const string Day = "2017-01-16";

    private static async Task<Harness> PublishedOnceAsync()
    {
        var harness = Harness.ForSample();
        var first = await harness.RunAsync(Day);
        Assert.False(first.Unchanged);
        Assert.Equal(1, harness.Site.Publishes);
        return harness;
    }

    [Fact]
    public async Task RunAsync_SameInputsAgain_RendersAndWritesNothing()
    {
        var harness = await PublishedOnceAsync();
        var writes = harness.State.Writes;
        harness.Time.Advance(TimeSpan.FromHours(1)); // an hourly refresh later

        var again = await harness.RunAsync(Day);

        Assert.True(again.Unchanged);
        Assert.Equal(1, harness.Site.Publishes);          // the publisher was not even handed a site
        Assert.Null(again.Published);
        Assert.Null(again.Dashboard);
        Assert.Equal(writes, harness.State.Writes);       // no marker, history or ledger write
        Assert.Equal(harness.PublishedDashboard().Summary, again.Summary);
        // Reading and understanding still happened: findings and the ledger are as on any run.
        Assert.Equal(2, again.Report!.CoordinatorFindings.Count);
        Assert.Empty(again.Reminders!.Sent);
        Assert.Equal(8, again.Reminders.AlreadySent.Count);
    }

    public static TheoryData<string> Changes() =>
        ["item content", "item modified time", "leads", "as-of day", "dashboard setting", "due-soon setting", "drift setting"];

    [Theory]
    [MemberData(nameof(Changes))]
    public async Task RunAsync_OneInputChanged_RendersAgain(string change)
    {
        var harness = await PublishedOnceAsync();
        var day = Day;
        switch (change)
        {
            case "item content": harness.Edit("2.5", item => Harness.With(item, "Comments", "A new comment")); break;
            case "item modified time":
                harness.Edit("2.5", item => item with { LastModified = item.LastModified?.AddMinutes(5) ?? DateTimeOffset.UnixEpoch });
                break;
            case "leads": harness.Source.Leads.RemoveAt(harness.Source.Leads.Count - 1); break;
            case "as-of day": day = "2017-01-17"; break;
            case "dashboard setting": harness.Dashboard.Title = "Another Partnership"; break;
            case "due-soon setting": harness.Reminders.DueSoonDays = 10; break;
            case "drift setting": harness.Drift.WindowDays = 14; break;
        }

        var again = await harness.RunAsync(day, remind: false);

        Assert.False(again.Unchanged);
        Assert.Equal(2, harness.Site.Publishes);
        Assert.NotNull(again.Dashboard);
        // Rendered, and then unchanged again: the next identical run skips.
        Assert.True((await harness.RunAsync(day, remind: false)).Unchanged);
    }

    [Fact]
    public async Task RunAsync_OnlyTheModifiedTimeChanged_RendersButThePublisherWritesNothing()
    {
        var harness = await PublishedOnceAsync();
        var files = harness.Site.WriteOrder.Count;
        harness.Edit("2.5", item => item with { LastModified = item.LastModified?.AddMinutes(5) ?? DateTimeOffset.UnixEpoch });

        var again = await harness.RunAsync(Day, remind: false);

        Assert.Equal(0, again.Published!.Written);
        Assert.Equal(files, harness.Site.WriteOrder.Count);
    }

    [Fact]
    public async Task RunAsync_DryRunWithSameInputs_StillPreviews()
    {
        var harness = await PublishedOnceAsync();

        var preview = await harness.RunAsync(Day, dryRun: true);

        Assert.False(preview.Unchanged);
        Assert.True(harness.Preview.Files.Files.ContainsKey("index.html"));
    }

    [Fact]
    public void Of_AnotherBuildOrHistory_Differs()
    {
        var lists = RunFingerprint.OfLists(Sample.Lists());
        var day = new DateOnly(2017, 1, 16);
        var one = RunFingerprint.Of(lists, day, TrackerHistory.Empty, [], [typeof(RunFingerprint).Assembly]);

        Assert.Equal(one, RunFingerprint.Of(lists, day, TrackerHistory.Empty, [], [typeof(RunFingerprint).Assembly]));
        Assert.NotEqual(one, RunFingerprint.Of(lists, day, TrackerHistory.Empty, [], [typeof(UnchangedInputTests).Assembly]));
        var history = TrackerHistory.Empty.Record(new Snapshot(day.AddDays(-7), DateTimeOffset.UnixEpoch, []), new RagCounts(0, 0, 0, 0));
        Assert.NotEqual(one, RunFingerprint.Of(lists, day, history, [], [typeof(RunFingerprint).Assembly]));
    }
}
