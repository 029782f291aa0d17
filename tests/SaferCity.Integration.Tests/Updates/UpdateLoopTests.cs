using System.Net;
using AngleSharp.Html.Parser;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Updates;

/// <summary>
/// The whole loop against the Graph emulator, through the real Graph SDK: a digest, its link, the form, the POST,
/// the list item changed in SharePoint, and the next run showing the change on the dashboard, in drift and in the
/// coordinator's summary. Also the concurrent-edit path: a stale form overwrites nothing.
/// </summary>
public sealed class UpdateLoopTests : IAsyncLifetime
{
    private const string Tracker = GraphEmulator.TrackerList;
    private const string Item25 = "11"; // action 2.5: overdue, amber, leads include the Community Safety Team
    private static readonly DateOnly Monday = new(2017, 1, 16);
    private TestStack stack = null!;
    private GraphEmulator emulator = null!;
    private UpdateHost host = null!;

    public async Task InitializeAsync()
    {
        stack = await TestStack.StartAsync(sendGrid: false); // digests in the outbox, where the links are read
        emulator = stack.Graph;
        host = await UpdateHost.StartAsync(stack);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await stack.DisposeAsync();
    }

    private async Task<string> DigestLinkAsync()
    {
        await host.RunAsync(Monday);
        var link = host.LinkFor("2017-W03", "community-safety-team", "2.5");
        Assert.StartsWith(UpdateHost.BaseUrl + "/", link, StringComparison.Ordinal);
        return UpdateHost.TokenOf(link);
    }

    [Fact]
    public async Task Loop_DigestLinkFormPost_WritesTheItemAndTheNextRunShowsIt()
    {
        var token = await DigestLinkAsync();
        var before = emulator.Item(Tracker, Item25);

        var (status, form) = await host.GetAsync(token);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Update action 2.5 \u2013 Safer City Partnership", UpdateHost.Title(form));
        Assert.Contains("Explore the potential of Alcohol Recovery Centres", form, StringComparison.Ordinal);
        Assert.Contains("Community Safety Team", form, StringComparison.Ordinal); // the lead it was sent to
        Assert.Equal(before.ToJsonString(), emulator.Item(Tracker, Item25).ToJsonString()); // GET changes nothing
        var values = UpdateHost.FormValues(form);
        Assert.Equal("amber", values["rag"]);
        Assert.DoesNotContain(before["eTag"]!.GetValue<string>(), form, StringComparison.Ordinal); // only inside the sealed version
        Assert.Equal(("31", "12", "2016"), (values["deadline-day"], values["deadline-month"], values["deadline-year"]));

        const string comment = "Funding agreed <script>alert('x')</script> & \"ARC\" opens in March.";
        host.Time.Advance(TimeSpan.FromHours(2));
        values["rag"] = "red";
        values["comment"] = comment;
        (values["deadline-day"], values["deadline-month"], values["deadline-year"]) = ("30", "6", "2017");
        var (posted, confirmation) = await host.PostAsync(token, values);

        Assert.Equal(HttpStatusCode.OK, posted);
        Assert.Equal("Action 2.5 updated \u2013 Safer City Partnership", UpdateHost.Title(confirmation));
        var fields = emulator.Item(Tracker, Item25)["fields"]!;
        Assert.Equal("R", fields["RAG"]!.GetValue<string>()); // the list's own style: letters
        Assert.Equal(comment, fields["Comments"]!.GetValue<string>()); // stored as text, exactly
        Assert.Equal("2017-06-30", fields["DeliveryDeadline"]!.GetValue<string>());
        Assert.Equal(1, emulator.AppliedPatches);
        Assert.Contains(emulator.Requests,
            r => r.StartsWith($"PATCH /v1.0/sites/{GraphEmulator.SiteId}/lists/list-1/items/{Item25}/fields", StringComparison.Ordinal));

        // Shown escaped: the page has no script element, and the text reads as typed.
        var page = new HtmlParser().ParseDocument(confirmation);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Contains(comment, page.Body!.TextContent, StringComparison.Ordinal);

        var audit = Assert.Single(host.Audit());
        Assert.Equal(("2.5", "community-safety-team", "amber", "red"), (audit.Action, audit.LeadKey, audit.Before.Rag, audit.After.Rag));
        Assert.Equal(SaferCity.Core.Updates.UpdateLink.IdOf(token), audit.Link);
        Assert.DoesNotContain(token,
            File.ReadAllText(Directory.GetFiles(Path.Combine(host.Root, "state", "updates"), "*.json",
                SearchOption.AllDirectories).Single()), StringComparison.Ordinal);

        // A week later: the dashboard, drift and the coordinator's summary show it; the public site has no audit record.
        host.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromHours(2));
        await host.RunAsync(Monday.AddDays(7));
        var action = host.Dashboard().Actions.Single(a => a.Id == "2.5");
        Assert.Equal("red", action.Rag);
        Assert.Equal(comment, action.Comments);
        Assert.Contains(action.Drift, d => d.Kind == "ragWorsened" && d.From == "amber" && d.To == "red");
        Assert.Contains(action.Drift, d => d.Kind == "deadlineSlipped" && d.To == "2017-06-30");
        var summary = host.CoordinatorSummaryText("2017-W04");
        Assert.Contains("UPDATED BY LEADS (1)", summary, StringComparison.Ordinal);
        Assert.Contains("2.5 (Community Safety Team): RAG amber to red", summary, StringComparison.Ordinal);
        Assert.Contains("deadline moved by the lead: 31 December 2016 \u2192 30 June 2017", summary, StringComparison.Ordinal);
        var site = Path.Combine(host.Root, "out", "site");
        Assert.DoesNotContain(Directory.GetFiles(site, "*", SearchOption.AllDirectories),
            f => File.ReadAllText(f).Contains(token[..20], StringComparison.Ordinal)
                || Path.GetRelativePath(site, f).Contains("update", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Get_FormOpenedThreeTimes_SiteAndListsLookedUpOnceThenTwoCallsEach()
    {
        var token = await DigestLinkAsync();
        var before = emulator.Requests.Count;

        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await host.GetAsync(token)).Status);

        // The site and list ids do not change while the app runs: after the first form, a GET is the item and the leads.
        var made = emulator.Requests.Skip(before).ToList();
        Assert.Equal(1, made.Count(r => r.Contains(":/sites/", StringComparison.Ordinal)));
        Assert.Equal(2, made.Count(r => r.Contains("/lists?", StringComparison.Ordinal))); // the tracker and the leads
        Assert.Equal(2, made.Count(r => r.Contains("/columns?", StringComparison.Ordinal))); // each list's columns, once
        Assert.True(made.Count == 5 + 3 + 3, string.Join("\n", made)); // the lookups, then each GET's item and leads page
    }

    [Fact]
    public async Task Post_ItemChangedSinceFormWasShown_Gets409WithLatestValuesAndOverwritesNothing()
    {
        var token = await DigestLinkAsync();
        var values = UpdateHost.FormValues((await host.GetAsync(token)).Html);
        emulator.EditItem(Tracker, Item25, "Comments", "Edited in SharePoint by the coordinator.");
        values["rag"] = "red";
        values["comment"] = "My stale update.";

        var (status, html) = await host.PostAsync(token, values);

        Assert.Equal(HttpStatusCode.Conflict, status);
        var page = new HtmlParser().ParseDocument(html);
        Assert.Equal("Someone else changed action 2.5 while you were editing", page.QuerySelector(".error-summary a")!.TextContent);
        Assert.StartsWith("Error: ", UpdateHost.Title(html), StringComparison.Ordinal);
        // the newer value, beside its field
        Assert.Contains("Edited in SharePoint by the coordinator.", page.QuerySelector("#comment-changed")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("My stale update.", page.QuerySelector("textarea")!.TextContent); // what the lead typed, in the field
        Assert.True(page.QuerySelector("#rag-red")!.HasAttribute("checked")); // the lead's choice, not the list's
        var fields = emulator.Item(Tracker, Item25)["fields"]!;
        Assert.Equal("Edited in SharePoint by the coordinator.", fields["Comments"]!.GetValue<string>());
        Assert.Equal("A", fields["RAG"]!.GetValue<string>());
        Assert.Empty(host.Audit());
        Assert.DoesNotContain(emulator.Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal)); // the re-read item was newer: not even tried

        // The re-shown form carries the lead's answers at the new version: saving again, unchanged, applies them.
        var (second, _) = await host.PostAsync(token, UpdateHost.FormValues(html));
        Assert.Equal(HttpStatusCode.OK, second);
        Assert.Equal("R", emulator.Item(Tracker, Item25)["fields"]!["RAG"]!.GetValue<string>());
        Assert.Equal("My stale update.", emulator.Item(Tracker, Item25)["fields"]!["Comments"]!.GetValue<string>());
        Assert.Single(host.Audit());
    }

    [Fact]
    public async Task Post_Complete_OnListWithoutStatusColumn_WritesTheSeedsCommentConvention()
    {
        var token = await DigestLinkAsync();
        var values = UpdateHost.FormValues((await host.GetAsync(token)).Html);
        values["status"] = "complete";
        values["comment"] = "ARC pilot delivered.";

        var (status, _) = await host.PostAsync(token, values);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Complete \u2013 ARC pilot delivered.", emulator.Item(Tracker, Item25)["fields"]!["Comments"]!.GetValue<string>());
        host.Time.Advance(TimeSpan.FromDays(7));
        await host.RunAsync(Monday.AddDays(7));
        Assert.Equal("complete", host.Dashboard().Actions.Single(a => a.Id == "2.5").Status);
    }

    [Fact]
    public async Task Post_InvalidInput_ReshowsFormWithErrorSummaryAndChangesNothing()
    {
        var token = await DigestLinkAsync();
        var values = UpdateHost.FormValues((await host.GetAsync(token)).Html);
        values["rag"] = "purple";
        (values["deadline-day"], values["deadline-month"], values["deadline-year"]) = ("30", "2", "2017");
        values["comment"] = new string('x', 2001);

        var (status, html) = await host.PostAsync(token, values);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith("Error: ", UpdateHost.Title(html), StringComparison.Ordinal);
        var summary = new HtmlParser().ParseDocument(html).QuerySelector(".error-summary")!;
        Assert.Equal(["#rag", "#deadline-day", "#comment"], summary.QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Equal(0, emulator.AppliedPatches);
        Assert.DoesNotContain(emulator.Requests, r => r.StartsWith("PATCH", StringComparison.Ordinal));
        Assert.Empty(host.Audit());
    }

    [Theory]
    [InlineData("version", "*")]
    [InlineData("etag", "*")]
    [InlineData("version", "W/\"x\"")]
    public async Task Post_StarOrUnsignedVersionAfterConcurrentEdit_WritesNothingAndShowsTheConflict(string field, string value)
    {
        var token = await DigestLinkAsync();
        var values = UpdateHost.FormValues((await host.GetAsync(token)).Html);
        emulator.EditItem(Tracker, Item25, "Comments", "Edited in SharePoint by the coordinator.");
        values.Remove("version");
        values[field] = value;
        values["rag"] = "red";
        values["comment"] = "Overwrite attempt.";
        var patchesBefore = emulator.Requests.Count(r => r.StartsWith("PATCH", StringComparison.Ordinal));

        var (status, html) = await host.PostAsync(token, values);

        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Contains("Someone else changed action 2.5 while you were editing", html, StringComparison.Ordinal);
        Assert.Equal(patchesBefore, emulator.Requests.Count(r => r.StartsWith("PATCH", StringComparison.Ordinal))); // never sent to Graph
        var fields = emulator.Item(Tracker, Item25)["fields"]!;
        Assert.Equal(("Edited in SharePoint by the coordinator.", "A"), (fields["Comments"]!.GetValue<string>(), fields["RAG"]!.GetValue<string>()));
        Assert.Empty(host.Audit());
    }
}
