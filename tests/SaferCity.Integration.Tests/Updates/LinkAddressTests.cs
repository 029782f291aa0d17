using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MimeKit;
using SaferCity.Core.Updates;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Updates;

/// <summary>
/// Where an update link's token travels: in a digest's links and the pages' addresses it is only ever in the query
/// string (GET) or the form's body (POST), never in a path, which the Functions host records in its request telemetry.
/// A link of the older path style, from a digest sent before, still opens the form, which posts the new way.
/// </summary>
public sealed partial class LinkAddressTests : IAsyncLifetime
{
    private static readonly DateOnly Monday = new(2017, 1, 16);
    private TestStack stack = null!;
    private UpdateHost host = null!;

    public async Task InitializeAsync()
    {
        stack = await TestStack.StartAsync(sendGrid: false);
        host = await UpdateHost.StartAsync(stack);
        await host.RunAsync(Monday);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await stack.DisposeAsync();
    }

    /// <summary>base64url, a dot, base64url: the shape of a token (see UpdateLinkSigner).</summary>
    [GeneratedRegex(@"[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{40,}")]
    private static partial Regex TokenShape();

    [Fact]
    public void Digest_EveryUpdateLinkInItsHtml_HasTheTokenInTheQueryStringNotThePath()
    {
        var digests = Directory.GetFiles(Path.Combine(host.Root, "out", "outbox"),
            "2017-W03_*.eml").Where(f => !f.EndsWith("_coordinator.eml", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(digests);
        var links = digests.SelectMany(eml => new HtmlParser().ParseDocument(MimeMessage.Load(eml).HtmlBody!).QuerySelectorAll("a[href]")
            .Select(a => new Uri(a.GetAttribute("href")!))).Where(u =>
                u.ToString().StartsWith(UpdateHost.BaseUrl, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(links);
        Assert.All(links, link =>
        {
            Assert.Equal("/api/update/", link.AbsolutePath);
            Assert.DoesNotMatch(TokenShape(), link.AbsolutePath);
            Assert.Matches($"^\\?{UpdateLink.Field}={TokenShape()}$", link.Query);
        });
    }

    [Fact]
    public async Task Form_ItsAction_CarriesNoTokenAndTheBodyCarriesTheLink()
    {
        var link = host.LinkFor("2017-W03", "community-safety-team", "2.5");
        var token = UpdateHost.TokenOf(link);

        var (status, html) = await host.GetAsync(token);

        Assert.Equal(HttpStatusCode.OK, status);
        var form = new HtmlParser().ParseDocument(html).QuerySelector("form")!;
        var action = new Uri(new Uri(link), form.GetAttribute("action")!);
        Assert.Equal("https://updates.example.org/api/update/", action.ToString()); // no query, no token
        Assert.Equal(token, UpdateHost.FormValues(html)[UpdateLink.Field]);
        Assert.DoesNotContain(token, string.Join(' ', new HtmlParser().ParseDocument(html).QuerySelectorAll("[href],[action],[src]")
            .Select(e => e.GetAttribute("href") ?? e.GetAttribute("action") ?? e.GetAttribute("src"))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OlderPathStyleLink_StillOpensTheFormAndItPostsTheNewWay()
    {
        var token = UpdateHost.TokenOf(host.LinkFor("2017-W03", "community-safety-team", "2.5"));

        using var page = await host.Http.GetAsync($"{host.Url}/{token}"); // a digest sent before this release
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var values = UpdateHost.FormValues(html);
        values["rag"] = "red";

        // The page's relative action ("./") resolves to the endpoint's folder from the older path too.
        var action = new Uri(new Uri($"{host.Url}/{token}"), new HtmlParser().ParseDocument(html).QuerySelector("form")!.GetAttribute("action")!);
        Assert.Equal(host.ActionUrl, action.ToString());
        using var posted = await host.Http.PostAsync(action, new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Action 2.5 updated", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithoutTheLinkField_IsRefusedAsNotValid()
    {
        var token = UpdateHost.TokenOf(host.LinkFor("2017-W03", "community-safety-team", "2.5"));
        var values = UpdateHost.FormValues((await host.GetAsync(token)).Html);
        values.Remove(UpdateLink.Field);

        using var posted = await host.Http.PostAsync(host.ActionUrl, new FormUrlEncodedContent(values));

        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Contains("This link is not valid", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
