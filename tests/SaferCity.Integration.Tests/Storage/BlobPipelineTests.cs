using System.Collections.Concurrent;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>The real pipeline with its site and state in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobPipelineTests(AzuriteFixture azurite)
{
    /// <summary>As the CLI's --storage runs: site and state in Azurite (fresh containers), the sample files, emails to the outbox folder.</summary>
    private Task<TestStack> StartAsync(string? siteContainer = null) =>
        TestStack.StartAsync(TrackerFrom.SampleFiles, sendGrid: false, azurite.Azurite, siteContainer);

    [Fact]
    public async Task Run_SampleIntoWebContainer_PublishesWithHeadersAndSecondRunWritesNothing()
    {
        // "$web" itself (the one test that uses it): the container the static website serves.
        await using var stack = await StartAsync(siteContainer: "$web");
        var first = await stack.RunAsync(remind: false);
        var web = stack.Site;

        var index = (await web.GetBlobClient("index.html").GetPropertiesAsync()).Value;
        var json = (await web.GetBlobClient("dashboard.json").GetPropertiesAsync()).Value;
        Assert.Equal("text/html; charset=utf-8", index.ContentType);
        Assert.Equal("application/json; charset=utf-8", json.ContentType);
        Assert.False(string.IsNullOrEmpty(index.CacheControl));
        Assert.False(string.IsNullOrEmpty(json.CacheControl));
        Assert.Equal(64, index.Metadata["contenthash"].Length);
        var dashboard = DashboardJson.Deserialize(await ServedBytesAsync(web.GetBlobClient("dashboard.json")));
        Assert.Equal(42, dashboard!.Summary.Total);

        var before = await EtagsAsync(web);
        Assert.Equal(first.Published!.Written, before.Count);

        var second = await stack.RunAsync(remind: false); // a fresh composition: nothing remembered but the blobs

        // The inputs are as published (the fingerprint in published.json): nothing rendered, nothing uploaded.
        Assert.True(second.Unchanged);
        Assert.Null(second.Published);
        Assert.Equal(before, await EtagsAsync(web));
    }

    [Fact]
    public async Task Publish_LargeTextFiles_StoredGzippedAndServedRightToAGzipClient()
    {
        await using var stack = await StartAsync();
        await using var services = stack.Services();
        var publisher = services.GetRequiredService<ISitePublisher>();
        var big = string.Concat(Enumerable.Range(0, 2000).Select(i => $"{{\"id\":\"{i}\",\"text\":\"Action {i}\"}},"));
        var png = Enumerable.Range(0, 20_000).Select(i => (byte)(i * 7919 % 251)).ToArray();
        var files = new List<SiteFile>
        {
            File("dashboard.json", big, "application/json; charset=utf-8"),
            new("assets/preview.png", png, "image/png", "public, max-age=300"),
            File("index.html", "<p>small</p>", "text/html; charset=utf-8"),
        };

        var first = await publisher.PublishAsync(files, CancellationToken.None);

        var container = stack.Site;
        var json = container.GetBlobClient("dashboard.json");
        var properties = (await json.GetPropertiesAsync()).Value;
        Assert.Equal("gzip", properties.ContentEncoding);
        Assert.Equal("application/json; charset=utf-8", properties.ContentType);
        Assert.True(properties.ContentLength < big.Length / 4, $"stored {properties.ContentLength} bytes of {big.Length}");
        // The hash is of the bytes served, not the bytes stored.
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(big))),
            properties.Metadata["contenthash"]);
        Assert.Null((await container.GetBlobClient("index.html").GetPropertiesAsync()).Value.ContentEncoding); // small: plain
        Assert.Null((await container.GetBlobClient("assets/preview.png").GetPropertiesAsync()).Value.ContentEncoding); // not text

        // A browser's request: Accept-Encoding: gzip, decompressing what comes back.
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = System.Net.DecompressionMethods.GZip });
        using var request = new HttpRequestMessage(HttpMethod.Get,
            json.GenerateSasUri(Azure.Storage.Sas.BlobSasPermissions.Read, DateTimeOffset.UtcNow.AddMinutes(10)));
        request.Headers.AcceptEncoding.ParseAdd("gzip");
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        Assert.Equal(big, await response.Content.ReadAsStringAsync());
        Assert.Equal(png, await ServedBytesAsync(container.GetBlobClient("assets/preview.png")));

        var second = await publisher.PublishAsync(files, CancellationToken.None);
        Assert.Equal((3, 0), (first.Written, first.Unchanged));
        Assert.Equal((0, 3), (second.Written, second.Unchanged));
    }

    [Fact]
    public async Task Publish_LaterFileFails_EarlierFilesWrittenAndIndexHtmlUntouched()
    {
        await using var stack = await StartAsync();
        await stack.RunAsync(remind: false);
        var container = stack.Site;
        var oldIndex = await DownloadAsync(container, "index.html");
        var oldEtags = await EtagsAsync(container);

        // Someone else holds a lease on dashboard.json, so uploading it fails (412, lease id missing).
        var lease = container.GetBlobClient("dashboard.json").GetBlobLeaseClient();
        await lease.AcquireAsync(TimeSpan.FromSeconds(60));
        try
        {
            await using var services = stack.Services();
            var publisher = services.GetRequiredService<ISitePublisher>();
            var files = new List<SiteFile>
            {
                File("assets/new-first.css", "a{}", "text/css; charset=utf-8"),
                File("dashboard.json", "{\"changed\":true}", "application/json; charset=utf-8"),
                File("index.html", "<p>changed</p>", "text/html; charset=utf-8"),
            };

            var failure = await Assert.ThrowsAsync<PipelineException>(() => publisher.PublishAsync(files, CancellationToken.None));

            Assert.Contains("dashboard.json", failure.Message);
            Assert.DoesNotContain('\n', failure.Message);
            Assert.True(await container.GetBlobClient("assets/new-first.css").ExistsAsync()); // before the failure: written
            Assert.Equal(oldIndex, await DownloadAsync(container, "index.html"));              // after it: untouched
            Assert.Equal(oldEtags["index.html"], (await EtagsAsync(container))["index.html"]);
        }
        finally
        {
            await lease.ReleaseAsync();
        }
    }

    [Fact]
    public async Task Run_TwoPipelinesStartedTogether_OneRunsOneSkippedEachDigestOnce()
    {
        var sent = new ConcurrentQueue<string>();
        var firstDone = new TaskCompletionSource();
        var secondDone = new TaskCompletionSource();
        await using var stack = await StartAsync();

        // Two compositions, as two processes: whichever run takes the lock waits, while holding it, until the other
        // has finished, so the overlap is certain.
        var runs = new[]
        {
            Task.Run(async () =>
            {
                try { return await stack.RunAsync(replace: s => Wire(s, sent, secondDone.Task)); } finally { firstDone.SetResult(); }
            }),
            Task.Run(async () =>
            {
                try { return await stack.RunAsync(replace: s => Wire(s, sent, firstDone.Task)); } finally { secondDone.SetResult(); }
            }),
        };
        var outcomes = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Single(outcomes, o => o.Status == RunStatus.Skipped);
        var ran = Assert.Single(outcomes, o => o.Status == RunStatus.Completed);
        Assert.NotEmpty(ran.Reminders!.Sent);
        Assert.Equal(sent.Distinct().Count(), sent.Count);
        Assert.Equal(ran.Reminders.Sent.Count, sent.Count);
        Assert.Equal(sent.Count, Directory.GetFiles(Path.Combine(stack.Root, "out", "outbox"), "*.eml").Length);

        var ledger = await stack.LedgerAsync(UkClock.IsoWeek(TestStack.AsOf));
        Assert.Equal(ran.Reminders.Sent.Order(), ledger.Entries.Values.Where(e => e.State == DeliveryState.Sent).Select(e => e.Digest).Order());
    }

    private static void Wire(IServiceCollection services, ConcurrentQueue<string> sent, Task otherDone)
    {
        services.Decorate<IEmailSender>((inner, _) => new RecordingEmailSender(inner, sent));
        services.Decorate<ITrackerSource>((inner, _) => new InterceptingSource(inner, () => otherDone.WaitAsync(TimeSpan.FromMinutes(2))));
    }

    [Fact]
    public async Task Run_SecondPipelineSameWeek_ReadsHistoryAndLedgerFromBlobsAndSendsNothing()
    {
        await using var stack = await StartAsync();
        var one = await stack.RunAsync();
        Assert.True(one.HistoryWritten);
        Assert.NotEmpty(one.Reminders!.Sent);

        var two = await stack.RunAsync(TestStack.AsOf.AddDays(2)); // a fresh composition: what it knows came from the blobs

        Assert.Empty(two.Reminders!.Sent);
        Assert.Equal(one.Reminders.Sent.Order(), two.Reminders.AlreadySent.Order());
        // The first run's snapshot came back from the blob: it is the drift baseline (the only one).
        Assert.Equal(TestStack.AsOf, two.Report!.Drift.Baseline!.AsOf);
        Assert.Equal(one.Dashboard!.Summary, two.Dashboard!.Summary);
    }

    [Fact]
    public async Task Run_DryRunWithStorage_ReadsBlobStatePreviewsLocallyAndWritesNoBlob()
    {
        await using var stack = await StartAsync();
        await stack.RunAsync(remind: false);
        var siteBefore = await EtagsAsync(stack.Site);
        var stateBefore = await EtagsAsync(stack.State);

        stack.Settings["Local:DryRun"] = "true";
        await using var dry = stack.Services();
        var outcome = await dry.GetRequiredService<TrackerPipeline>()
            .RunAsync(new RunRequest(TestStack.AsOf.AddDays(7), DryRun: true), CancellationToken.None);

        Assert.Equal(TestStack.AsOf, outcome.Report!.Drift.Baseline!.AsOf); // history came from the blob
        var outDir = Path.Combine(stack.Root, "out");
        Assert.True(System.IO.File.Exists(Path.Combine(outDir, "preview", "site", "index.html")));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "preview", "outbox"), "*.eml"));
        Assert.False(Directory.Exists(Path.Combine(outDir, "site")));
        Assert.False(Directory.Exists(Path.Combine(outDir, "outbox")));
        Assert.Equal(siteBefore, await EtagsAsync(stack.Site));
        Assert.Equal(stateBefore, await EtagsAsync(stack.State));
    }

    [Fact]
    public async Task RefreshNowBody_FromRealRun_CarriesFiguresAndNoAddresses()
    {
        await using var stack = await StartAsync();
        var outcome = await stack.RunAsync(); // with reminders, so the report knows every lead's address

        var body = System.Text.Json.JsonSerializer.Serialize(SaferCity.Functions.RefreshNowBody.From(outcome),
            SaferCity.Functions.RefreshNowBody.Json);

        Assert.Contains("\"total\":42", body);
        Assert.Contains("\"filesWritten\":", body);
        Assert.DoesNotContain("@", body);
        Assert.DoesNotContain("actions", body);
    }

    internal static SiteFile File(string path, string text, string contentType) =>
        new(path, System.Text.Encoding.UTF8.GetBytes(text), contentType, "public, max-age=300");

    internal static async Task<string> DownloadAsync(BlobContainerClient container, string name) =>
        System.Text.Encoding.UTF8.GetString(await ServedBytesAsync(container.GetBlobClient(name)));

    /// <summary>The bytes a browser ends up with: the stored bytes, ungzipped when the blob is stored with Content-Encoding: gzip.</summary>
    public static async Task<byte[]> ServedBytesAsync(BlobClient blob)
    {
        var download = (await blob.DownloadContentAsync()).Value;
        var stored = download.Content.ToArray();
        if (download.Details.ContentEncoding != "gzip") return stored;
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(stored), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain);
        return plain.ToArray();
    }

    internal static async Task<Dictionary<string, ETag>> EtagsAsync(BlobContainerClient container)
    {
        var etags = new Dictionary<string, ETag>();
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions()))
            etags[item.Name] = item.Properties.ETag!.Value;
        return etags;
    }
}
