using System.Text.Json.Nodes;
using SaferCity.Core.Local;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>The Graph source on its own: what it asks Graph for, and what it makes of the answers.</summary>
public sealed class GraphTrackerSourceTests
{
    private static GraphTrackerSource Source(GraphEmulator emulator, TrackerColumns? columns = null) => new(
        GraphClients.Create(new GraphOptions { BaseUrl = emulator.BaseUrl, RetryDelaySeconds = 0 }, TimeProvider.System, "Test"),
        new TrackerOptions { SiteUrl = GraphEmulator.SiteUrl },
        columns ?? new TrackerColumns(),
        new LeadColumns(),
        SiteTimeZone.London);

    [Fact]
    public async Task ReadAsync_HideColumnFoundOnlyByItsDisplayName_AskedForAndHandedOnUnderTheConfiguredName()
    {
        await using var emulator = await GraphEmulator.StartAsync(withSample: false);
        var items = GraphEmulator.RecordedItems(SampleFiles.Tracker).ToList();
        ((JsonObject)items.Single(i => i["fields"]?["Title"]?.ToString() == "2.5")["fields"]!)["field_9"] = true;
        emulator.AddList(GraphEmulator.TrackerList, items,
            new TrackerColumns().All().Where(c => c != "HideFromDashboard").Append("field_9"),
            new Dictionary<string, string> { ["field_9"] = "Hide from dashboard" });
        emulator.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));

        var lists = await Source(emulator).ReadAsync(CancellationToken.None);

        Assert.Contains(emulator.Requests, r => r.Contains("/items?$expand=fields(select=", StringComparison.Ordinal)
            && r.Contains(",field_9)", StringComparison.Ordinal));
        Assert.Equal(true, lists.Tracker.Single(i => Equals(i["Title"], "2.5"))["HideFromDashboard"]);
        Assert.Empty(lists.SetupProblems);
        Assert.True(new TrackerParser().Parse(lists).Actions.Single(a => a.Number == "2.5").Hidden);
    }

    [Theory]
    [InlineData(10, 5, 1)]
    [InlineData(7, 6, 2)]
    [InlineData(200, 1, 1)]
    public async Task ReadAsync_Sample_MakesOneSiteLookupOneLookupPerListAndOneRequestPerPage(int pageSize, int trackerPages, int leadsPages)
    {
        await using var emulator = await GraphEmulator.StartAsync();
        emulator.PageSize = pageSize;

        var lists = await Source(emulator).ReadAsync(CancellationToken.None);

        Assert.Equal(42, lists.Tracker.Count);
        Assert.Equal(10, lists.Leads.Count);
        Assert.Equal(trackerPages, (int)Math.Ceiling(42.0 / pageSize));
        Assert.Equal(leadsPages, (int)Math.Ceiling(10.0 / pageSize));
        Assert.Equal(1 + 2 + 2 + trackerPages + leadsPages, emulator.Requests.Count);
        Assert.Equal($"GET /v1.0/sites/contoso.sharepoint.com:/sites/scp", emulator.Requests[0]);
        Assert.Equal($"GET /v1.0/sites/{GraphEmulator.SiteId}/lists?$filter=displayName eq 'SCP Progress Monitoring'&$select=id,displayName",
            emulator.Requests[1]);
        Assert.Equal($"GET /v1.0/sites/{GraphEmulator.SiteId}/lists?$filter=displayName eq 'SCP Leads'&$select=id,displayName", emulator.Requests[2]);
        Assert.Equal($"GET /v1.0/sites/{GraphEmulator.SiteId}/lists/list-1/columns" +
            "?$select=name,displayName,readOnly,hidden,text,choice,dateTime,boolean,number,personOrGroup,lookup,calculated",
            emulator.Requests[3]); // once per run
        Assert.Single(emulator.Requests, r => r.Contains("/list-2/columns?", StringComparison.Ordinal));
        Assert.Equal(["1", "2", "3"], lists.Tracker.Take(3).Select(i => i.Id)); // pages joined in order
    }

    [Fact]
    public async Task ReadAsync_AnyList_RequestsTheLargestPageAndOnlyTheMappedColumns()
    {
        await using var emulator = await GraphEmulator.StartAsync();
        var columns = new TrackerColumns();

        var lists = await Source(emulator, columns).ReadAsync(CancellationToken.None);

        var items = emulator.Requests.Where(r => r.Contains("/items", StringComparison.Ordinal)).ToList();
        Assert.Equal(
        [
            $"GET /v1.0/sites/{GraphEmulator.SiteId}/lists/list-1/items" +
                "?$expand=fields(select=Title,Theme,KeyAction,DeliveryDeadline,LeadService,RAG,Comments,Status,HideFromDashboard)" +
                "&$select=id,lastModifiedDateTime,webUrl&$top=5000",
            $"GET /v1.0/sites/{GraphEmulator.SiteId}/lists/list-2/items" +
                "?$expand=fields(select=Title,Aliases,Email)&$select=id,lastModifiedDateTime,webUrl&$top=5000",
        ], items);
        // The emulator projects like Graph: nothing unmapped comes back (the recording also has "@odata.etag").
        // for the digest's SharePoint link
        Assert.All(lists.Tracker, i => Assert.StartsWith("https://contoso.sharepoint.com/sites/scp/Lists/", i.WebUrl));
        Assert.All(lists.Tracker, i => Assert.Subset(columns.All().ToHashSet(StringComparer.OrdinalIgnoreCase), i.Fields.Keys.ToHashSet()));
        Assert.Contains(lists.Tracker, i => i.Fields.ContainsKey("Comments"));
    }

    [Fact]
    public async Task ReadAsync_SharePointValueShapes_ParseExactlyAsTheFileSourceDoes()
    {
        // A Date column (UK midnight in summer is 23:00Z the day before), a multi-choice lead column,
        // a number where text was expected, a yes/no column and a rich-text comment.
        var items = new JsonArray(
            Item("1", new JsonObject
            {
                ["Title"] = "1.1", ["Theme"] = "1. Violence", ["KeyAction"] = "Do the thing",
                ["DeliveryDeadline"] = "2016-09-29T23:00:00Z",
                ["LeadService"] = new JsonArray("Community Safety Team", "City of London Police"),
                ["RAG"] = "Amber", ["Comments"] = "<div class=\"ExternalClass1\"><p>On track</p></div>", ["HideFromDashboard"] = true,
            }),
            Item("2", new JsonObject
            {
                ["Title"] = 2.5, ["Theme"] = "2. Night time", ["KeyAction"] = "Another", ["DeliveryDeadline"] = "2016-12-31T00:00:00Z",
                ["LeadService"] = "CST; CoLP", ["RAG"] = "g", ["Comments"] = "Complete: signed off",
            }));
        await using var emulator = await GraphEmulator.StartAsync(withSample: false);
        emulator.AddList(GraphEmulator.TrackerList, items.Select(i => i!.AsObject()));
        emulator.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));
        var folder = Directory.CreateTempSubdirectory("safercity-shapes-").FullName;
        var trackerFile = Path.Combine(folder, "tracker.json");
        await File.WriteAllTextAsync(trackerFile, new JsonObject { ["value"] = items.DeepClone() }.ToJsonString());

        try
        {
            var fromGraph = await Source(emulator).ReadAsync(CancellationToken.None);
            var fromFile = await new FileTrackerSource(trackerFile, SampleFiles.Leads).ReadAsync(CancellationToken.None);

            var parser = new TrackerParser();
            var graphActions = parser.Parse(fromGraph).Actions;
            Assert.Equal(Describe(parser.Parse(fromFile).Actions), Describe(graphActions));
            Assert.Equal(new DateOnly(2016, 9, 30), graphActions[0].Deadline);
            Assert.Equal(["Community Safety Team", "City of London Police"], graphActions[0].Leads);
            Assert.True(graphActions[0].Hidden);
            Assert.Equal("On track", graphActions[0].Comments);
            Assert.Equal("2.5", graphActions[1].Number);
            Assert.Equal(new DateOnly(2016, 12, 31), graphActions[1].Deadline);
            Assert.Equal(Rag.Green, graphActions[1].Rag);
            Assert.True(graphActions[1].Complete);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ReadAsync_ListMissing_SetUpProblemNamingTheList()
    {
        await using var emulator = await GraphEmulator.StartAsync(withSample: false);
        emulator.AddList(GraphEmulator.TrackerList, GraphEmulator.RecordedItems(SampleFiles.Tracker));

        var error = await Assert.ThrowsAsync<SetupException>(() => Source(emulator).ReadAsync(CancellationToken.None));

        Assert.Equal(
            $"Graph: the site {GraphEmulator.SiteUrl} has no list named 'SCP Leads' (check Tracker__ListName and Tracker__LeadsListName).",
            error.Message);
    }

    [Fact]
    public async Task ReadAsync_SiteUnknown_ThrowsNamingTheSite()
    {
        await using var emulator = await GraphEmulator.StartAsync();
        var source = new GraphTrackerSource(GraphClients.Create(new GraphOptions { BaseUrl = emulator.BaseUrl }, TimeProvider.System, "Test"),
            new TrackerOptions { SiteUrl = "https://contoso.sharepoint.com/sites/other" }, new TrackerColumns(), new LeadColumns(),
            SiteTimeZone.London);

        var error = await Assert.ThrowsAsync<PipelineException>(() => source.ReadAsync(CancellationToken.None));

        Assert.Equal("Graph: finding the site https://contoso.sharepoint.com/sites/other failed: 404 Not Found: Requested site could not be found",
            error.Message);
    }

    [Fact]
    public async Task ReadAsync_NothingListening_ThrowsCannotReachGraph()
    {
        var emulator = await GraphEmulator.StartAsync();
        var source = Source(emulator);
        await emulator.DisposeAsync(); // the port is closed now

        var error = await Assert.ThrowsAsync<PipelineException>(() => source.ReadAsync(CancellationToken.None));

        Assert.StartsWith($"Graph: finding the site {GraphEmulator.SiteUrl} failed: cannot reach Graph:", error.Message);
    }

    private static JsonObject Item(string id, JsonObject fields) =>
        new() { ["id"] = id, ["lastModifiedDateTime"] = "2017-01-13T16:30:00Z", ["fields"] = fields };

    private static string Describe(IEnumerable<TrackerAction> actions) => string.Join("\n", actions.Select(a =>
        $"{a.ItemId}|{a.Number}|{a.Theme}|{a.Text}|{a.Deadline}|{string.Join(";", a.LeadNames)}|{string.Join(";", a.Leads)}|" +
            $"{a.Rag}|{a.Complete}|{a.Comments}|{a.Hidden}|{a.LastModified:o}"));
}
