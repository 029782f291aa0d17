using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Updates;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Updates;

/// <summary>
/// "Email me a new link" end to end: the production composition, the Graph emulator's leads list, the real SendGrid
/// client against the fake SendGrid server, state in Azurite. An expired link's page asks; the fresh link goes to the
/// lead's listed address only, works, and is recorded; the page names the lead, never an address.
/// </summary>
public sealed partial class NewLinkTests : IAsyncLifetime
{
    private TestStack stack = null!;
    private UpdateHost host = null!;

    public async Task InitializeAsync()
    {
        stack = await TestStack.StartAsync();
        host = await UpdateHost.StartAsync(stack);
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await stack.DisposeAsync();
    }

    [GeneratedRegex(@"Update: (\S+)")]
    private static partial Regex UpdateLine();

    [Fact]
    public async Task ExpiredLink_EmailMeANewLink_SendsAWorkingLinkToTheListedAddressOnly()
    {
        var now = host.Time.GetUtcNow();
        var signer = new UpdateLinkSigner(host.Services.GetRequiredService<IOptions<UpdatesOptions>>().Value);
        // item 1 of the leads list: the Community Safety Team
        var expired = signer.Sign(new UpdateLink("#1", "11", "2.5", now.AddDays(-30), now.AddDays(-2)));

        var (status, refusal) = await host.GetAsync(expired);
        Assert.Equal(HttpStatusCode.Gone, status);
        var offer = new HtmlParser().ParseDocument(refusal).QuerySelector("form")!;
        var fields = offer.QuerySelectorAll("input").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        using var sent = await host.Http.PostAsync(new Uri(new Uri(host.PageUrl(expired)), offer.GetAttribute("action")!),
            new FormUrlEncodedContent(fields));
        var page = await sent.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Equal("We have emailed you a new link \u2013 Safer City Partnership", UpdateHost.Title(page));
        Assert.Contains("sent to the addresses listed for Community Safety Team", page, StringComparison.Ordinal);
        Assert.DoesNotContain("@", page, StringComparison.Ordinal);
        var message = Assert.Single(stack.SendGrid.AcceptedRequests);
        Assert.Equal(["community.safety@example.gov.uk"], message.To);
        var link = UpdateLine().Match(message.Content("text/plain")).Groups[1].Value;
        Assert.StartsWith(UpdateHost.BaseUrl + "/?link=", link, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await host.GetAsync(UpdateHost.TokenOf(link))).Status);
        // recorded
        Assert.Single(await host.Services.GetRequiredService<SaferCity.Core.Model.IStateStore>().ListAsync("new-links/", CancellationToken.None));

        // Asking again within the hour sends nothing more and says when to try again.
        using var again = await host.Http.PostAsync(host.ActionUrl, new FormUrlEncodedContent(fields));
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Single(stack.SendGrid.AcceptedRequests);
    }

    [Fact]
    public async Task Digest_Link_NamesTheLeadByItsLeadsListItemId()
    {
        await host.RunAsync(new DateOnly(2017, 1, 16));
        var message = stack.SendGrid.AcceptedRequests.First(r => r.To.Contains("community.safety@example.gov.uk"));
        var token = UpdateHost.TokenOf(UpdateLine().Match(message.Content("text/plain")).Groups[1].Value);

        var check = new UpdateLinkSigner(host.Services.GetRequiredService<IOptions<UpdatesOptions>>().Value).Check(token, host.Time.GetUtcNow());

        Assert.Equal("#1", check.Link!.LeadKey);
    }
}
