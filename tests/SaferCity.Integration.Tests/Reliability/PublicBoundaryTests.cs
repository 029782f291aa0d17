using System.Net;
using AngleSharp.Html.Parser;
using SaferCity.Core.Pipeline;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// What crosses to the public side: everything published (every file of a folder run, every blob of "$web") holds
/// no email address and nothing hidden; the page forbids what it does not need (CSP); secrets never reach a log line
/// or an error message, on the paths that fail too. That the page makes no third-party request is proven in a real
/// browser by SaferCity.Dashboard.Tests (DashboardBrowserTests.Requests_NeverLeaveThePagesOrigin).
/// </summary>
[Collection(StoppableAzuriteCollection.Name)]
public sealed class PublicBoundaryTests(StoppableAzuriteFixture fixture) : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("safercity-boundary-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task Publish_SampleAndHostileRunsToFolders_NoEmailAddressOrHiddenItemInAnyFile()
    {
        await using var sample = await TestStack.StartAsync(TrackerFrom.SampleFiles, sendGrid: false);
        await sample.RunAsync();
        var (_, hostile, _) = await HostileInputTests.RunCorpusAsync(dir);
        await using var _ = hostile;

        var sampleScanner = PrivacyScanner.ForInputs([SampleFiles.Tracker, SampleFiles.Leads]);
        foreach (var (run, scanner) in new[] { (sample, sampleScanner), (hostile, HostileInputTests.Scanner(dir)) })
        {
            var site = PublishedFiles.FromFolder(Path.Combine(run.Root, "out", "site"));
            PublishedFiles.AssertNothingPrivate(site, scanner);
            PublishedFiles.AssertInertPage(site["index.html"], "assets/site.js");
            PublishedFiles.AssertInertPage(site["committee.html"], "assets/committee.js");
        }
        // The sample's leads list is full of addresses: they reached the digests, not the site.
        Assert.Contains(Directory.GetFiles(Path.Combine(sample.Root, "out", "outbox")), f => File.ReadAllText(f).Contains("@example.gov.uk"));
    }

    [Fact]
    public async Task Publish_FullStackIntoWebContainer_NoEmailAddressOrHiddenItemInAnyBlob()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite, siteContainer: "$web");
        await stack.RunAsync(new DateOnly(2017, 1, 16)); // the sample, read through Graph
        PublishedFiles.AssertNothingPrivate(await stack.SiteAsync(),
            PrivacyScanner.ForInputs([SampleFiles.Tracker, SampleFiles.Leads], TestStack.Coordinator));

        // The hostile corpus as a tracker file of its own stack (another tracker's state would show no drift): first the
        // sample's actions in that file, then the corpus, so the feed has an entry (sample actions removed, hostile ones
        // added) for the scanner to read.
        await using var files = await TestStack.StartAsync(azurite: fixture.Azurite, siteContainer: "$web");
        var (tracker, _) = HostileInputTests.WriteCorpus(dir);
        var corpus = await File.ReadAllBytesAsync(tracker);
        File.Copy(SampleFiles.Tracker, tracker, overwrite: true);
        files.Settings["Local:TrackerFile"] = tracker; // files win over the SharePoint site
        files.Settings["Local:LeadsFile"] = HostileInputTests.CorpusFile("hostile-leads.json");
        Assert.Equal(RunStatus.Completed, (await files.RunAsync(new DateOnly(2017, 1, 16))).Status);
        await File.WriteAllBytesAsync(tracker, corpus);
        var hostile = await files.RunAsync(HostileInputTests.AsOf);

        Assert.Equal(RunStatus.Completed, hostile.Status);
        var web = await files.SiteAsync();
        Assert.Equal(11, web.Count);
        // Two runs: the feed has an entry (sample actions removed, hostile ones added) for the scanner to read.
        Assert.Contains("<entry>", System.Text.Encoding.UTF8.GetString(web["feed.xml"]));
        PublishedFiles.AssertNothingPrivate(web, HostileInputTests.Scanner(dir));
        PublishedFiles.AssertInertPage(web["index.html"], "assets/site.js");
        PublishedFiles.AssertInertPage(web["committee.html"], "assets/committee.js");
        PublishedFiles.AssertCsvDefused(web["actions.csv"]);
    }

    [Fact]
    public async Task Page_ContentSecurityPolicy_StrictNoInlineNoOtherOrigins()
    {
        await using var sample = await TestStack.StartAsync(TrackerFrom.SampleFiles, sendGrid: false);
        await sample.RunAsync();
        var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(sample.Root, "out", "site", "index.html")));

        var policy = Assert.Single(page.QuerySelectorAll("meta[http-equiv='Content-Security-Policy']")).GetAttribute("content")!;
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(d => d[0], d => d[1..]);

        Assert.Equal(["'none'"], directives["default-src"]);
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'none'"], directives["base-uri"]);
        Assert.DoesNotContain("unsafe-inline", policy);
        Assert.DoesNotContain("unsafe-eval", policy);
        Assert.DoesNotContain("http:", policy);
        Assert.DoesNotContain("https:", policy);
        Assert.DoesNotContain("*", policy);
        Assert.Empty(page.QuerySelectorAll("[style]"));
    }

    /// <summary>
    /// The SendGrid key and the storage account key, on a good run and on three failing paths: SendGrid answering 401
    /// with the key echoed in its error, storage unreachable, Graph failing. Neither appears in any log line (with its
    /// exception), in any outcome or exception message, or in the stored state.
    /// </summary>
    [Fact]
    public async Task Logs_GoodAndFailingRuns_NeverContainTheSendGridOrStorageKey()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        string[] secrets = [TestStack.ApiKey, AzuriteInstance.AccountKey];
        var messages = new List<string>();
        stack.SendGrid.Script = r => r.DigestId.EndsWith("/housing", StringComparison.Ordinal)
            ? new Reply(401, new Dictionary<string, string>(),
                $$"""{"errors":[{"message":"The provided authorization grant is invalid: {{TestStack.ApiKey}}"}]}""")
            : null;

        var unauthorised = await stack.RunAsync(new DateOnly(2017, 1, 16));
        Assert.Equal(RunStatus.CompletedWithFailures, unauthorised.Status);
        Assert.Contains("housing: SendGrid answered 401", unauthorised.Message);
        messages.Add(unauthorised.Message);

        await fixture.Azurite.StopAsync();
        try
        {
            var storage = await stack.FailingRunAsync(new DateOnly(2017, 1, 17));
            Assert.StartsWith("Blob storage: ", storage.Message);
            messages.Add(storage.ToString());
        }
        finally
        {
            await fixture.Azurite.StartAsync();
        }

        stack.Graph.FailPage(GraphEmulator.TrackerList, 1, HttpStatusCode.Unauthorized);
        var graph = await stack.FailingRunAsync(new DateOnly(2017, 1, 18));
        messages.Add(graph.ToString());

        Assert.Contains(stack.Logs.Lines, l => l.Contains("housing", StringComparison.Ordinal) && l.Contains("401", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(stack.Logs.Lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain((await stack.StateAsync()).Values,
                d => System.Text.Encoding.UTF8.GetString(d).Contains(secret, StringComparison.Ordinal));
        }
    }
}
