using System.Diagnostics;
using System.Globalization;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using SaferCity.Functions.HostTests.Host;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Functions.HostTests;

/// <summary>
/// The cold-start benchmark (docs/performance.md), not a test: the test runner never calls this entry point.
/// <c>dotnet bin/Release/net10.0/SaferCity.Functions.HostTests.dll coldstart 10 [appDirectory]</c> starts a fresh worker
/// process N times and prints, per run, process start → WorkerInitResponse and → end of the first RefreshDashboard.
/// </summary>
public static class ColdStart
{
    public static async Task<int> Main(string[] args)
    {
        if (args is not ["coldstart", var count, ..])
        {
            Console.Error.WriteLine("usage: coldstart N [appDirectory]   (the tests run through `dotnet test`)");
            return 2;
        }
        var appDirectory = args.Length > 2 ? Path.GetFullPath(args[2]) : HostedApp.AppDirectory;
        var monday = new DateTimeOffset(2017, 1, 16, 7, 5, 0, TimeSpan.Zero);
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        var init = new List<double>();
        var firstRun = new List<double>();
        try
        {
            for (var run = 0; run < int.Parse(count, CultureInfo.InvariantCulture); run++)
            {
                await using var app = await HostedApp.StartAsync(azurite, appDirectory);
                app.Graph.PageSize = 200; // the emulator's default: the sample in one page, as docs/performance.md measured it
                var watch = Stopwatch.StartNew();
                var host = await app.StartWorkerAsync(monday, load: false);
                var initResponse = await host.InitAsync();
                var toInit = watch.Elapsed.TotalMilliseconds;
                await host.LoadAsync(await host.MetadataAsync());
                var response = await app.FireTimerAsync("RefreshDashboard", monday);
                var toFirst = watch.Elapsed.TotalMilliseconds;
                if (initResponse.Result.Status != StatusResult.Types.Status.Success || response.Result.Status != StatusResult.Types.Status.Success)
                    throw new InvalidOperationException($"run {run + 1} failed: {response.Result.Exception?.Message}\n{host.LogText}");
                init.Add(toInit);
                firstRun.Add(toFirst);
                Console.WriteLine($"run {run + 1,2}: WorkerInitResponse {toInit,7:F0} ms, first RefreshDashboard done {toFirst,7:F0} ms");
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
        Console.WriteLine($"start → WorkerInitResponse:        {Summary(init)}");
        Console.WriteLine($"start → first RefreshDashboard done: {Summary(firstRun)}");
        return 0;
    }

    private static string Summary(List<double> ms)
    {
        var sorted = ms.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        return $"min {sorted[0]:F0} ms, median {median:F0} ms, max {sorted[^1]:F0} ms (n = {sorted.Count})";
    }
}
