using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.RegularExpressions;
using SaferCity.Core.Dashboard;
using static SaferCity.Core.Tests.Dashboard.DashboardFixtures;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>The stale-data notice, the coordinator contact, the printed footer line and the accessibility statement.</summary>
public sealed class PublicNoticesTests
{
    private static string Banner(string html) => Regex.Match(html, "<div id=\"stale-banner\"[^>]*>.*?</div>", RegexOptions.Singleline).Value;

    [Fact]
    public void Render_GeneratedOnItsAsOfDay_NoticeHiddenUntilTheReadersClockSaysStale()
    {
        var banner = Banner(Render(Document([Action("1.1", "T")])));   // as of 16 Jan, generated 07:00 that day

        Assert.StartsWith("<div id=\"stale-banner\" class=\"banner\" hidden=\"hidden\">", banner);
        Assert.DoesNotContain("role=", banner);
        Assert.Contains("Please tell the partnership coordinator.", banner);
    }

    [Fact]
    public void Render_GeneratedLongAfterItsAsOfDay_NoticeShownStaticallyWithoutAnAlertRole()
    {
        var doc = Document([Action("1.1", "T")]) with { GeneratedAt = new DateTimeOffset(2017, 1, 19, 7, 0, 0, TimeSpan.Zero) };

        var html = DashboardHtml.Render(doc, new DashboardOptions { StaleAfterHours = 26 }, NoVersions);

        Assert.StartsWith("<div id=\"stale-banner\" class=\"banner\">", Banner(html));
        Assert.DoesNotContain("role=\"alert\"", html);
        Assert.DoesNotContain("aria-live=\"assertive\"", html);
    }

    [Fact]
    public void Render_ContactUrlConfigured_LinkedFromTheNoticeTheFooterAndTheStatement()
    {
        var options = new DashboardOptions { ContactUrl = "https://example.gov.uk/contact-scp" };
        var doc = Document([Action("1.1", "T")]);

        var html = DashboardHtml.Render(doc, options, NoVersions);
        var statement = AccessibilityStatement.Render(options, NoVersions);

        Assert.Contains("Please <a href=\"https://example.gov.uk/contact-scp\">tell the partnership coordinator</a>.", Banner(html));
        Assert.Contains("<a href=\"https://example.gov.uk/contact-scp\">Contact the partnership coordinator</a>", html);
        Assert.Contains("<a href=\"accessibility.html\">Accessibility statement</a>", html);
        Assert.Contains("<a href=\"https://example.gov.uk/contact-scp\">contact the partnership coordinator</a>", statement);
    }

    [Theory]
    [InlineData("mailto:coordinator@example.gov.uk")]
    [InlineData("https://coordinator@example.gov.uk/")]
    [InlineData("coordinator@example.gov.uk")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/contact")]
    public void Validate_ContactUrlThatIsNotAPublicWebPage_RefusedWithTheSettingName(string url)
    {
        var options = new DashboardOptions { ContactUrl = url };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Contains(results, r => r.ErrorMessage!.StartsWith("Dashboard:ContactUrl must", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_HttpsContactUrlOrNone_Accepted()
    {
        foreach (var options in new[] { new DashboardOptions(), new DashboardOptions { ContactUrl = "https://example.gov.uk/contact" } })
            Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], validateAllProperties: true));
    }

    [Fact]
    public void Build_Site_PublishesTheStatementBeforeThePageAndAssetsUnchangedByTheRun()
    {
        var files = SiteBuilder.Build(Document([Action("1.1", "T")]), new DashboardOptions());

        var names = files.Select(f => f.Path).ToList();
        Assert.True(names.IndexOf(AccessibilityStatement.Path) >= 0 && names.IndexOf(AccessibilityStatement.Path) < names.IndexOf("index.html"));
        var statement = files.Single(f => f.Path == AccessibilityStatement.Path);
        Assert.Equal("text/html; charset=utf-8", statement.ContentType);
        var text = Encoding.UTF8.GetString(statement.Content.Span);
        foreach (var section in new[] { "<h3>Compliance status</h3>", "<h2>Non-accessible content</h2>", "<h2>Preparation of this statement</h2>",
                     "<h2>Reporting accessibility problems with this website</h2>", "<h2>Enforcement procedure</h2>" })
            Assert.Contains(section, text);
        Assert.Contains("Web Content Accessibility Guidelines version 2.2", text);
        // Assets live at fixed paths: one run's data never changes them, or a failed publish would alter the last good site.
        var later = SiteBuilder.Build(Document([Action("1.1", "T")]) with { GeneratedAt = new DateTimeOffset(2017, 2, 1, 7, 0, 0, TimeSpan.Zero) },
            new DashboardOptions());
        foreach (var asset in files.Where(f => f.Path.StartsWith("assets/", StringComparison.Ordinal)))
            Assert.True(asset.Content.Span.SequenceEqual(later.Single(f => f.Path == asset.Path).Content.Span), asset.Path);
        Assert.DoesNotContain("<script", text);
    }

    [Fact]
    public void Render_ReviewDate_FromTheSettingAndTheBuildNeverAConstant()
    {
        var unset = AccessibilityStatement.Render(new DashboardOptions(), NoVersions);
        var set = AccessibilityStatement.Render(new DashboardOptions { StatementReviewed = "2027-01-15" }, NoVersions);

        Assert.DoesNotContain("last reviewed by the partnership", unset);
        Assert.Contains("It was last reviewed by the partnership on 15 January 2027.", set);
        var built = DateOnly.ParseExact(AccessibilityStatement.BuildDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(
            $"This website was last tested on {built.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}", unset);
        // this build's day
        Assert.InRange(built, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-366), DateOnly.FromDateTime(DateTime.UtcNow).AddDays(1));
    }
}
