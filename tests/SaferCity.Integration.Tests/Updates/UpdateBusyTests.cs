using System.Net;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Updates;

/// <summary>
/// The form while SharePoint throttles: a lead at a browser is not kept waiting two minutes. The form's Graph client has
/// a short budget (Graph__FormMaxRetryWaitSeconds), so a Retry-After of 120 s gets the busy page at once.
/// </summary>
public sealed class UpdateBusyTests
{
    private const string Item25 = "11"; // action 2.5

    [Fact]
    public async Task Form_SharePointThrottles120Seconds_BusyPageAtOnceAndNothingSaved()
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);
        await using var host = await UpdateHost.StartAsync(stack);
        await host.RunAsync(new DateOnly(2017, 1, 16));
        var token = UpdateHost.TokenOf(host.LinkFor("2017-W03", "community-safety-team", "2.5"));
        var (_, form) = await host.GetAsync(token);
        var values = UpdateHost.FormValues(form);
        values["rag"] = "red";
        var before = stack.Graph.Item(GraphEmulator.TrackerList, Item25).ToJsonString();
        // The emulator throttles on the host's fake clock, which nothing moves: a wait would never end, so an answer proves none was started.
        stack.Graph.Clock = host.Time;
        stack.Graph.ThrottleFor(TimeSpan.FromSeconds(120));

        var (getStatus, getPage) = await host.GetAsync(token);
        var (postStatus, postPage) = await host.PostAsync(token, values);

        foreach (var (status, page) in new[] { (getStatus, getPage), (postStatus, postPage) })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("SharePoint is busy \u2013 Safer City Partnership", UpdateHost.Title(page));
            Assert.Contains("SharePoint is busy; nothing was saved; try again in a few minutes.", page, StringComparison.Ordinal);
        }
        Assert.Equal(before, stack.Graph.Item(GraphEmulator.TrackerList, Item25).ToJsonString());
        Assert.Empty(host.Audit());
    }
}
