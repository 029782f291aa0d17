using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>Which source the composition picks, and the Graph settings' rules.</summary>
public sealed class GraphCompositionTests
{
    [Fact]
    public void AddSaferCity_SiteUrlSet_ReadsThroughGraph()
    {
        using var run = PipelineHarness.Create(new Dictionary<string, string?> { ["Tracker:SiteUrl"] = "https://contoso.sharepoint.com/sites/scp" });

        Assert.IsType<GraphTrackerSource>(run.Services.GetRequiredService<ITrackerSource>());
    }

    [Fact]
    public void AddSaferCity_SiteUrlAndTrackerFile_TheFileWins()
    {
        using var run = PipelineHarness.Create(new Dictionary<string, string?>
        {
            ["Tracker:SiteUrl"] = "https://contoso.sharepoint.com/sites/scp",
            ["Local:TrackerFile"] = SampleFiles.Tracker,
        });

        Assert.IsType<FileTrackerSource>(run.Services.GetRequiredService<ITrackerSource>());
    }

    [Fact]
    public void AddSaferCity_NoSiteUrl_ReadsTheSample()
    {
        using var run = PipelineHarness.Create(new Dictionary<string, string?>());

        Assert.IsType<FileTrackerSource>(run.Services.GetRequiredService<ITrackerSource>());
        Assert.Equal("SCP Progress Monitoring", run.Services.GetRequiredService<IOptions<TrackerOptions>>().Value.ListName);
        Assert.Equal("https://graph.microsoft.com/v1.0", run.Services.GetRequiredService<IOptions<GraphOptions>>().Value.BaseUrl);
    }

    [Theory]
    [InlineData("Graph:BaseUrl", "not a url", "BaseUrl")]
    [InlineData("Tracker:SiteUrl", "contoso/sites/scp", "SiteUrl")]
    [InlineData("Graph:MaxRetries", "11", "MaxRetries")]
    public void AddSaferCity_BadGraphSetting_FailsAtStartNamingIt(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => PipelineHarness.Create(new Dictionary<string, string?> { [key] = value }));

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
