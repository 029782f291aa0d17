using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>Which source the composition picks, and the Graph settings' rules.</summary>
public sealed class GraphCompositionTests
{
    /// <summary>The composition on exactly <paramref name="settings"/>: no stand-in started, nothing run.</summary>
    private static async Task<TestStack> WithSettingsAsync(Dictionary<string, string?> settings)
    {
        var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        foreach (var (key, value) in settings) stack.Settings[key] = value;
        return stack;
    }

    [Fact]
    public async Task AddSaferCity_SiteUrlSet_ReadsThroughGraph()
    {
        await using var stack = await WithSettingsAsync(new() { ["Tracker:SiteUrl"] = "https://contoso.sharepoint.com/sites/scp" });
        await using var run = stack.Services();

        Assert.IsType<GraphTrackerSource>(run.GetRequiredService<ITrackerSource>());
        Assert.IsType<GraphUpdateTarget>(run.GetRequiredService<IUpdateTarget>()); // updates go where the run reads
    }

    [Fact]
    public async Task AddSaferCity_SiteUrlAndTrackerFile_TheFileWins()
    {
        await using var stack = await WithSettingsAsync(new()
        {
            ["Tracker:SiteUrl"] = "https://contoso.sharepoint.com/sites/scp",
            ["Local:TrackerFile"] = SampleFiles.Tracker,
        });
        await using var run = stack.Services();

        Assert.IsType<FileTrackerSource>(run.GetRequiredService<ITrackerSource>());
        Assert.IsType<FileUpdateTarget>(run.GetRequiredService<IUpdateTarget>());
    }

    [Fact]
    public async Task AddSaferCity_NoSiteUrl_ReadsTheSample()
    {
        await using var stack = await WithSettingsAsync([]);
        await using var run = stack.Services();

        Assert.IsType<FileTrackerSource>(run.GetRequiredService<ITrackerSource>());
        Assert.IsType<FileUpdateTarget>(run.GetRequiredService<IUpdateTarget>());
        Assert.Equal("SCP Progress Monitoring", run.GetRequiredService<IOptions<TrackerOptions>>().Value.ListName);
        Assert.Equal("https://graph.microsoft.com/v1.0", run.GetRequiredService<IOptions<GraphOptions>>().Value.BaseUrl);
    }

    [Theory]
    [InlineData("Graph:BaseUrl", "not a url", "BaseUrl")]
    [InlineData("Tracker:SiteUrl", "contoso/sites/scp", "SiteUrl")]
    [InlineData("Graph:MaxRetries", "11", "MaxRetries")]
    public async Task AddSaferCity_BadGraphSetting_FailsAtStartNamingIt(string key, string value, string named)
    {
        await using var stack = await WithSettingsAsync(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => stack.Services());

        Assert.Contains(named, error.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5050/v1.0", true)]
    [InlineData("http://localhost:5050/v1.0", true)]
    [InlineData("http://[::1]:5050/v1.0", true)]
    [InlineData("https://127.0.0.1:5050/v1.0", false)]
    [InlineData("http://graph.example.com/v1.0", false)]
    [InlineData("https://graph.microsoft.com/v1.0", false)]
    public void IsEmulator_OnlyPlainHttpOnLoopback(string baseUrl, bool expected) =>
        Assert.Equal(expected, new GraphOptions { BaseUrl = baseUrl }.IsEmulator);

    [Theory]
    [InlineData("https://graph.microsoft.com/v1.0", "https://graph.microsoft.com/.default")]
    [InlineData("https://graph.microsoft.us/v1.0", "https://graph.microsoft.us/.default")]
    [InlineData("https://microsoftgraph.chinacloudapi.cn/v1.0", "https://microsoftgraph.chinacloudapi.cn/.default")]
    public void Scope_FollowsTheGraphHost(string baseUrl, string expected) =>
        Assert.Equal(expected, new GraphOptions { BaseUrl = baseUrl }.Scope());
}
