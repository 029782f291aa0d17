using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using SaferCity.Core.Import;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;
using SaferCity.Infrastructure.Import;
using SaferCity.Integration.Tests.Import;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// Date-only deadlines on sites in any time zone: SharePoint stores each as the UTC instant of the site's local midnight,
/// so read, written by the form, imported and provisioned, each keeps its calendar day.
/// </summary>
public sealed class GraphSiteTimeZoneTests : IDisposable
{
    private const string RegionalSettings = "GET /sites/scp/_api/web/RegionalSettings/TimeZone";
    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    /// <summary>The sample as a list with a Date deadline column, each deadline stored as <paramref name="zone"/>'s midnight.</summary>
    internal static async Task<TestStack> SampleWithDateColumnAsync(GraphEmulator.RegionalZone zone)
    {
        var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        stack.Graph.SiteZone = zone;
        var columns = new TrackerColumns();
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).Select(item =>
        {
            var fields = (JsonObject)item["fields"]!;
            var day = DeadlineParser.Parse(fields[columns.DeliveryDeadline]?.GetValue<string>());
            fields[columns.DeliveryDeadline] = day is { } d ? Midnight(d, zone) : null;
            return item;
        }).ToList();
        stack.Graph.AddList(GraphEmulator.TrackerList, items, columns.All().Select(name =>
            name == columns.DeliveryDeadline ? GraphEmulator.DateColumn(name, "Delivery deadline") : GraphEmulator.Column(name)));
        stack.Graph.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));
        return stack;
    }

    // Worked out here without the product's code: the site's wall-clock midnight as UTC.
    private static string Midnight(DateOnly day, GraphEmulator.RegionalZone zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone.Zone)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static async Task<IReadOnlyList<(string Id, string? Deadline)>> FileRunDeadlinesAsync()
    {
        await using var files = await TestStack.StartAsync(TrackerFrom.SampleFiles, sendGrid: false);
        return [.. (await files.RunAsync()).Dashboard!.Actions.Select(a => (a.Id, a.Deadline))];
    }

    [Fact]
    public async Task Run_SydneySite_EveryDeadlineOnItsDayWithTheSampleFigures()
    {
        // 31 March on a Sydney site is 2017-03-30T13:00:00Z, which London time calls 30 March: a day early without the zone.
        await using var stack = await SampleWithDateColumnAsync(GraphEmulator.Sydney);

        var outcome = await stack.RunAsync();

        Assert.Equal(await FileRunDeadlinesAsync(), outcome.Dashboard!.Actions.Select(a => (a.Id, a.Deadline)));
        Assert.Equal(await TestStack.FileRunSummaryAsync(), outcome.Dashboard.Summary);
        Assert.Contains(RegionalSettings, stack.Graph.Requests);
        Assert.Empty(outcome.Report!.Tracker.SetupProblems);
    }

    [Fact]
    public async Task Run_ZoneSetInTheSettings_UsedWithoutAskingTheSite()
    {
        await using var stack = await SampleWithDateColumnAsync(GraphEmulator.Sydney);
        stack.Graph.SharePointApiUnauthorized = true;
        stack.Settings["Tracker:SiteTimeZone"] = "Australia/Sydney";

        var outcome = await stack.RunAsync();

        Assert.Equal(await FileRunDeadlinesAsync(), outcome.Dashboard!.Actions.Select(a => (a.Id, a.Deadline)));
        Assert.DoesNotContain(RegionalSettings, stack.Graph.Requests);
    }

    [Fact]
    public async Task Run_ZoneCannotBeRead_ReadAsLondonAndASetupProblemNamesTheSetting()
    {
        await using var stack = await SampleWithDateColumnAsync(GraphEmulator.London);
        stack.Graph.SharePointApiUnauthorized = true;

        var outcome = await stack.RunAsync();

        Assert.Equal(await FileRunDeadlinesAsync(), outcome.Dashboard!.Actions.Select(a => (a.Id, a.Deadline)));
        var problem = Assert.Single(outcome.Report!.Tracker.SetupProblems);
        Assert.StartsWith("The site's time zone could not be read from its regional settings (401 Unauthorized;", problem);
        Assert.Contains("set Tracker__SiteTimeZone", problem);
    }

    [Fact]
    public void Settings_SiteTimeZoneNotAZone_RefusedAtStart()
    {
        var options = new TrackerOptions { SiteTimeZone = "Europe/Londres" };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        Assert.False(System.ComponentModel.DataAnnotations.Validator.TryValidateObject(options, new(options), results, validateAllProperties: true));
        Assert.Equal("'Europe/Londres' is not a time zone: use an IANA name such as Europe/London.", Assert.Single(results).ErrorMessage);
    }

    [Fact]
    public async Task UpdateTarget_PacificSite_DeadlineStoredAsPacificMidnightAndReadBackOnItsDay()
    {
        // Written as 2017-04-30T00:00:00Z, a Pacific site would store 29 April 17:00 local, cut to 29 April.
        await using var stack = await SampleWithDateColumnAsync(GraphEmulator.Pacific);
        await using var services = stack.Services();
        var target = services.GetRequiredService<GraphUpdateTarget>();
        var before = (await target.ReadItemAsync("1", CancellationToken.None))!;

        var outcome = await target.WriteAsync("1", new Dictionary<string, string> { ["DeliveryDeadline"] = "2017-04-30" }, before.ETag!,
            CancellationToken.None);

        Assert.Equal(SaferCity.Core.Updates.WriteOutcome.Written, outcome);
        Assert.Equal("2017-04-30T07:00:00Z", stack.Graph.Item(GraphEmulator.TrackerList, "1")["fields"]!["DeliveryDeadline"]!.GetValue<string>());
        Assert.Equal("2017-04-30", (await target.ReadItemAsync("1", CancellationToken.None))!["DeliveryDeadline"]);
    }

    [Theory]
    [InlineData("Europe/London", "2016-12-31T00:00:00Z", "2017-03-30T23:00:00Z")] // GMT and BST
    [InlineData("America/Los_Angeles", "2016-12-31T08:00:00Z", "2017-03-31T07:00:00Z")]
    [InlineData("Australia/Sydney", "2016-12-30T13:00:00Z", "2017-03-30T13:00:00Z")]
    public async Task Import_SiteInAnyZone_DeadlinesKeepTheirDayAndASecondImportWritesNothing(string iana, string december, string march)
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        stack.Graph.SiteZone = new[] { GraphEmulator.London, GraphEmulator.Pacific, GraphEmulator.Sydney }.Single(z => z.Iana == iana);
        await using var services = stack.Services();
        await services.GetRequiredService<GraphProvisioner>().ProvisionAsync(importSample: false, CancellationToken.None);
        var path = files.Docx("seed.docx");

        await ImportAsync(services, path, []);
        var output = new List<string>();
        var again = await ImportAsync(services, path, output);

        var stored = stack.Graph.FindList(GraphEmulator.TrackerList)!.Items.ToDictionary(
            i => i["fields"]!["Title"]!.GetValue<string>(), i => i["fields"]!["DeliveryDeadline"]?.GetValue<string>());
        Assert.Equal(december, stored["2.5"]); // December 2016
        Assert.Contains(march, stored.Values); // March 2017, in summer time in London and Sydney
        Assert.False(again.Written);
        Assert.Contains("Plan: 0 to create, 0 to update, 42 unchanged, 0 in the list but not in the file.", output);
        Assert.Equal(await FileRunDeadlinesAsync(), (await stack.RunAsync()).Dashboard!.Actions.Select(a => (a.Id, a.Deadline)));
    }

    [Fact]
    public async Task Provision_ZoneCannotBeRead_RefusedInOneLineAndNoListMade()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        stack.Graph.SharePointApiUnauthorized = true;
        await using var services = stack.Services();

        var error = await Assert.ThrowsAsync<PipelineException>(() =>
            services.GetRequiredService<GraphProvisioner>().ProvisionAsync(importSample: true, CancellationToken.None));

        Assert.Contains("set Tracker__SiteTimeZone (e.g. Europe/London)", error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Null(stack.Graph.FindList(GraphEmulator.TrackerList));
    }

    private static Task<ImportOutcome> ImportAsync(ServiceProvider services, string path, List<string> output)
    {
        var columns = services.GetRequiredService<IOptions<TrackerColumns>>().Value;
        var target = new GraphImportTarget(services.GetRequiredService<GraphServiceClient>(),
            services.GetRequiredService<IOptions<TrackerOptions>>().Value, columns, services.GetRequiredService<IOptions<GraphOptions>>().Value,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<SiteTimeZone>());
        return new TrackerImporter(columns).ImportAsync(TrackerFile.Read(path), target, dryRun: false, output.Add, CancellationToken.None);
    }
}
