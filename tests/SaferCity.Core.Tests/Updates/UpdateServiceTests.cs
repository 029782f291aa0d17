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

    private UpdateService Service(UpdatesOptions? options = null, Microsoft.Extensions.Logging.ILogger<UpdateService>? logger = null)
    {
        options ??= new UpdatesOptions { BaseUrl = "https://updates.example.org/u", SigningKey = UpdateLinkSignerTests.Key };
        return new(new FileUpdateTarget(TrackerPath, Path.Combine(dir, "leads.json"), time), state, Options.Create(options),
            Options.Create(new TrackerColumns()), new TrackerParser(), LinkSigning.From(options), UpdateLimits.From(state, time, options),
            Options.Create(new DashboardOptions()),
            Options.Create(new RemindersOptions { CoordinatorName = "Sam Patel", Coordinator = "coordinator@example.gov.uk" }), time,
            logger ?? NullLogger<UpdateService>.Instance, email);
    }

    private readonly RecordingEmailSender email = new();

    private string Token() => new UpdateLinkSigner(new UpdatesOptions { SigningKey = UpdateLinkSignerTests.Key })
        .Sign(new UpdateLink("community-safety-team", "11", "2.5", time.GetUtcNow(), time.GetUtcNow().AddDays(28)));

    private async Task<UpdateResponse> SubmitAsync(UpdateService service, Dictionary<string, string> changes)
    {
        var token = Token();
        var shown = await service.ShowAsync(token, "203.0.113.7", CancellationToken.None);
        var version = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(shown.Html,
            "name=\"version\" value=\"([^\"]*)\"").Groups[1].Value);
        var form = new Dictionary<string, string> { ["item"] = "11", ["version"] = version, ["rag"] = "amber", ["status"] = "open",
            ["comment"] = Fields()["Comments"]!.GetValue<string>() };
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
    public async Task Submit_AuditRecordCannotBeWritten_StillConfirmsAndLogsTheLinkAndFieldNamesOnly()
    {
        state.BeforeWrite = name =>
        {
            if (name.StartsWith("updates/", StringComparison.Ordinal)) throw new IOException("Simulated outage");
        };
        var log = new RecordingLogger();

        var response = await SubmitAsync(Service(logger: log), new() { ["rag"] = "red", ["comment"] = "Spoke to Jane Smith on 07700 900123." });

        Assert.Equal(200, response.Status);
        Assert.Contains("Action 2.5 updated", response.Html, StringComparison.Ordinal);
        Assert.Equal("R", Fields()["RAG"]!.GetValue<string>());
        var line = Assert.Single(log.Lines, l => l.Contains("not recorded in the audit", StringComparison.Ordinal));
        Assert.Contains($"through link {UpdateLink.IdOf(Token())}", line, StringComparison.Ordinal);
        Assert.Contains("fields changed: rag, comment", line, StringComparison.Ordinal);
        Assert.All(log.Lines, l => Assert.DoesNotContain("Jane Smith", l, StringComparison.Ordinal));
        Assert.All(log.Lines, l => Assert.DoesNotContain("Alcohol", l, StringComparison.Ordinal)); // nor the comment before
    }

    [Fact]
    public async Task Submit_TwoUpdates_EachIsItsOwnAuditDocumentWrittenOnce()
    {
        await SubmitAsync(Service(), new() { ["rag"] = "red" });
        time.Advance(TimeSpan.FromMinutes(1));
        await SubmitAsync(Service(), new() { ["rag"] = "green" });

        var names = state.Documents.Keys.Where(n => n.StartsWith("updates/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, names.Count);
        Assert.All(names, n => Assert.StartsWith("updates/2017-01/20170116T09", n, StringComparison.Ordinal));
        Assert.Equal(2, (await UpdateAudit.ReadAsync(state, time.GetUtcNow().AddDays(-1), time.GetUtcNow(), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Show_AddressOverItsHourlyAllowance_Refuses429()
    {
        var service = Service(new UpdatesOptions { BaseUrl = "https://updates.example.org/u", SigningKey = UpdateLinkSignerTests.Key,
            MaxRequestsPerAddressPerHour = 2 });

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
            var form = new Dictionary<string, string> { ["item"] = "11", ["version"] = version, ["etag"] = "*", ["rag"] = "red", ["status"] = "open",
                ["comment"] = "Mine." };
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
        Assert.Contains("id=\"deadline-day\" name=\"deadline-day\" type=\"text\" inputmode=\"numeric\" spellcheck=\"false\" value=\"30\"",
            conflict.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"rag-changed\"", conflict.Html, StringComparison.Ordinal);      // changed by someone else: shown beside it
        Assert.Contains("id=\"comment-changed\"", conflict.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"deadline-changed\"", conflict.Html, StringComparison.Ordinal); // not changed: nothing beside it
        Assert.Equal("Edited by the coordinator.", Fields()["Comments"]!.GetValue<string>());

        form["version"] = VersionIn(conflict.Html);
        var saved = await service.SubmitAsync(token, form, "203.0.113.7", CancellationToken.None);

        Assert.Equal(200, saved.Status);
        Assert.Equal(("R", "My update.", "2017-06-30"),
            (Fields()["RAG"]!.GetValue<string>(), Fields()["Comments"]!.GetValue<string>(), Fields()["DeliveryDeadline"]!.GetValue<string>()));
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
        var response = await SubmitAsync(Service(),
            new() { ["rag"] = "red", ["deadline-day"] = "31", ["deadline-month"] = "3", ["deadline-year"] = "2017" });

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
    public async Task Submit_PartFilledOrImpossibleDeadline_ErrorNamesThePartAndWritesNothing(string day, string month, string year, string target,
        string message)
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

    [Fact]
    public async Task Show_LinkNumberNoLongerTheItems_IsRefusedAndShowsNeither()
    {
        // Signed for item 11 as action 9.9 (a stolen key, or the action renumbered since): the number it claims is not the item's.
        var token = new UpdateLinkSigner(new UpdatesOptions { SigningKey = UpdateLinkSignerTests.Key })
            .Sign(new UpdateLink("community-safety-team", "11", "9.9", time.GetUtcNow(), time.GetUtcNow().AddDays(28)));

        var response = await Service().ShowAsync(token, "203.0.113.7", CancellationToken.None);

        Assert.Equal(410, response.Status);
        Assert.Contains("renumbered", response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("2.5", response.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("9.9", response.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_DeadlineMovedFurtherThanMaxDeadlineMoveDays_IsRefusedWithAPlainErrorAndWritesNothing()
    {
        var before = File.ReadAllText(TrackerPath); // 2.5 is due December 2016: 31 December 2016

        // 185 days on
        var late = await SubmitAsync(Service(), new() { ["deadline-day"] = "4", ["deadline-month"] = "7", ["deadline-year"] = "2017" });
        // 185 days back
        var early = await SubmitAsync(Service(), new() { ["deadline-day"] = "29", ["deadline-month"] = "6", ["deadline-year"] = "2016" });

        Assert.Equal(400, late.Status);
        Assert.Contains("more than 184 days from the current deadline (31 December 2016)", late.Html, StringComparison.Ordinal);
        Assert.Equal(400, early.Status);
        Assert.Equal(before, File.ReadAllText(TrackerPath));
        // 184 days on
        Assert.Equal(200, (await SubmitAsync(Service(),
            new() { ["deadline-day"] = "3", ["deadline-month"] = "7", ["deadline-year"] = "2017" })).Status);
        Assert.Equal("2017-07-03", Fields()["DeliveryDeadline"]!.GetValue<string>()[..10]);
    }

    [Fact]
    public void Describe_DeadlineMoved_SaysMovedByTheLeadFromTo()
    {
        var before = new UpdateFields("amber", "x", "open", "2016-12-31");
        var update = new AppliedUpdate(time.GetUtcNow(), "0123456789abcdef", "community-safety-team", "Community Safety Team", "11", "2.5",
            before, before with { Deadline = "2017-03-31" });

        Assert.Equal("2.5 (Community Safety Team): deadline moved by the lead: 31 December 2016 \u2192 31 March 2017", update.Describe());
    }

    [Fact]
    public async Task Submit_CommentWithBidiOverrideAndInvisibleCharacters_ReachesTheListWithoutThem()
    {
        const string typed = "Invoice \u202Efdp.exe\u202C checked\u200B,\uFEFF \u2066done\u2069; family \U0001F468\u200D\U0001F469 day";

        var response = await SubmitAsync(Service(), new() { ["comment"] = typed });

        Assert.Equal(200, response.Status);
        Assert.Equal("Invoice fdp.exe checked, done; family \U0001F468\u200D\U0001F469 day", Fields()["Comments"]!.GetValue<string>());
        var audit = Assert.Single(await UpdateAudit.ReadAsync(state, time.GetUtcNow().AddDays(-1), time.GetUtcNow(), CancellationToken.None));
        Assert.DoesNotContain('\u202E', audit.After.Comment);
    }

    [Fact]
    public async Task Submit_CommentWithControlCharacter_IsRefusedAndWritesNothing()
    {
        var before = File.ReadAllText(TrackerPath);

        var response = await SubmitAsync(Service(), new() { ["comment"] = "Bell \u0007 here" });

        Assert.Equal(400, response.Status);
        Assert.Contains("remove the control characters", response.Html, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(TrackerPath));
    }

    [Fact]
    public async Task Submit_LinkOverItsAllowance_CountedInTheStateStoreAcrossInstancesAndSaysWhenToTryAgain()
    {
        var options = new UpdatesOptions { BaseUrl = "https://updates.example.org/u", SigningKey = UpdateLinkSignerTests.Key,
            MaxSubmissionsPerLinkPerHour = 2 };

        Assert.Equal(200, (await SubmitAsync(Service(options), new() { ["rag"] = "red" })).Status);   // one instance
        Assert.Equal(200, (await SubmitAsync(Service(options), new() { ["rag"] = "green" })).Status); // another, or after a restart
        var refused = await SubmitAsync(Service(options), new() { ["rag"] = "amber" });

        Assert.Equal(429, refused.Status);
        Assert.Contains("Please try again after 10:00 (UK time).", refused.Html, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2017, 1, 16, 10, 0, 0, TimeSpan.Zero), refused.RetryAt);
        Assert.Equal("G", Fields()["RAG"]!.GetValue<string>());
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(200, (await SubmitAsync(Service(options), new() { ["rag"] = "amber" })).Status);
    }

    [Fact]
    public async Task PruneAsync_HoursThatAreOver_AreRemoved()
    {
        await SubmitAsync(Service(), new() { ["rag"] = "red" });
        Assert.Equal(0, await LinkAllowance.PruneAsync(state, time.GetUtcNow(), CancellationToken.None));

        Assert.Equal(1, await LinkAllowance.PruneAsync(state, time.GetUtcNow().AddHours(1), CancellationToken.None));
        Assert.DoesNotContain(state.Documents.Keys, k => k.StartsWith("limits/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_RefusedLink_LoggedAsOneLineWithTheLinkIdAndTheReasonNeverTheToken()
    {
        var log = new RecordingLogger();
        var token = Token();
        var forged = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        await Service(logger: log).ShowAsync(forged, "203.0.113.7", CancellationToken.None);
        time.Advance(TimeSpan.FromDays(28));
        await Service(logger: log).ShowAsync(token, "203.0.113.7", CancellationToken.None);

        Assert.Equal([$"Update link {UpdateLink.IdOf(forged)} refused: bad signature (changed, cut short, or signed with another key)",
            $"Update link {UpdateLink.IdOf(token)} refused: expired"], log.Lines);
        Assert.All(log.Lines, l => Assert.DoesNotContain(token[..20], l, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Show_LeadRevoked_LinksIssuedBeforeAreRefusedAndLaterOnesWork()
    {
        var log = new RecordingLogger();
        var before = Token();
        time.Advance(TimeSpan.FromHours(1));
        await LinkRevocations.RevokeAsync(state, "community-safety-team", time.GetUtcNow(), CancellationToken.None);
        time.Advance(TimeSpan.FromDays(7)); // the next digest
        var after = Token();
        var otherLead = new UpdateLinkSigner(new UpdatesOptions { SigningKey = UpdateLinkSignerTests.Key })
            .Sign(new UpdateLink("city-of-london-police", "11", "2.5", time.GetUtcNow().AddDays(-7), time.GetUtcNow().AddDays(21)));

        var refused = await Service(logger: log).ShowAsync(before, "203.0.113.7", CancellationToken.None);

        Assert.Equal(403, refused.Status);
        Assert.Contains("withdrawn", refused.Html, StringComparison.Ordinal);
        Assert.Contains("refused: revoked", Assert.Single(log.Lines), StringComparison.Ordinal);
        Assert.Equal(200, (await Service().ShowAsync(after, "203.0.113.7", CancellationToken.None)).Status);
        Assert.NotEqual(403, (await Service().ShowAsync(otherLead, "203.0.113.7", CancellationToken.None)).Status);
    }

    private string Sign(string leadKey, DateTimeOffset issued) => new UpdateLinkSigner(new UpdatesOptions { SigningKey = UpdateLinkSignerTests.Key })
        .Sign(new UpdateLink(leadKey, "11", "2.5", issued, issued.AddDays(28)));

    /// <summary>The leads list as the sample has it, with the Community Safety Team (item 1) renamed and its old name kept as an alias.</summary>
    private void RenameCommunitySafetyTeam()
    {
        var leads = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "leads.json")))!;
        var fields = leads["value"]!.AsArray().Single(i => (string?)i!["id"] == "1")!["fields"]!;
        fields["Title"] = "Community Safety Service";
        fields["Aliases"] = $"{fields["Aliases"]}; Community Safety Team";
        File.WriteAllText(Path.Combine(dir, "leads.json"), leads.ToJsonString());
    }

    [Fact]
    public async Task Show_LeadRenamedWithOldNameKeptAsAlias_LinksByItemIdAndByTheOldNameStillOpen()
    {
        var byId = Sign("#1", time.GetUtcNow());
        var byOldName = Sign("community-safety-team", time.GetUtcNow());
        RenameCommunitySafetyTeam();

        var opened = await Service().ShowAsync(byId, "203.0.113.7", CancellationToken.None);

        Assert.Equal(200, opened.Status);
        Assert.Contains("Community Safety Service", opened.Html, StringComparison.Ordinal); // the lead as the list names it now
        Assert.Equal(200, (await Service().ShowAsync(byOldName, "203.0.113.7", CancellationToken.None)).Status);
        Assert.Equal(403, (await Service().ShowAsync(Sign("#999", time.GetUtcNow()), "203.0.113.7", CancellationToken.None)).Status); // no such lead
    }

    [Fact]
    public async Task Show_LeadRevokedByItemId_RefusedEvenAfterARename()
    {
        var before = Sign("#1", time.GetUtcNow());
        time.Advance(TimeSpan.FromHours(1));
        await LinkRevocations.RevokeAsync(state, "#1", time.GetUtcNow(), CancellationToken.None);
        RenameCommunitySafetyTeam();

        Assert.Equal(403, (await Service().ShowAsync(before, "203.0.113.7", CancellationToken.None)).Status);
    }

    [Fact]
    public async Task RequestNewLink_ExpiredLink_EmailsAFreshLinkToTheListedAddressesAndSaysWhereWithoutAnAddress()
    {
        var expired = Sign("community-safety-team", time.GetUtcNow().AddDays(-29));
        var log = new RecordingLogger();

        var refusal = await Service().ShowAsync(expired, "203.0.113.7", CancellationToken.None);
        var page = await Service(logger: log).RequestNewLinkAsync(expired, "203.0.113.7", CancellationToken.None);

        Assert.Equal(410, refusal.Status);
        Assert.Contains("Email me a new link", refusal.Html, StringComparison.Ordinal);
        Assert.Contains($"name=\"{UpdatePages.NewLinkField}\"", refusal.Html, StringComparison.Ordinal);
        Assert.Equal(200, page.Status);
        Assert.Contains("sent to the addresses listed for Community Safety Team", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("@", page.Html, StringComparison.Ordinal);
        var message = Assert.Single(email.Sent);
        Assert.Equal(["community.safety@example.gov.uk"], message.To); // the leads list's address, and only it
        var link = new Uri(System.Text.RegularExpressions.Regex.Match(message.Text, @"Update: (\S+)").Groups[1].Value);
        Assert.Equal("/u/", link.AbsolutePath);
        Assert.Equal(200, (await Service().ShowAsync(UpdateLink.TokenIn(link), "203.0.113.7", CancellationToken.None)).Status);
        Assert.Single(await state.ListAsync("new-links/", CancellationToken.None)); // recorded
        Assert.Contains("was emailed to the addresses listed for Community Safety Team", Assert.Single(log.Lines), StringComparison.Ordinal);
        Assert.DoesNotContain(expired, string.Join('\n', log.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestNewLink_AgainWithinTheHourOrWithAForgedLink_RefusedAndNothingMoreSent()
    {
        var expired = Sign("community-safety-team", time.GetUtcNow().AddDays(-29));
        var other = Sign("#1", time.GetUtcNow().AddDays(-30)); // another old link to the same action and lead
        Assert.Equal(200, (await Service().RequestNewLinkAsync(expired, "203.0.113.7", CancellationToken.None)).Status);

        var again = await Service().RequestNewLinkAsync(other, "203.0.113.7", CancellationToken.None);
        var forged = await Service().RequestNewLinkAsync(expired[..^2] + (expired[^2] == 'A' ? "BA" : "AA"), "203.0.113.7", CancellationToken.None);

        Assert.Equal(429, again.Status);
        Assert.Equal(404, forged.Status);
        Assert.Single(email.Sent);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(200, (await Service().RequestNewLinkAsync(other, "203.0.113.7", CancellationToken.None)).Status);
        Assert.Equal(2, email.Sent.Count);
    }
}
