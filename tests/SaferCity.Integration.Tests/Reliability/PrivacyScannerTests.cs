using System.Text;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// The scanner that guards the public boundary is itself tested: a check that cannot find a leak proves nothing.
/// Each disguise below is one an address could wear on its way into a published file.
/// </summary>
public sealed class PrivacyScannerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("safercity-scanner-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static Dictionary<string, byte[]> Site(string text) => new() { ["index.html"] = Encoding.UTF8.GetBytes(text) };

    [Theory]
    [InlineData("Contact JO.BLOGGS@EXAMPLE.GOV.UK today")] // upper case, any TLD case
    [InlineData("Contact Jo.Bloggs@Example.Org")]
    [InlineData("jörg.müller@beispiel.de")] // Unicode local part
    [InlineData("δοκιμή@παράδειγμα.δοκιμή")] // Unicode throughout, non-Latin TLD
    [InlineData("o'brien@example.org")] // apostrophe in the local part
    [InlineData("o’brien@example.org")] // typographic apostrophe
    [InlineData("jo+scp@example.org")] // plus addressing
    [InlineData("jo\u200B.bloggs@\u200Bexample\u200C.org")] // zero-width space and non-joiner
    [InlineData("jo\u00ADbloggs@exam\u00ADple.org")] // soft hyphens
    [InlineData("jo\uFF20example.org")] // full-width commercial at
    [InlineData("jo&#64;example.org")] // HTML numeric entity
    [InlineData("jo&commat;example.org")] // HTML named entity
    [InlineData("jo\\u0040example.org")] // JSON escape, as a serializer may write it
    [InlineData("j\\u00F6rg@example.org")] // JSON-escaped Unicode letter
    [InlineData("mailto:jo%40example.org")] // URL escape
    public void Scan_AddressInDisguise_IsFound(string published)
    {
        var scanner = PrivacyScanner.ForInputs([]);

        Assert.NotEmpty(scanner.Scan(Site($"<p>{published}</p>")));
    }

    [Theory]
    [InlineData("[email address removed]")]
    [InlineData("@media print { body { color: #000 } }")]
    [InlineData("Meet @ the town hall, 10:00 @ room 2")]
    [InlineData("Ongoing. See the 2016/17 plan.")]
    public void Scan_TextWithoutAnAddress_FindsNothing(string published)
    {
        Assert.Empty(PrivacyScanner.ForInputs([]).Scan(Site(published)));
    }

    [Fact]
    public void ForInputs_HostileCorpus_KnowsItsAddressesAndHiddenText()
    {
        HostileInputTests.WriteCorpus(dir);

        var scanner = HostileInputTests.Scanner(dir);

        // From the tracker, the leads list (an email column's malformed value too) and the settings.
        foreach (var address in new[] { "someone.private@example.com", "jo.bloggs@example.gov.uk", "x.y@example.org", "cst@example.gov.uk",
            "police@example.gov.uk", "<script>@example.com", HostileInputTests.Coordinator })
            Assert.Contains(address, scanner.Addresses, StringComparer.OrdinalIgnoreCase);
        // Text only the hidden items carry; their shared words ("Ongoing", the theme) may be published.
        Assert.Contains("SECRET-HIDDEN-ITEM operational detail", scanner.HiddenTexts);
        Assert.Contains("SECRET-HIDDEN-TOO", scanner.HiddenTexts);
        Assert.DoesNotContain("Ongoing", scanner.HiddenTexts);
        Assert.DoesNotContain("9. Hostile input", scanner.HiddenTexts);
    }

    [Fact]
    public void Scan_AddressAndHiddenTextFromTheInputs_FoundLiterallyInAnyFile()
    {
        HostileInputTests.WriteCorpus(dir);
        var scanner = HostileInputTests.Scanner(dir);
        var files = new Dictionary<string, byte[]>
        {
            ["index.html"] = Encoding.UTF8.GetBytes("<p>all clear</p>"),
            ["actions.csv"] = Encoding.UTF8.GetBytes("9.38,secret-hidden-item OPERATIONAL detail"),
            ["assets/site.js"] = Encoding.UTF8.GetBytes("const lead = \"&lt;script&gt;@example.com\";"),
        };

        var findings = scanner.Scan(files);

        Assert.Contains(findings, f => f.StartsWith("actions.csv: text of a hidden item", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.StartsWith("assets/site.js: an address from the inputs: <script>@example.com", StringComparison.Ordinal));
        Assert.DoesNotContain(findings, f => f.StartsWith("index.html", StringComparison.Ordinal));
    }

    [Fact]
    public void Scan_HiddenTextEscapedTwiceInTheFeed_Found()
    {
        HostileInputTests.WriteCorpus(dir);
        var scanner = HostileInputTests.Scanner(dir);
        // HTML carried inside XML: the feed's entry content is escaped once for HTML and again for XML.
        var files = new Dictionary<string, byte[]>
        {
            ["feed.xml"] = Encoding.UTF8.GetBytes("<content type=\"html\">&lt;li&gt;SECRET&amp;#45;HIDDEN&amp;#45;TOO&lt;/li&gt;</content>"),
        };

        Assert.Contains(scanner.Scan(files), f => f.StartsWith("feed.xml: text of a hidden item: SECRET-HIDDEN-TOO", StringComparison.Ordinal));
    }
}
