using SaferCity.Core.Local;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>A source that cannot say which items are confidential publishes nothing new; a file that cannot is reported.</summary>
public sealed class HidingFailsClosedTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("safercity-hide-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Run_ListCannotHide_PublishesNothingNewButStillRemindsAndSaysWhy()
    {
        var harness = new Harness([Items.Action("1.1", deadline: "December 2016", comments: "Behind.")]);
        await harness.RunAsync("2017-01-09");
        var before = harness.Site.Files["dashboard.json"].Content.ToArray();
        harness.Edit("1.1", item => Harness.With(item, "Comments", "Now the confidential part."));
        harness.Source.HoldPublishing = true;

        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Null(outcome.Published);
        Assert.Equal(before, harness.Site.Files["dashboard.json"].Content.ToArray());
        Assert.Contains(outcome.Warnings!, w => w.StartsWith("The dashboard was not updated", StringComparison.Ordinal));
        var summary = harness.Email.Sent.Single(m => m.DigestId == "2017-W03/coordinator");
        Assert.StartsWith("Set-up problem: ", summary.Subject, StringComparison.Ordinal);
        Assert.Contains("The dashboard was not updated", summary.Text);
        Assert.Contains(harness.Email.Sent, m => m.DigestId == "2017-W03/community-safety-team");
    }

    [Fact]
    public async Task ReadAsync_FileWhoseItemsCarryNoHideField_Warns()
    {
        var tracker = Path.Combine(folder, "tracker.json");
        await File.WriteAllTextAsync(tracker, """{"value":[{"id":"1","fields":{"Title":"1.1","KeyAction":"Do it"}}]}""");

        var lists = await new FileTrackerSource(tracker, Sample.LeadsPath).ReadAsync(CancellationToken.None);

        var warning = Assert.Single(lists.Warnings);
        Assert.StartsWith("No item in the tracker file 'tracker.json' has a 'HideFromDashboard' field", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_BundledSample_CarriesTheHideFieldAndWarnsOfNothing()
    {
        var lists = await new FileTrackerSource(Sample.TrackerPath, Sample.LeadsPath).ReadAsync(CancellationToken.None);

        Assert.Empty(lists.Warnings);
        Assert.All(lists.Tracker, item => Assert.Equal(false, item["HideFromDashboard"]));
    }

    [Fact]
    public async Task ReadAsync_FileWithAHideFieldOnOneItem_WarnsOfNothing()
    {
        var tracker = Path.Combine(folder, "tracker.json");
        await File.WriteAllTextAsync(tracker,
            """{"value":[{"id":"1","fields":{"Title":"1.1"}},{"id":"2","fields":{"Title":"1.2","HideFromDashboard":true}}]}""");

        Assert.Empty((await new FileTrackerSource(tracker, Sample.LeadsPath).ReadAsync(CancellationToken.None)).Warnings);
    }
}
