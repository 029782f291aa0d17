using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using SaferCity.Core.Import;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;
using SaferCity.Infrastructure.Import;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary>The import into a SharePoint list, through the real Graph SDK against the emulator.</summary>
public sealed class GraphImportTests : IAsyncLifetime, IDisposable
{
    private readonly ImportFiles files = new();
    private TestStack stack = null!;
    private GraphEmulator emulator = null!;
    private ServiceProvider services = null!;
    private readonly List<string> output = [];

    public async Task InitializeAsync()
    {
        stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        emulator = stack.Graph;
        services = stack.Services();
        // Empty lists with the product's columns, as an administrator makes them with `provision`.
        await services.GetRequiredService<GraphProvisioner>().ProvisionAsync(importSample: false, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await services.DisposeAsync();
        await stack.DisposeAsync();
    }

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task ImportAsync_FirstTime_Creates42ItemsInAtMostThreeBatchesAndRunsToTheSampleFigures()
    {
        var outcome = await ImportAsync(files.Docx("seed.docx"));

        Assert.True(outcome.Written);
        Assert.Equal(42, emulator.FindList(GraphEmulator.TrackerList)!.Items.Count);
        Assert.InRange(emulator.BatchRequestCount, 1, 3);
        Assert.Equal(42, emulator.Writes.Count(w => w.Method == "POST"));
        Assert.Equal(42, emulator.BatchStepCount); // every item was created inside a batch, none by a request of its own
        Assert.Contains("Plan: 42 to create, 0 to update, 0 unchanged, 0 in the list but not in the file.", output);
        Assert.Contains("  To fix (a run will flag it): 1.3: lead missing", output);
        // The list has a Date column: it got the month's last day, which reads back as the same deadline.
        var first = emulator.FindList(GraphEmulator.TrackerList)!.Items[0]["fields"]!;
        Assert.Equal("2016-12-31T00:00:00Z", first["DeliveryDeadline"]!.GetValue<string>());
        Assert.Equal(await TestStack.FileRunSummaryAsync(), (await stack.RunAsync()).Dashboard!.Summary);
    }

    [Fact]
    public async Task ImportAsync_SameFileAgain_MakesNoWriteRequest()
    {
        var path = files.Docx("seed.docx");
        await ImportAsync(path);
        var before = emulator.Requests.Count;
        output.Clear();

        var outcome = await ImportAsync(path);

        Assert.False(outcome.Written);
        Assert.Contains("Plan: 0 to create, 0 to update, 42 unchanged, 0 in the list but not in the file.", output);
        Assert.All(emulator.Requests.Skip(before), r => Assert.StartsWith("GET ", r));
    }

    [Fact]
    public async Task ImportAsync_OneCellEdited_SendsExactlyOnePatchWithOneField()
    {
        await ImportAsync(files.Docx("seed.docx"));
        var writesBefore = emulator.Writes.Count;
        var edited = ImportFiles.SeedWith("2.5", r => r with { Comments = "ARC not established; EDARA project instead." });
        output.Clear();

        await ImportAsync(files.Docx("edited.docx", edited));

        var write = Assert.Single(emulator.Writes.Skip(writesBefore));
        Assert.Equal("PATCH", write.Method);
        Assert.Equal(["Comments"], write.Body.Select(f => f.Key));
        Assert.Contains("Plan: 0 to create, 1 to update, 41 unchanged, 0 in the list but not in the file.", output);
        Assert.Contains(output, l => l.StartsWith("  Update 2.5: Comments \"ARC was not established", StringComparison.Ordinal)
            && l.EndsWith("→ \"ARC not established; EDARA project instead.\"", StringComparison.Ordinal));
        var item = emulator.FindList(GraphEmulator.TrackerList)!.Items.Single(i => i["fields"]!["Title"]!.GetValue<string>() == "2.5");
        Assert.Equal("ARC not established; EDARA project instead.", item["fields"]!["Comments"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportAsync_CellBlankedInTheFile_ClearsThatFieldInTheList()
    {
        await ImportAsync(files.Docx("seed.docx"));
        var writesBefore = emulator.Writes.Count;

        await ImportAsync(files.Docx("blanked.docx", ImportFiles.SeedWith("1.1", r => r with { Lead = "" })));

        var write = Assert.Single(emulator.Writes.Skip(writesBefore));
        Assert.Equal("{\"LeadService\":null}", write.Body.ToJsonString());
        var item = emulator.FindList(GraphEmulator.TrackerList)!.Items.Single(i => i["fields"]!["Title"]!.GetValue<string>() == "1.1");
        Assert.Null(item["fields"]!["LeadService"]);
    }

    [Fact]
    public async Task ImportAsync_ActionRemovedFromFile_IsReportedAndLeftInTheList()
    {
        await ImportAsync(files.Docx("seed.docx"));
        output.Clear();

        await ImportAsync(files.Docx("shorter.docx", [.. ImportFiles.Seed.Where(r => r.Number != "6.6")]));

        Assert.Contains("Plan: 0 to create, 0 to update, 41 unchanged, 1 in the list but not in the file.", output);
        Assert.Contains("  Not in the file, left alone in the list: 6.6", output);
        Assert.Equal(42, emulator.FindList(GraphEmulator.TrackerList)!.Items.Count);
    }

    [Fact]
    public async Task ImportAsync_DryRun_PrintsThePlanAndWritesNothing()
    {
        var outcome = await ImportAsync(files.Docx("seed.docx"), dryRun: true);

        Assert.False(outcome.Written);
        Assert.Equal(42, outcome.Plan.Creates.Count);
        Assert.Equal(0, emulator.BatchRequestCount);
        Assert.Empty(emulator.FindList(GraphEmulator.TrackerList)!.Items);
    }

    [Fact]
    public async Task ImportAsync_GraphFailsMidImport_ReportsWrittenRowsAndARerunFinishes()
    {
        var path = files.Docx("seed.docx");
        emulator.FailBatchesFrom(2, HttpStatusCode.ServiceUnavailable); // every batch after the first, retries included

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(path));

        Assert.Equal(20, failure.Written.Count);
        Assert.Equal("1.1", failure.Written[0]);
        Assert.Equal(22, failure.NotWritten.Count);
        Assert.Contains("503", failure.Message);
        Assert.Contains("Run the same import again to finish", failure.Message);
        Assert.Equal(20, emulator.FindList(GraphEmulator.TrackerList)!.Items.Count);

        emulator.FailBatchesFrom(int.MaxValue, HttpStatusCode.OK, 0);
        output.Clear();
        await ImportAsync(path);

        Assert.Contains("Plan: 22 to create, 0 to update, 20 unchanged, 0 in the list but not in the file.", output);
        var numbers = emulator.FindList(GraphEmulator.TrackerList)!.Items.Select(i => i["fields"]!["Title"]!.GetValue<string>()).ToList();
        Assert.Equal(42, numbers.Distinct().Count());
        Assert.Equal(42, numbers.Count);
    }

    [Fact]
    public async Task ImportAsync_WritesThrottledInsideABatch_AreSentAgain()
    {
        emulator.ThrottleWrites(3);

        await ImportAsync(files.Docx("seed.docx"));

        Assert.Equal(42, emulator.FindList(GraphEmulator.TrackerList)!.Items.Count);
        Assert.Equal(4, emulator.BatchRequestCount); // three batches and one with the three throttled writes
    }

    [Fact]
    public async Task ImportAsync_CreatesAppliedButAnswered504_ListReReadAndEachActionMadeOnce()
    {
        emulator.ApplyThenFail(2); // SharePoint made the items, but the answers were lost

        var outcome = await ImportAsync(files.Docx("seed.docx"));

        Assert.True(outcome.Written);
        var numbers = emulator.FindList(GraphEmulator.TrackerList)!.Items.Select(i => i["fields"]!["Title"]!.GetValue<string>()).ToList();
        Assert.Equal(42, numbers.Count);
        Assert.Equal(42, numbers.Distinct().Count());
        Assert.Equal(42, emulator.Writes.Count(w => w.Method == "POST")); // none sent twice
        Assert.Contains(emulator.Requests, r => r.Contains("/items?$expand=fields(select=Title)", StringComparison.Ordinal)); // the re-read
    }

    [Fact]
    public async Task ImportAsync_BatchAnswered504AfterApplying_ReportsTheAppliedRowsAsWritten()
    {
        emulator.ApplyThenFail(20, HttpStatusCode.InternalServerError);
        emulator.FailBatchesFrom(2, HttpStatusCode.GatewayTimeout);

        var failure = await Assert.ThrowsAsync<ImportFailedException>(() => ImportAsync(files.Docx("seed.docx")));

        Assert.Equal(20, emulator.FindList(GraphEmulator.TrackerList)!.Items.Count);
        Assert.Equal(20, failure.Written.Count); // confirmed by re-reading the list, not taken from the 500s
        Assert.Equal(22, failure.NotWritten.Count);
    }

    [Fact]
    public async Task Import_CliIntoTheSharePointList_CreatesEveryActionAndPrintsThePlanAndNoLog()
    {
        var result = await stack.RunCliAsync("import", files.Docx("seed.docx"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal("", result.StdErr);
        Assert.Contains("Plan: 42 to create, 0 to update, 0 unchanged, 0 in the list but not in the file.", result.StdOut);
        Assert.DoesNotContain("info:", result.StdOut); // the log is for --verbose, as for every command
        Assert.Equal(42, emulator.FindList(GraphEmulator.TrackerList)!.Items.Count);
    }

    private Task<ImportOutcome> ImportAsync(string path, bool dryRun = false)
    {
        var columns = services.GetRequiredService<IOptions<TrackerColumns>>().Value;
        var target = new GraphImportTarget(services.GetRequiredService<GraphServiceClient>(),
            services.GetRequiredService<IOptions<TrackerOptions>>().Value, columns,
            services.GetRequiredService<IOptions<GraphOptions>>().Value, services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<SiteTimeZone>());
        return new TrackerImporter(columns).ImportAsync(TrackerFile.Read(path), target, dryRun, output.Add, CancellationToken.None);
    }
}
