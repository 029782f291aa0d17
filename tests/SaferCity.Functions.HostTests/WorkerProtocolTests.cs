using System.Text.Json;
using Microsoft.Azure.WebJobs.Script.Grpc.Messages;
using SaferCity.Core.Updates;
using SaferCity.Functions.HostTests.Host;
using SaferCity.Integration.Tests.Stack;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Functions.HostTests;

/// <summary>
/// The built app in its own process, driven over the host's gRPC protocol: start, indexing, loading, and
/// the timer and HTTP invocations Azure would send. Sample week: Monday 16 January 2017 (GMT, so London = UTC).
/// </summary>
[Collection(HostCollection.Name)]
public sealed partial class WorkerProtocolTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset MondaySeven = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);
    private HostedApp app = null!;

    public async Task InitializeAsync() => app = await HostedApp.StartAsync(azurite);

    public async Task DisposeAsync() => await app.DisposeAsync();

    private static Dictionary<string, JsonElement> MetadataFile() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(HostedApp.AppDirectory, "functions.metadata"))).RootElement
            .EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

    private static JsonElement Trigger(IEnumerable<JsonElement> bindings) =>
        bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    [Fact]
    public async Task Metadata_WorkerIndexing_ReportsWhatFunctionsMetadataDeclares()
    {
        var host = await app.StartWorkerAsync(load: false);

        var init = await host.InitAsync();
        var metadata = await host.MetadataAsync();

        Assert.Equal(StatusResult.Types.Status.Success, init.Result.Status);
        Assert.Equal(StatusResult.Types.Status.Success, metadata.Result.Status);
        Assert.False(metadata.UseDefaultMetadataIndexing);
        var expected = MetadataFile();
        var reported = metadata.FunctionMetadataResults.ToDictionary(f => f.Name);
        Assert.Equal(expected.Keys.Order(), reported.Keys.Order());
        foreach (var (name, file) in expected)
        {
            var function = reported[name];
            Assert.Equal(file.GetProperty("scriptFile").GetString(), function.ScriptFile);
            Assert.Equal(file.GetProperty("entryPoint").GetString(), function.EntryPoint);
            var fileTrigger = Trigger(file.GetProperty("bindings").EnumerateArray());
            var trigger = Trigger(HostedApp.Bindings(function));
            Assert.Equal(fileTrigger.GetProperty("type").GetString(), trigger.GetProperty("type").GetString());
            if (fileTrigger.TryGetProperty("schedule", out var schedule))
                Assert.Equal(schedule.GetString(), trigger.GetProperty("schedule").GetString());
            if (fileTrigger.TryGetProperty("authLevel", out var authLevel))
                Assert.Equal(authLevel.GetString(), trigger.GetProperty("authLevel").GetString());
            if (file.TryGetProperty("retry", out var retry))
            {
                Assert.NotNull(function.RetryOptions);
                Assert.Equal(RpcRetryOptions.Types.RetryStrategy.FixedDelay, function.RetryOptions.RetryStrategy);
                Assert.Equal("fixedDelay", retry.GetProperty("strategy").GetString());
                Assert.Equal(retry.GetProperty("maxRetryCount").GetInt32(), function.RetryOptions.MaxRetryCount);
                Assert.Equal(TimeSpan.Parse(retry.GetProperty("delayInterval").GetString()!), function.RetryOptions.DelayInterval.ToTimeSpan());
            }
            else
            {
                Assert.Null(function.RetryOptions);
            }
        }
        // The two timers read their schedules from app settings, so a schedule changes without a redeploy.
        Assert.Equal("%RefreshSchedule%", Trigger(HostedApp.Bindings(reported["RefreshDashboard"])).GetProperty("schedule").GetString());
        Assert.Equal("%ReminderSchedule%", Trigger(HostedApp.Bindings(reported["SendReminders"])).GetProperty("schedule").GetString());
    }

    [Fact]
    public async Task RefreshDashboard_TimerFires_PublishesTheDashboardFromGraphToBlobStorage()
    {
        await app.StartWorkerAsync(MondaySeven.AddMinutes(5));

        var response = await app.FireTimerAsync("RefreshDashboard", MondaySeven.AddMinutes(5));

        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{response.Result.Exception?.Message}\n{app.Host.LogText}");
        Assert.True((await app.Site.GetBlobClient("index.html").ExistsAsync()).Value);
        using var dashboard = JsonDocument.Parse( // stored gzipped
            await SaferCity.Integration.Tests.Storage.BlobPipelineTests.ServedBytesAsync(app.Site.GetBlobClient("dashboard.json")));
        Assert.Equal("2017-01-16", dashboard.RootElement.GetProperty("asOf").GetString());
        Assert.Contains(app.Graph.Requests, r => r.Contains("/items", StringComparison.Ordinal)); // read through Graph, not a file
        Assert.Empty(app.SendGrid.Requests); // the refresh never emails
    }

    [Fact]
    public async Task SendReminders_MondaySevenLondon_SendsEachDigestOnceAndASecondRunSendsNothing()
    {
        await app.StartWorkerAsync(MondaySeven);

        var first = await app.FireTimerAsync("SendReminders", MondaySeven);
        var afterFirst = app.SendGrid.Requests.Count;
        var second = await app.FireTimerAsync("SendReminders", MondaySeven); // e.g. the host retrying, or a second instance

        Assert.True(first.Result.Status == StatusResult.Types.Status.Success, $"{first.Result.Exception?.Message}\n{app.Host.LogText}");
        Assert.True(second.Result.Status == StatusResult.Types.Status.Success, $"{second.Result.Exception?.Message}\n{app.Host.LogText}");
        Assert.NotEqual(0, afterFirst);
        Assert.Equal(afterFirst, app.SendGrid.Requests.Count);
        Assert.All(app.SendGrid.Requests.GroupBy(r => r.DigestId), d => Assert.Single(d));
        Assert.Contains(app.SendGrid.Requests, r => r.To.Contains(TestStack.Coordinator));
    }

    [Fact]
    public async Task SendReminders_MondaySixLondon_SendsNothing()
    {
        var six = MondaySeven.AddHours(-1);
        await app.StartWorkerAsync(six);

        var response = await app.FireTimerAsync("SendReminders", six);

        Assert.True(response.Result.Status == StatusResult.Types.Status.Success, $"{response.Result.Exception?.Message}\n{app.Host.LogText}");
        Assert.Empty(app.SendGrid.Requests);
    }

    [Fact]
    public async Task RefreshNow_HttpPostForwardedByTheHost_AnswersWithFiguresOnly()
    {
        await app.StartWorkerAsync(MondaySeven);

        var response = await app.SendHttpAsync("RefreshNow", HttpMethod.Post, "RefreshNow");

        Assert.True(response.Invocation.Result.Status == StatusResult.Types.Status.Success,
            $"{response.Invocation.Result.Exception?.Message}\n{app.Host.LogText}");
        Assert.True(response.Proxied); // ConfigureFunctionsWebApplication: the worker declares HttpUri and takes the request itself
        Assert.Equal(200, response.Status);
        var body = response.Body;
        using var json = JsonDocument.Parse(body);
        Assert.Equal("Completed", json.RootElement.GetProperty("status").GetString());
        Assert.Equal("2017-01-16", json.RootElement.GetProperty("asOf").GetString());
        Assert.True(json.RootElement.GetProperty("summary").EnumerateObject().Any());
        Assert.DoesNotContain("@", body); // figures, never addresses
        Assert.True((await app.Site.GetBlobClient("dashboard.json").ExistsAsync()).Value);
        Assert.Empty(app.SendGrid.Requests);
    }

    private const string SigningKey = "host-standin-signing-key-0123456789-abcdefgh";
    private const string Item25 = "11"; // action 2.5 of the sample tracker, led by the community safety team

    private void EnableUpdateLinks()
    {
        app.Settings["Updates__BaseUrl"] = $"https://{HostedApp.PublicHost}/api/update";
        app.Settings["Updates__SigningKey"] = SigningKey;
    }

    [Fact]
    public async Task UpdateAction_GarbageTokenForwardedByTheHost_AnswersThePlainRefusalPage()
    {
        EnableUpdateLinks();
        await app.StartWorkerAsync(MondaySeven);

        const string garbage = "not-a-token.AAAA";
        var response = await app.SendHttpAsync("UpdateAction", HttpMethod.Get, $"update/?{UpdateLink.Field}={garbage}");

        Assert.True(response.Invocation.Result.Status == StatusResult.Types.Status.Success,
            $"{response.Invocation.Result.Exception?.Message}\n{app.Host.LogText}");
        Assert.True(response.Proxied);
        Assert.Equal(404, response.Status);
        Assert.StartsWith("text/html", response.ContentType);
        Assert.Contains("This link is not valid", response.Body);
        Assert.Contains("coordinator for a fresh digest email", response.Body);
        foreach (var secret in new[] { "2.5", "Community Safety Team", "@", "<form" })
            Assert.DoesNotContain(secret, response.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(app.Graph.Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UpdateAction_SignedLinkForwardedByTheHost_AnswersTheFormForItsAction()
    {
        EnableUpdateLinks();
        await app.StartWorkerAsync(MondaySeven);
        var signer = new UpdateLinkSigner(new UpdatesOptions { SigningKey = SigningKey });
        var token = signer.Sign(new UpdateLink("community-safety-team", Item25, "2.5", MondaySeven, MondaySeven.AddDays(28)));

        var response = await app.SendHttpAsync("UpdateAction", HttpMethod.Get, $"update/?{UpdateLink.Field}={token}");

        Assert.True(response.Invocation.Result.Status == StatusResult.Types.Status.Success,
            $"{response.Invocation.Result.Exception?.Message}\n{app.Host.LogText}");
        Assert.True(response.Proxied);
        Assert.Equal(200, response.Status);
        Assert.Contains("<form", response.Body);
        Assert.Contains("Update action 2.5", response.Body);
        // The form is private to the lead: it may name the coordinator's address to ask, and no other.
        Assert.DoesNotContain("@", response.Body.Replace("coordinator@example.org", "", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Graph.Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal)); // a view writes nothing
    }

    /// <summary>
    /// A view and a save through the host, the way a lead's browser makes them (the token in the query string, then in
    /// the form's body): no line the worker sends the host, and none it prints, carries the token. The worker's own
    /// server logs each request with its query string at Information, which the host would pass to Application Insights.
    /// </summary>
    [Fact]
    public async Task UpdateAction_ViewAndSave_NoLogLineCarriesTheToken()
    {
        EnableUpdateLinks();
        await app.StartWorkerAsync(MondaySeven);
        var token = new UpdateLinkSigner(new UpdatesOptions { SigningKey = SigningKey })
            .Sign(new UpdateLink("community-safety-team", Item25, "2.5", MondaySeven, MondaySeven.AddDays(28)));

        var form = await app.SendHttpAsync("UpdateAction", HttpMethod.Get, $"update/?{UpdateLink.Field}={token}");
        var values = HiddenFields().Matches(form.Body).ToDictionary(m => m.Groups[1].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.Equal(token, values[UpdateLink.Field]);
        values["rag"] = "red";
        values["status"] = "open";
        values["comment"] = "Saved through the host.";
        var saved = await app.SendHttpAsync("UpdateAction", HttpMethod.Post, "update/",
            body: string.Join('&', values.Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value)}")), contentType: "application/x-www-form-urlencoded");

        Assert.Equal((200, 200), (form.Status, saved.Status));
        Assert.Contains("Action 2.5 updated", saved.Body);
        Assert.NotEmpty(app.Host.Logs);
        Assert.DoesNotContain(token[..30], app.Host.LogText, StringComparison.Ordinal);
        Assert.DoesNotContain(token[^30..], app.Host.LogText, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex HiddenFields();

    [Theory]
    [InlineData("Tracker__SiteUrl")]
    [InlineData("Storage__ConnectionString")]
    public async Task Start_RequiredSettingMissing_WorkerFailsAndTheHostLogNamesTheSetting(string setting)
    {
        app.Settings.Remove(setting);

        var failure = await Assert.ThrowsAsync<WorkerFailedException>(() => app.StartWorkerAsync());

        Assert.Contains(setting, failure.Message);
        Assert.Contains(setting, app.Host.LogText);
        Assert.NotEqual(0, await app.Host.WaitForExitAsync());
    }

    [Fact]
    public async Task Start_DevelopmentClockOutsideDevelopment_WorkerRefusesToStart()
    {
        app.Settings["AZURE_FUNCTIONS_ENVIRONMENT"] = "Production";

        var failure = await Assert.ThrowsAsync<WorkerFailedException>(() => app.StartWorkerAsync(MondaySeven));

        Assert.Contains("SAFERCITY_DEVELOPMENT_CLOCK_START", failure.Message);
    }
}
