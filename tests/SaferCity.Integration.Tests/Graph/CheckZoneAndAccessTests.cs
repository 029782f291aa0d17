using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// <c>check</c> on the site's time zone and on what the signed-in identity may do, both read from SharePoint's own REST API;
/// still nothing but GET requests.
/// </summary>
public sealed class CheckZoneAndAccessTests
{
    [Fact]
    public async Task Check_SydneySite_ShowsTheZoneItWasReadFromAndExits0()
    {
        await using var stack = await GraphSiteTimeZoneTests.SampleWithDateColumnAsync(GraphEmulator.Sydney);

        var result = await stack.RunCliAsync("check");

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("Time zone: Australia/Sydney, from (UTC+10:00) Canberra, Melbourne, Sydney (SharePoint id 76, the site's regional settings)",
            result.StdOut, StringComparison.Ordinal);
        Assert.Contains("  deadline  DeliveryDeadline (\"Delivery deadline\"), Date", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(stack.Graph.Requests, r => !r.StartsWith("GET ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_ZoneUnreadableAndADateColumn_Exits2NamingTheSettingAndWriteAccessNotKnown()
    {
        await using var stack = await GraphSiteTimeZoneTests.SampleWithDateColumnAsync(GraphEmulator.London);
        stack.Graph.SharePointApiUnauthorized = true;

        var result = await stack.RunCliAsync("check");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Write access: not known (401 Unauthorized; reading it needs a token for SharePoint itself).", result.StdOut,
            StringComparison.Ordinal);
        Assert.Contains("A run will not work: The site's time zone could not be read", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("set Tracker__SiteTimeZone", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_ZoneSetInTheSettings_Exits0WithoutTheRegionalSettings()
    {
        await using var stack = await GraphSiteTimeZoneTests.SampleWithDateColumnAsync(GraphEmulator.London);
        stack.Graph.SharePointApiUnauthorized = true;
        stack.Settings["Tracker:SiteTimeZone"] = "Europe/London";

        var result = await stack.RunCliAsync("check");

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        Assert.Contains("Time zone: Europe/London, from Europe/London (set by Tracker__SiteTimeZone)", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, false, "edit items yes (the update form), add items yes (import), create lists yes (provision).")]
    [InlineData(true, false, "edit items yes (the update form), add items yes (import), create lists no (provision).")]
    [InlineData(false, true, "edit items no (the update form), add items no (import), create lists no (provision).")]
    public async Task Check_Permissions_ReportsWhatTheIdentityMayDo(bool sitesSelectedWrite, bool readOnly, string expected)
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);
        stack.Graph.SitesSelectedWrite = sitesSelectedWrite;
        stack.Graph.ReadOnlyAccess = readOnly;

        var result = await stack.RunCliAsync("check");

        Assert.Equal(0, result.ExitCode); // a run only reads
        Assert.Contains($"Write access (as signed in): {expected}", result.StdOut, StringComparison.Ordinal);
        Assert.True(result.StdOut.Split('\n').Length <= 24, "one screen");
    }
}
