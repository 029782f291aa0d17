using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using SaferCity.Infrastructure.Composition;
using SaferCity.Infrastructure.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// The admin sign-in as the requests show it: what a chosen credential gives goes with every Graph and SharePoint request
/// of the admin commands, and the update form keeps the app's own identity.
/// </summary>
public sealed class GraphAdminSignInTests
{
    /// <summary>A person's credential, hand-written: one token, and every scope it was asked for.</summary>
    private sealed class PersonCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes) Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("admin-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    [Fact]
    public async Task Check_AdminSignIn_EveryGraphAndSharePointRequestCarriesItsToken()
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);
        var person = new PersonCredential();
        await using var services = stack.Services(replace: s => s.AddSingleton(new GraphSignIn(person)));

        var report = await services.GetRequiredService<GraphChecker>().CheckAsync(CancellationToken.None);

        Assert.Null(report.Blocker);
        var seen = stack.Graph.Authorizations;
        Assert.Contains(seen, a => a.Contains("/_api/", StringComparison.Ordinal)); // SharePoint's REST (zone, permissions)
        Assert.Contains(seen, a => a.StartsWith("/v1.0/sites/", StringComparison.Ordinal));
        Assert.All(seen, a => Assert.EndsWith(": Bearer admin-token", a, StringComparison.Ordinal));
        var root = new Uri(stack.Graph.BaseUrl).GetLeftPart(UriPartial.Authority);
        Assert.Equal([$"{root}/.default"], person.Scopes.Distinct());
    }

    [Fact]
    public async Task UpdateForm_AdminSignInChosen_KeepsTheAppsIdentity()
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);
        var person = new PersonCredential();
        await using var services = stack.Services(replace: s => s.AddSingleton(new GraphSignIn(person)));
        var form = services.GetRequiredKeyedService<GraphServiceClient>(TrackerSourceRegistration.FormClient);

        await GraphCalls.ResolveSiteIdAsync(form, GraphEmulator.SiteUrl, CancellationToken.None);

        // The app's identity on an emulator is no token at all: the person's never reached the wire.
        Assert.Equal(["none"], stack.Graph.Authorizations.Select(a => a[(a.LastIndexOf(": ", StringComparison.Ordinal) + 2)..]).Distinct());
        Assert.Empty(person.Scopes);
    }
}
