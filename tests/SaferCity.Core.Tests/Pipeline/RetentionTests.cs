using SaferCity.Core.History;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>State__RetentionDays: a run removes history points, weekly ledgers and outbox emails older than the setting.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("safercity-retention-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Harness Tracker() => new(
    [
        Items.Action("1.1", deadline: "December 2016", rag: "G"),
        Items.Action("1.2", deadline: "March 2018", rag: "A"),
    ]);

    [Fact]
    public async Task Run_StateOlderThanRetention_HistoryDaysAndLedgersRemoved()
    {
        var harness = Tracker();
        harness.Retention.RetentionDays = 100; // 5 June 2017 keeps from 25 February
        await harness.RunAsync("2017-01-09");
        harness.Edit("1.2", item => Harness.With(item, "RAG", "R"));
        await harness.RunAsync("2017-03-06");
        harness.Edit("1.1", item => Harness.With(item, "RAG", "A"));
        Assert.Contains(ReminderLedger.DocumentName("2017-W02"), harness.State.Documents.Keys);

        await harness.RunAsync("2017-06-05");

        var history = HistoryJson.Deserialize(harness.State.Documents[TrackerPipeline.HistoryDocument]);
        Assert.Equal([new DateOnly(2017, 3, 6), new DateOnly(2017, 6, 5)], history.Days.Select(d => d.AsOf));
        Assert.DoesNotContain(ReminderLedger.DocumentName("2017-W02"), harness.State.Documents.Keys);
        Assert.Contains(ReminderLedger.DocumentName("2017-W10"), harness.State.Documents.Keys);
        Assert.Contains(ReminderLedger.DocumentName("2017-W23"), harness.State.Documents.Keys);
    }

    [Fact]
    public async Task Run_NothingOlderThanRetention_KeepsEverything()
    {
        var harness = Tracker();
        await harness.RunAsync("2017-01-09");
        harness.Edit("1.2", item => Harness.With(item, "RAG", "R"));
        await harness.RunAsync("2017-06-05");

        var history = HistoryJson.Deserialize(harness.State.Documents[TrackerPipeline.HistoryDocument]);
        Assert.Equal(2, history.Days.Count);
        Assert.Contains(ReminderLedger.DocumentName("2017-W02"), harness.State.Documents.Keys);
    }

    [Fact]
    public async Task Run_DryRun_DeletesNothing()
    {
        var harness = Tracker();
        harness.Retention.RetentionDays = 90;
        await harness.RunAsync("2017-01-09");
        var before = harness.State.Documents.Keys.Order().ToList();

        await harness.RunAsync("2017-06-05", dryRun: true);

        Assert.Equal(before, harness.State.Documents.Keys.Order());
    }

    [Fact]
    public void Prune_OldDays_EveryKeptDaysSnapshotIsUnchanged()
    {
        var history = TrackerHistory.Empty;
        var states = new[] { ("2017-01-09", Model.Rag.Green), ("2017-02-06", Model.Rag.Amber), ("2017-03-06", Model.Rag.Red) };
        foreach (var (day, rag) in states)
        {
            var asOf = DateOnly.Parse(day);
            history = history.Record(new Snapshot(asOf, default,
                    [new SnapshotAction("1.1", rag, null, false, false), new SnapshotAction("1.2", Model.Rag.Green, null, false, false)]),
                new RagCounts(0, 0, 1, 0));
        }

        var pruned = StateRetention.Prune(history, new DateOnly(2017, 2, 1));

        Assert.Equal([new DateOnly(2017, 2, 6), new DateOnly(2017, 3, 6)], pruned.Days.Select(d => d.AsOf));
        foreach (var day in pruned.Days)
            Assert.True(pruned.SnapshotAt(day.AsOf)!.SameContentAs(history.SnapshotAt(day.AsOf)));
        Assert.Single(pruned.Actions["1.2"]);
    }

    [Theory]
    [InlineData("ledger/2017-W03.json", "2017-01-22")]
    [InlineData("ledger/2020-W53.json", "2021-01-03")]
    [InlineData("ledger/2017-W54.json", null)]
    [InlineData("ledger/notes.json", null)]
    public void WeekEnd_LedgerName_IsThatWeeksSunday(string name, string? sunday) =>
        Assert.Equal(sunday is null ? null : DateOnly.Parse(sunday), StateRetention.WeekEnd(name));

    [Fact]
    public void Prune_OutboxEmailsOfOldWeeks_DeletedAndRecentKept()
    {
        File.WriteAllText(Path.Combine(folder, "2016-W50_coordinator.eml"), "old");
        File.WriteAllText(Path.Combine(folder, "2017-W20_coordinator.eml"), "new");
        var stray = Path.Combine(folder, "stray.eml");
        File.WriteAllText(stray, "written long ago");
        File.SetLastWriteTimeUtc(stray, new DateTime(2016, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        var deleted = new OutboxEmailSender(folder, "from@example.gov.uk").Prune(new DateOnly(2017, 1, 1));

        Assert.Equal(2, deleted);
        Assert.Equal(["2017-W20_coordinator.eml"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }
}
