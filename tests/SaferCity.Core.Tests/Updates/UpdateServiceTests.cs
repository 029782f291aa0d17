using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Local;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;
using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

/// <summary>The form's service over the real file target and an in-memory state store: column styles, limits, audit failure.</summary>
public sealed class UpdateServiceTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("safercity-update-service-").FullName;
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2017, 1, 16, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryStateStore state = new();

    public UpdateServiceTests()
    {
        File.Copy(Sample.LeadsPath, Path.Combine(dir, "leads.json"));
        WriteTracker(_ => { });
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string TrackerPath => Path.Combine(dir, "tracker.json");

    /// <summary>The sample tracker with item 11 (action 2.5, amber, Community Safety Team among its leads) changed as given.</summary>
    private void WriteTracker(Action<JsonObject> change)
    {
        var tracker = Sample.TrackerJson();
        change(tracker["value"]!.AsArray().Single(i => (string?)i!["id"] == "11")!["fields"]!.AsObject());
        File.WriteAllText(TrackerPath, tracker.ToJsonString());
    }

    private JsonObject Fields() =>
        JsonNode.Parse(File.ReadAllText(TrackerPath))!["value"]!.AsArray().Single(i => (string?)i!["id"] == "11")!["fields"]!.AsObject();

    private UpdateService Service(UpdatesOptions? options = null) => new(
        new FileUpdateTarget(TrackerPath, Path.Combine(dir, "leads.json"), time), state,
        Options.Create(options ?? new UpdatesOptions { BaseUrl = "https://updates.example.org/u", SigningKey = UpdateLinkSignerTests.Key }),
        Options.Create(new TrackerColumns()), Options.Create(new LeadColumns()), Options.Create(new DashboardOptions()),
        Options.Create(new RemindersOptions { CoordinatorName = "Sam Patel", Coordinator = "coordinator@example.gov.uk" }), time,
        NullLogger<UpdateService>.Instance);

    private string Token() => new UpdateLinkSigner(new UpdatesOptions { SigningKey = UpdateLinkSignerTests.Key })
        .Sign(new UpdateLink("community-safety-team", "11", "2.5", time.GetUtcNow(), time.GetUtcNow().AddDays(28)));

    private async Task<UpdateResponse> SubmitAsync(UpdateService service, Dictionary<string, string> changes)
    {
        var token = Token();
        var shown = await service.ShowAsync(token, "203.0.113.7", CancellationToken.None);
        var version = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(shown.Html, "name=\"version\" value=\"([^\"]*)\"").Groups[1].Value);
        var form = new Dictionary<string, string> { ["item"] = "11", ["version"] = version, ["rag"] = "amber", ["status"] = "open", ["comment"] = Fields()["Comments"]!.GetValue<string>() };
        foreach (var (key, value) in changes) form[key] = value;
        return await service.SubmitAsync(token, form, "203.0.113.7", CancellationToken.None);
    }

    [Fact]
    public async Task Submit_ListSpellsRagOut_WritesTheWord()
    {
        WriteTracker(f => f["RAG"] = "Amber");

        var response = await SubmitAsync(Service(), new() { ["rag"] = "red" });

        Assert.Equal(200, response.Status);
        Assert.Equal("Red", Fields()["RAG"]!.GetValue<string>());
    }

    [Fact]
    public async Task Submit_CompleteWhereListHasStatusColumn_SetsStatusAndLeavesCommentAsTyped()
    {
        WriteTracker(f => f["Status"] = "Open");

        var response = await SubmitAsync(Service(), new() { ["status"] = "complete", ["comment"] = "Delivered in January." });

        Assert.Equal(200, response.Status);
        Assert.Equal(("Complete", "Delivered in January."), (Fields()["Status"]!.GetValue<string>(), Fields()["Comments"]!.GetValue<string>()));
        var audit = Assert.Single(await UpdateAudit.ReadAsync(state, time.GetUtcNow().AddDays(-1), time.GetUtcNow(), CancellationToken.None));
        Assert.Equal(("open", "complete"), (audit.Before.Status, audit.After.Status));
    }

    [Fact]
    public async Task Submit_AuditRecordCannotBeWritten_StillConfirmsBecauseTheTrackerChanged()
    {
        state.FailNextWriteOf = UpdateAudit.DocumentName(time.GetUtcNow());

        var response = await SubmitAsync(Service(), new() { ["rag"] = "red" });

        Assert.Equal(200, response.Status);
        Assert.Contains("Action 2.5 updated", response.Html, StringComparison.Ordinal);
        Assert.Equal("R", Fields()["RAG"]!.GetValue<string>());
    }

    [Fact]
    public async Task Show_AddressOverItsHourlyAllowance_Refuses429()
    {
        var service = Service(new UpdatesOptions { BaseUrl = "https://updates.example.org/u", SigningKey = UpdateLinkSignerTests.Key, MaxRequestsPerAddressPerHour = 2 });

        Assert.Equal(200, (await service.ShowAsync(Token(), "203.0.113.7", CancellationToken.None)).Status);
        Assert.Equal(200, (await service.ShowAsync(Token(), "203.0.113.7", CancellationToken.None)).Status);
        Assert.Equal(429, (await service.ShowAsync(Token(), "203.0.113.7", CancellationToken.None)).Status);
        Assert.Equal(200, (await service.ShowAsync(Token(), "198.51.100.1", CancellationToken.None)).Status); // another address
    }

    [Fact]
    public async Task Show_UpdatesSwitchedOff_RefusesEveryLink()
    {
        var response = await Service(new UpdatesOptions()).ShowAsync(Token(), "203.0.113.7", CancellationToken.None);

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("2.5", response.Html, StringComparison.Ordinal);
    }

    private static string TitleOf(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(html, "<title>([^<]*)</title>").Groups[1].Value);

    [Fact]
    public async Task Submit_VersionIsStarAfterConcurrentEdit_WritesNothingAndShowsTheConflict()
    {
        var service = Service();
        await service.ShowAsync(Token(), "203.0.113.7", CancellationToken.None);
        WriteTracker(f => f["Comments"] = "Edited by the coordinator.");
        var before = File.ReadAllText(TrackerPath);

        foreach (var version in new[] { "*", "W/\"1\"", FileETag(), "" })
        {
            var form = new Dictionary<string, string> { ["item"] = "11", ["version"] = version, ["etag"] = "*", ["rag"] = "red", ["status"] = "open", ["comment"] = "Mine." };
            var response = await service.SubmitAsync(Token(), form, "203.0.113.7", CancellationToken.None);

            Assert.Equal(409, response.Status);
            Assert.Contains("Someone else changed action 2.5 while you were editing", response.Html, StringComparison.Ordinal);
        }
        Assert.Equal(before, File.ReadAllText(TrackerPath));
        Assert.Empty(await UpdateAudit.ReadAsync(state, time.GetUtcNow().AddDays(-1), time.GetUtcNow(), CancellationToken.None));
    }

    /// <summary>The item's eTag as the file target gives it: a real version, but not one the server sealed.</summary>
    private string FileETag() =>
        new FileUpdateTarget(TrackerPath, Path.Combine(dir, "leads.json"), time).ReadItemAsync("11", CancellationToken.None).Result!.ETag!;

    [Fact]
    public async Task Submit_ItemChangedSinceShown_RefillsTheLeadsAnswersAndSavingAgainAppliesThem()
    {
        var service = Service();
        var token = Token();
        var version = VersionIn((await service.ShowAsync(token, "203.0.113.7", CancellationToken.None)).Html);
        WriteTracker(f => { f["Comments"] = "Edited by the coordinator."; f["RAG"] = "G"; });
        var form = new Dictionary<string, string>
        {
            ["item"] = "11", ["version"] = version, ["rag"] = "red", ["status"] = "open", ["comment"] = "My update.",
            ["deadline-day"] = "30", ["deadline-month"] = "6", ["deadline-year"] = "2017",
        };

        var conflict = await service.SubmitAsync(token, form, "203.0.113.7", CancellationToken.None);

        Assert.Equal(409, conflict.Status);
        Assert.StartsWith("Error: Update action 2.5", TitleOf(conflict.Html), StringComparison.Ordinal);
        Assert.Contains("value=\"red\" checked", conflict.Html, StringComparison.Ordinal); // the lead's answer, not the list's Green
        Assert.Contains(">My update.</textarea>", conflict.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"deadline-day\" name=\"deadline-day\" type=\"text\" inputmode=\"numeric\" spellcheck=\"false\" value=\"30\"", conflict.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"rag-changed\"", conflict.Html, StringComparison.Ordinal);      // changed by someone else: shown beside it
        Assert.Contains("id=\"comment-changed\"", conflict.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"deadline-changed\"", conflict.Html, StringComparison.Ordinal); // not changed: nothing beside it
        Assert.Equal("Edited by the coordinator.", Fields()["Comments"]!.GetValue<string>());

        form["version"] = VersionIn(conflict.Html);
        var saved = await service.SubmitAsync(token, form, "203.0.113.7", CancellationToken.None);

        Assert.Equal(200, saved.Status);
        Assert.Equal(("R", "My update.", "2017-06-30"), (Fields()["RAG"]!.GetValue<string>(), Fields()["Comments"]!.GetValue<string>(), Fields()["DeliveryDeadline"]!.GetValue<string>()));
    }

    private static string VersionIn(string html) => System.Net.WebUtility.HtmlDecode(
        System.Text.RegularExpressions.Regex.Match(html, "name=\"version\" value=\"([^\"]*)\"").Groups[1].Value);

    [Fact]
    public async Task Submit_Unchanged_SaysNoChangesMadeAndClaimsNothingElse()
    {
        var before = File.ReadAllText(TrackerPath);

        var response = await SubmitAsync(Service(), []);

        Assert.Equal(200, response.Status);
        Assert.Equal("No changes made to action 2.5 \u2013 Safer City Partnership", TitleOf(response.Html));
        Assert.Contains("<h1>No changes made to action 2.5</h1>", response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("coordinator will see", response.Html, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(TrackerPath));
    }

    [Fact]
    public async Task Submit_Changed_ConfirmationPanelSaysWhatChanged()
    {
        var response = await SubmitAsync(Service(), new() { ["rag"] = "red", ["deadline-day"] = "31", ["deadline-month"] = "3", ["deadline-year"] = "2017" });

        Assert.Equal(200, response.Status);
        Assert.Equal("Action 2.5 updated \u2013 Safer City Partnership", TitleOf(response.Html));
        Assert.Contains("<h1 class=\"panel__title\">Action 2.5 updated</h1>", response.Html, StringComparison.Ordinal);
        Assert.Contains("RAG rating: Amber (at risk) to Red (off track)", response.Html, StringComparison.Ordinal);
        Assert.Contains("to 31 March 2017</li>", response.Html, StringComparison.Ordinal);
        Assert.Equal("2017-03-31", Fields()["DeliveryDeadline"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("", "3", "2017", "deadline-day", "Deadline must include a day")]
    [InlineData("31", "", "", "deadline-month", "Deadline must include a month and year")]
    [InlineData("30", "2", "2017", "deadline-day", "Deadline must be a real date: February 2017 has 28 days")]
    [InlineData("31", "13", "2017", "deadline-month", "Deadline month must be a number from 1 to 12, or the month\u2019s name")]
    [InlineData("31", "3", "17", "deadline-year", "Deadline year must include 4 numbers, for example 2017")]
    public async Task Submit_PartFilledOrImpossibleDeadline_ErrorNamesThePartAndWritesNothing(string day, string month, string year, string target, string message)
    {
        var before = File.ReadAllText(TrackerPath);

        var response = await SubmitAsync(Service(), new() { ["deadline-day"] = day, ["deadline-month"] = month, ["deadline-year"] = year });

        Assert.Equal(400, response.Status);
        Assert.StartsWith("Error: Update action 2.5", TitleOf(response.Html), StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#{target}\">{message}</a>", response.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"{target}\"", response.Html, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(TrackerPath));
    }

    [Fact]
    public async Task Submit_InvalidRag_ClearsTheRadioItNames()
    {
        var response = await SubmitAsync(Service(), new() { ["rag"] = "purple" });

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain("name=\"rag\" value=\"amber\" checked", response.Html, StringComparison.Ordinal);
        Assert.DoesNotMatch("name=\"rag\" value=\"[a-z]+\" checked", response.Html);
    }

    [Fact]
    public async Task Submit_CommentOverTheLimit_KeepsTheTextAndShowsAnError()
    {
        var text = string.Concat(Enumerable.Repeat("Long update. ", 200)).Trim();

        var response = await SubmitAsync(Service(), new() { ["comment"] = text });

        Assert.Equal(400, response.Status);
        Assert.Contains($">{text}</textarea>", response.Html, StringComparison.Ordinal);
        Assert.Contains("Latest update must be 2,000 characters or fewer", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_EveryPage_CarriesPartnershipContactAndStatement()
    {
        var service = Service(new UpdatesOptions { BaseUrl = "https://updates.example.org/u", SigningKey = UpdateLinkSignerTests.Key });
        var form = (await service.ShowAsync(Token(), "203.0.113.7", CancellationToken.None)).Html;
        var refusal = (await service.ShowAsync("not-a-token", "203.0.113.7", CancellationToken.None)).Html;

        foreach (var html in new[] { form, refusal })
            Assert.Contains("<p class=\"site-header__name\">Safer City Partnership</p>", html, StringComparison.Ordinal);
        Assert.Contains("contact Sam Patel: <a href=\"mailto:coordinator@example.gov.uk\">", form, StringComparison.Ordinal);
        Assert.Contains("If you need help with this form, ask Sam Patel.", refusal, StringComparison.Ordinal); // anyone can reach it: no address
        Assert.DoesNotContain("@", refusal, StringComparison.Ordinal);
        Assert.Equal("Update action 2.5 \u2013 Safer City Partnership", TitleOf(form));
        Assert.Equal("This link is not valid \u2013 Safer City Partnership", TitleOf(refusal));
        Assert.Contains(UpdatePages.PublicWarning, form, StringComparison.Ordinal);
        Assert.Contains("maxlength=\"2000\"", form, StringComparison.Ordinal);
    }
}
