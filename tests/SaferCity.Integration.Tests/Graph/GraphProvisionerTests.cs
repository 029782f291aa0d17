using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Dashboard;
using SaferCity.Infrastructure.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>The CLI's provision command against the emulator: create the lists, import the sample, then run on them.</summary>
public sealed class GraphProvisionerTests
{
    [Fact]
    public async Task ProvisionAsync_ImportSampleThenRun_GivesTheSampleFigures()
    {
        await using var run = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        var emulator = run.Graph;

        var report = await ProvisionAsync(run, importSample: true);
        var outcome = await run.RunAsync();

        Assert.Equal(
        [
            "List 'SCP Progress Monitoring': created; 42 sample items imported.",
            "List 'SCP Leads': created; 10 sample items imported.",
        ], report);
        Assert.Equal(new DashboardSummary(42, 15, 27, 2, 6, 0, 7, 20, 2), outcome.Dashboard!.Summary);
        Assert.Equal(["2.5", "4.2"], outcome.Dashboard.Actions.Where(a => a.Overdue).Select(a => a.Id));
        // Month text became the month's last day in a Date column.
        var first = emulator.FindList(GraphEmulator.TrackerList)!.Items[0]["fields"]!;
        Assert.Equal("2016-12-31T00:00:00Z", first["DeliveryDeadline"]!.GetValue<string>());
    }

    [Fact]
    public async Task ProvisionAsync_SitesSelectedWriteOnly_RefusedNamingThePermissionNeeded()
    {
        await using var run = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        run.Graph.SitesSelectedWrite = true;

        var error = await Assert.ThrowsAsync<PipelineException>(() => ProvisionAsync(run, importSample: false));

        Assert.StartsWith("Graph: creating the list 'SCP Progress Monitoring' was refused (403): creating a list needs delegated Sites.Manage.All",
            error.Message);
        Assert.Null(run.Graph.FindList(GraphEmulator.TrackerList));
    }

    [Fact]
    public async Task ProvisionAsync_Twice_LeavesExistingListsAndItemsAlone()
    {
        await using var run = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        var emulator = run.Graph;
        await ProvisionAsync(run, importSample: true);
        var requestsAfterFirst = emulator.Requests.Count;

        var report = await ProvisionAsync(run, importSample: true);

        Assert.Equal(
        [
            "List 'SCP Progress Monitoring': exists, left as it is; it has items, so the sample was not imported.",
            "List 'SCP Leads': exists, left as it is; it has items, so the sample was not imported.",
        ], report);
        Assert.Equal(42, emulator.FindList(GraphEmulator.TrackerList)!.Items.Count);
        Assert.Equal(10, emulator.FindList(GraphEmulator.LeadsList)!.Items.Count);
        Assert.DoesNotContain(emulator.Requests.Skip(requestsAfterFirst), r => r.StartsWith("POST", StringComparison.Ordinal));
        Assert.Equal(42, (await run.RunAsync()).Dashboard!.Summary.Total);
    }

    [Fact]
    public async Task ProvisionAsync_NewTrackerList_HasTheColumnsTheParserReads()
    {
        await using var run = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        var emulator = run.Graph;

        var report = await ProvisionAsync(run, importSample: false);

        Assert.Equal(["List 'SCP Progress Monitoring': created.", "List 'SCP Leads': created."], report);
        var columns = emulator.FindList(GraphEmulator.TrackerList)!.Columns!.ToDictionary(c => c!["name"]!.GetValue<string>(), c => c!);
        Assert.Equal(["Theme", "KeyAction", "DeliveryDeadline", "LeadService", "RAG", "Comments", "Status", "HideFromDashboard"], columns.Keys);
        Assert.Equal("dateOnly", columns["DeliveryDeadline"]["dateTime"]!["format"]!.GetValue<string>());
        Assert.Equal(["G", "A", "R"], columns["RAG"]["choice"]!["choices"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(["Open", "Complete"], columns["Status"]["choice"]!["choices"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.True(columns["KeyAction"]["text"]!["allowMultipleLines"]!.GetValue<bool>());
        Assert.NotNull(columns["HideFromDashboard"]["boolean"]);
        var leadColumns = emulator.FindList(GraphEmulator.LeadsList)!.Columns!.Select(c => c!["name"]!.GetValue<string>());
        Assert.Equal(["Aliases", "Email"], leadColumns);
        Assert.Empty(emulator.FindList(GraphEmulator.TrackerList)!.Items);
    }

    /// <summary>The provision command: one composition of its own, as the CLI starts one per command.</summary>
    private static async Task<IReadOnlyList<string>> ProvisionAsync(TestStack run, bool importSample)
    {
        await using var services = run.Services();
        return await services.GetRequiredService<GraphProvisioner>().ProvisionAsync(importSample, CancellationToken.None);
    }
}
