using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure.Updates;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Updates;

/// <summary>
/// Every way a link or a form can be wrong gets a plain 4xx page that says why and whom to ask, names no action,
/// lead or address, and changes nothing: not the list item, not the audit record.
/// </summary>
public sealed class UpdateRefusalTests : IAsyncLifetime
{
    private const string Tracker = GraphEmulator.TrackerList;
    private const string Item25 = "11";
    private static readonly DateOnly Monday = new(2017, 1, 16);
    private TestStack stack = null!;
    private GraphEmulator emulator = null!;
    private UpdateHost host = null!;
    private string token = "";
    private Dictionary<string, string> form = [];
    private string itemBefore = "";

    public async Task InitializeAsync()
    {
        stack = await TestStack.StartAsync(sendGrid: false); // digests in the outbox, where the links are read
        emulator = stack.Graph;
        stack.Settings["Updates:MaxRequestsPerAddressPerHour"] = "1000";
        host = await UpdateHost.StartAsync(stack);
        await host.RunAsync(Monday);
        token = UpdateHost.TokenOf(host.LinkFor("2017-W03", "community-safety-team", "2.5"));
        form = UpdateHost.FormValues((await host.GetAsync(token)).Html);
        form["rag"] = "red";
        form["comment"] = "An update that must not land.";
        itemBefore = emulator.Item(Tracker, Item25).ToJsonString();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await stack.DisposeAsync();
    }

    private UpdateLinkSigner Signer() => new(host.Services.GetRequiredService<IOptions<UpdatesOptions>>().Value);

    /// <summary>The page is a refusal: the status, a reason, the way forward, and nothing about any action or lead.</summary>
    private void AssertRefused((HttpStatusCode Status, string Html) response, HttpStatusCode status, string reason,
        string next = "ask the partnership's coordinator for a fresh digest", bool offersNewLink = false)
    {
        Assert.Equal(status, response.Status);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(response.Html);
        if (offersNewLink)
        {
            // The one form on the page asks for a new link: the old token and the request, nothing the lead could type.
            var offer = Assert.Single(document.QuerySelectorAll("form"));
            Assert.Equal([UpdateLink.Field, UpdatePages.NewLinkField], offer.QuerySelectorAll("input").Select(i => i.GetAttribute("name")));
            Assert.Equal("Email me a new link", offer.QuerySelector("button")!.TextContent);
            offer.Remove();
            response = (response.Status, document.DocumentElement.OuterHtml);
        }
        var text = document.Body!.TextContent;
        Assert.Contains(reason, text, StringComparison.Ordinal);
        Assert.Contains(next, text, StringComparison.Ordinal);
        Assert.EndsWith("\u2013 Safer City Partnership", UpdateHost.Title(response.Html), StringComparison.Ordinal);
        foreach (var secret in new[] { "2.5", "Alcohol Recovery", "Community Safety Team", "@", Item25 + "\"", "<form" })
            Assert.DoesNotContain(secret, response.Html, StringComparison.Ordinal);
        Assert.Equal(itemBefore, emulator.Item(Tracker, Item25).ToJsonString());
        Assert.Equal(0, emulator.AppliedPatches);
        Assert.Empty(host.Audit());
    }

    [Fact]
    public async Task Forged_ChangedToken_IsRefusedOnGetAndPost()
    {
        var changed = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];

        AssertRefused(await host.GetAsync(changed), HttpStatusCode.NotFound, "This link is not valid");
        AssertRefused(await host.PostAsync(changed, form), HttpStatusCode.NotFound, "This link is not valid");
    }

    [Fact]
    public async Task Forged_SignedWithAnotherKey_IsRefused()
    {
        var other = new UpdateLinkSigner(new UpdatesOptions { SigningKey = "someone-elses-key-0123456789-abcdefghijklm" });
        var forged = other.Sign(new UpdateLink("community-safety-team", Item25, "2.5", DateTimeOffset.UnixEpoch,
            DateTimeOffset.MaxValue.AddYears(-1)));

        AssertRefused(await host.PostAsync(forged, form), HttpStatusCode.NotFound, "This link is not valid");
    }

    [Fact]
    public async Task Expired_AfterLinkDays_IsRefusedWith410()
    {
        host.Time.Advance(TimeSpan.FromDays(28));

        const string offer = "We can email a new link for this action to the addresses the partnership lists for its lead.";
        AssertRefused(await host.GetAsync(token), HttpStatusCode.Gone, "This link has expired", offer, offersNewLink: true);
        AssertRefused(await host.PostAsync(token, form), HttpStatusCode.Gone, "This link has expired", offer, offersNewLink: true);
    }

    [Fact]
    public async Task Unknown_ItemNoLongerInTheList_IsRefused()
    {
        var now = host.Time.GetUtcNow();
        var gone = Signer().Sign(new UpdateLink("community-safety-team", "999", "9.9", now, now.AddDays(1)));

        AssertRefused(await host.GetAsync(gone), HttpStatusCode.NotFound, "no longer in the tracker");
    }

    [Fact]
    public async Task Foreign_LeadNotNamedOnTheAction_IsRefused()
    {
        var now = host.Time.GetUtcNow();
        var housing = Signer().Sign(new UpdateLink("housing", Item25, "2.5", now, now.AddDays(1)));   // a real lead, not of 2.5
        var nobody = Signer().Sign(new UpdateLink("nobody", Item25, "2.5", now, now.AddDays(1)));     // no such lead

        AssertRefused(await host.GetAsync(housing), HttpStatusCode.Forbidden, "not for this action any more");
        AssertRefused(await host.PostAsync(nobody, form), HttpStatusCode.Forbidden, "not for this action any more");
    }

    [Fact]
    public async Task CrossAction_FormNamingAnotherItem_IsRefused()
    {
        form["item"] = "12"; // action 2.6

        AssertRefused(await host.PostAsync(token, form), HttpStatusCode.BadRequest, "does not match its link");
        Assert.Equal(0, emulator.AppliedPatches);
    }

    [Fact]
    public async Task Replay_MoreThanTheHourlyAllowanceFromOneLink_IsRefusedWith429()
    {
        form["rag"] = "not-a-rag"; // each is a submission, none is written
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.BadRequest, (await host.PostAsync(token, form)).Status);

        form["rag"] = "red";
        AssertRefused(await host.PostAsync(token, form), HttpStatusCode.TooManyRequests, "too many times in the last hour",
            "Nothing was changed by this attempt");
        using (var refused = await host.Http.PostAsync(host.ActionUrl, UpdateHost.Body(token, form)))
            Assert.Equal(TimeSpan.FromHours(1), refused.Headers.RetryAfter!.Delta); // the clock stands at 07:00: the next hour starts at 08:00

        host.Time.Advance(TimeSpan.FromHours(1)); // the next hour's allowance
        Assert.Equal(HttpStatusCode.OK, (await host.PostAsync(token, form)).Status);
    }

    [Fact]
    public async Task OversizedBody_IsRefusedWith413BeforeReading()
    {
        form["comment"] = new string('x', UpdateEndpoint.MaxBodyBytes);

        AssertRefused(await host.PostAsync(token, form), HttpStatusCode.RequestEntityTooLarge, "larger than this form accepts",
            "Nothing was saved. Go back to the form");
    }

    [Fact]
    public async Task Stylesheet_IsServedSameOriginWithTheStrictPolicy()
    {
        using var response = await host.Http.GetAsync($"{host.Url}/{UpdatePages.StylesheetName}");
        using var page = await host.Http.GetAsync(host.PageUrl(token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/css", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(UpdatePages.ContentSecurityPolicy, string.Join(' ', page.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("no-store", page.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task EveryPage_RefusalsIncluded_CannotBeFramedAndRunsNoScript()
    {
        var changed = token[..10] + (token[10] == 'A' ? 'B' : 'A') + token[11..];
        var big = new Dictionary<string, string>(form) { ["comment"] = new string('x', UpdateEndpoint.MaxBodyBytes) };
        var responses = new List<HttpResponseMessage>
        {
            await host.Http.GetAsync(host.PageUrl(token)),                                      // the form
            await host.Http.GetAsync(host.PageUrl(changed)),                                    // 404 not valid
            await host.Http.PostAsync(host.ActionUrl, UpdateHost.Body(token, big)),     // 413
            await host.Http.PostAsync(host.ActionUrl, UpdateHost.Body(token, new Dictionary<string, string>(form) { ["item"] = "12" })), // 400
        };
        host.Time.Advance(TimeSpan.FromDays(28));
        responses.Add(await host.Http.GetAsync(host.PageUrl(token)));                           // 410 expired

        Assert.Equal([200, 404, 413, 400, 410], responses.Select(r => (int)r.StatusCode));
        foreach (var response in responses)
        {
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal(UpdatePages.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
            response.Dispose();
        }
        Assert.Contains("frame-ancestors 'none'", UpdatePages.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", UpdatePages.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", UpdatePages.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7:51234", "203.0.113.7")]                       // a port gave every connection its own allowance
    // the right-most entry is the front end's; the first is the client's say-so
    [InlineData("198.51.100.9, 203.0.113.7", "203.0.113.7")]
    [InlineData("198.51.100.9,203.0.113.7:443", "203.0.113.7")]
    [InlineData("[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::")]             // IPv6: one allowance per /64, what one household or office gets
    [InlineData("2001:db8:1:2:aaaa::1", "2001:db8:1:2::")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("203.0.113.7, not-an-address", null)]                      // unreadable: fall back to the connection's address
    [InlineData("", null)]
    public void ForwardedClient_RightMostEntry_IsParsedToAnAddress(string header, string? expected) =>
        Assert.Equal(expected, UpdateEndpoint.ForwardedClient(header));
}
