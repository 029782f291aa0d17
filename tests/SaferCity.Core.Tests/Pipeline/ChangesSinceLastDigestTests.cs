using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// Every change between two digests is in exactly one of them, "since" the earlier one: counted against the state the
/// previous digest reported, which a later run on the same day does not rewrite.
/// </summary>
public class ChangesSinceLastDigestTests
{
    private static EmailMessage Summary(Harness harness) => harness.Email.Sent.Single(m => m.Tags["kind"] == "coordinator");

    private static async Task<(Harness Harness, string Action)> SampleWithMondayDigestsAsync()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-09");
        await harness.RunAsync("2017-01-16");
        var action = harness.PublishedDashboard().Actions.First(a => a.Status == "open" && a.Leads.Count > 0).Id;
        return (harness, action);
    }

    [Fact]
    public async Task RunAsync_CompletedOnMondayAfterTheDigests_InNextMondaysSummaryAndDashboardOnce()
    {
        var (harness, action) = await SampleWithMondayDigestsAsync();
        harness.Time.SetUtcNow(new DateTimeOffset(2017, 1, 16, 10, 0, 0, TimeSpan.Zero));
        harness.Edit(action, item => Harness.With(item, "Comments", "Complete – finished on Monday morning"));
        var sameDay = await harness.RunAsync("2017-01-16"); // the hourly refresh: the day's snapshot is replaced
        Assert.Empty(sameDay.Reminders!.Sent);
        harness.Email.Sent.Clear();

        await harness.RunAsync("2017-01-23");

        var summary = Summary(harness);
        Assert.Contains($"- {action}: completed", summary.Text);
        Assert.Contains("✓ Completed since 16 January 2017", summary.Text);
        Assert.Contains(harness.PublishedDashboard().Actions.Single(a => a.Id == action).Drift, d => d.Kind == "completed");

        harness.Email.Sent.Clear();
        await harness.RunAsync("2017-01-30");
        Assert.DoesNotContain($"- {action}: completed", Summary(harness).Text);
    }

    [Fact]
    public async Task RunAsync_QuietWeekBetween_SinceIsThePreviousDigestNotTheOneBefore()
    {
        var (harness, action) = await SampleWithMondayDigestsAsync();
        await harness.RunAsync("2017-01-23");
        await harness.RunAsync("2017-01-30"); // nothing changed this week
        harness.Edit(action, item => Harness.With(item, "RAG", "R"));
        harness.Email.Sent.Clear();

        await harness.RunAsync("2017-02-06");

        var summary = Summary(harness).Text;
        Assert.Contains(" since 30 January 2017", summary);
        Assert.DoesNotContain(" since 23 January 2017", summary);
        Assert.Contains(harness.Email.Sent, m => m.Tags["kind"] == "digest" && m.Text.Contains(" since 30 January 2017", StringComparison.Ordinal));
    }
}
