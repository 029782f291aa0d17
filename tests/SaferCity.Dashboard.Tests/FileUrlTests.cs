namespace SaferCity.Dashboard.Tests;

/// <summary>
/// The README says to open out/site/index.html straight from disk: the filters must work there too, under the
/// page's own Content-Security-Policy (script-src 'self' on a file:// page).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FileUrlTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Filters_OpenedFromFileUrl_WorkAndKeepTheFilterInTheUrl()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };

        await page.GotoAsync(new Uri(Path.Combine(fixture.SampleSiteDir, "index.html")).AbsoluteUri);
        await page.SelectOptionAsync("#filter-rag", "amber");

        Assert.StartsWith("file://", page.Url);
        Assert.EndsWith("index.html?rag=amber", page.Url);
        Assert.Equal("Showing 7 of 42 actions", await page.Locator("#filters [role=status]").TextContentAsync());
        Assert.Empty(errors); // no script or style blocked by the policy
    }
}
