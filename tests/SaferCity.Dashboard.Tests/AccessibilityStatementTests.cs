using System.Reflection;
using SaferCity.Core.Dashboard;

namespace SaferCity.Dashboard.Tests;

/// <summary>
/// The accessibility statement in Chromium: the GOV.UK model statement's sections, and every claim it makes is a
/// check that a test in this project carries, so a claim cannot outlive its test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityStatementTests(BrowserFixture fixture)
{
    private static IReadOnlyList<string> CheckedIds() =>
    [
        .. typeof(AccessibilityStatementTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null)
            .SelectMany(m => m.GetCustomAttributes<StatementCheckAttribute>())
            .Select(a => a.Id),
    ];

    [Fact]
    [StatementCheck("statement")]
    public void Checks_EveryClaimHasATestAndEveryTestAClaim()
    {
        var claimed = AccessibilityChecks.All.Select(c => c.Id).ToHashSet();
        var tested = CheckedIds().ToHashSet();

        Assert.Empty(claimed.Except(tested)); // a claim with no test
        Assert.Empty(tested.Except(claimed)); // a test for a claim the statement no longer makes
        Assert.Equal(claimed.Count, AccessibilityChecks.All.Count); // ids are unique
    }

    [Fact]
    [StatementCheck("statement")]
    public async Task Statement_HasTheModelSectionsAndOnlyTheTestedClaims()
    {
        await using var context = await fixture.NewContextAsync(320, 640);
        var page = await context.NewPageAsync();
        await page.GotoAsync(fixture.Sample.Url(AccessibilityStatement.Path));

        var headings = (await page.Locator("main h2, main h3").AllTextContentsAsync()).Select(t => t.Trim()).ToList();
        Assert.Equal(
        [
            "How accessible this website is", "Feedback and contact information", "Reporting accessibility problems with this website",
            "Enforcement procedure", "Technical information about this website\u2019s accessibility", "Compliance status",
            "Non-accessible content", "Non-compliance with the accessibility regulations", "Content that is not within our control",
            "Preparation of this statement",
        ], headings);
        var scope = await page.Locator(".lede").TextContentAsync();
        foreach (var part in new[] { "dashboard", "committee paper", "feed", "update service" }) Assert.Contains(part, scope,
            StringComparison.Ordinal);

        // "You should be able to" lists exactly the checks' claims; the preparation section, their methods and the pages.
        var lists = page.Locator("main ul.statement__list");
        Assert.Equal(AccessibilityChecks.All.Select(c => c.YouCan).OfType<string>(), await lists.Nth(0).Locator("li").AllTextContentsAsync());
        Assert.Equal(AccessibilityChecks.Pages, await lists.Nth(2).Locator("li").AllTextContentsAsync());
        Assert.Equal(AccessibilityChecks.All.Select(c => c.Method), await lists.Nth(3).Locator("li").AllTextContentsAsync());
        var text = await page.Locator("main").TextContentAsync();
        Assert.DoesNotContain("fully compliant", text, StringComparison.Ordinal);
        Assert.Contains("Equality Advisory and Support Service (EASS)", text, StringComparison.Ordinal);
        Assert.Contains("get back to you in 10 working days", text, StringComparison.Ordinal);
        var built = DateOnly.ParseExact(AccessibilityStatement.BuildDate, "yyyy-MM-dd").ToString("d MMMM yyyy",
            System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains($"This website was last tested on {built}", text, StringComparison.Ordinal);
    }
}
