using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using SaferCity.Functions.HostTests.Host;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Functions.HostTests;

/// <summary>
/// A change made on a Monday after the 07:00 digests, through the deployed app's own timers and its clock: the hourly
/// refresh that day replaces the day's snapshot, and the change must still be in the next Monday's digests, once.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class MondayAfterDigestsHostTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset MondaySeven = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);
    private const string Item25 = "11"; // action 2.5: overdue; leads include the Community Safety Team
    private HostedApp app = null!;

    public async Task InitializeAsync() => app = await HostedApp.StartAsync(azurite);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private async Task FireAsync(string function, DateTimeOffset at)
    {
        await app.StartWorkerAsync(at);
        var response = await app.FireTimerAsync(function, at);
        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{response.Result.Exception?.Message}\n{app.Host.LogText}");
    }

    [Fact]
    public async Task Timers_CompletedOnMondayAfterTheDigests_InNextMondaysDigestAndSummaryOnce()
    {
        await FireAsync("SendReminders", MondaySeven);
        app.Graph.EditItem(GraphEmulator.TrackerList, Item25, "Comments", "Complete – agreed on Monday morning");
        await FireAsync("RefreshDashboard", MondaySeven.AddHours(3)); // the hourly refresh replaces the day's snapshot
        var before = app.SendGrid.Requests.Count;

        await FireAsync("SendReminders", MondaySeven.AddDays(7));

        var next = app.SendGrid.Requests.Skip(before).ToList();
        var summary = next.Single(r => r.To.Contains(TestStack.Coordinator));
        Assert.Contains("- 2.5: completed", summary.Text);
        Assert.Contains("Completed since 16 January 2017", summary.Text);
        var team = next.Single(r => r.DigestId.EndsWith("/community-safety-team", StringComparison.Ordinal));
        Assert.Contains("- 2.5 completed: thank you", team.Text);
        Assert.StartsWith("Community Safety Team: 2.5 completed, thank you", team.Subject);
        Assert.DoesNotContain(app.SendGrid.Requests.Take(before), r => r.Text.Contains("2.5 completed", StringComparison.Ordinal));
    }
}
