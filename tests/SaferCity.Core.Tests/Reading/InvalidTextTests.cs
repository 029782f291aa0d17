using System.Text;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reading;

/// <summary>
/// Text that is not valid Unicode (a lone UTF-16 surrogate, bytes that are not UTF-8) is read leniently, as U+FFFD,
/// and reported; text that reorders what is displayed (bidi overrides) is dropped before it goes anywhere.
/// </summary>
public class InvalidTextTests
{
    private static string CommentsOf(string fieldJson) =>
        (string)ListItemJson.Parse(Encoding.UTF8.GetBytes(
            $$$"""{"value":[{"id":"1","fields":{"Title":"1.1","Comments":{{{fieldJson}}}}}]}"""))[0]["Comments"]!;

    [Theory]
    [InlineData("\"bad \\ud800 here\"", "bad \uFFFD here")]        // lone high surrogate
    [InlineData("\"bad \\udc00 here\"", "bad \uFFFD here")]        // lone low surrogate
    [InlineData("\"end \\uD800\"", "end \uFFFD")]                  // high surrogate at the end of the string
    [InlineData("\"\\udc00\\ud800\"", "\uFFFD\uFFFD")]             // a pair the wrong way round
    [InlineData("\"\\ud800\\u0041\"", "\uFFFDA")]                  // high surrogate followed by a letter
    [InlineData("\"smile \\ud83d\\ude00\"", "smile \U0001F600")]   // a proper pair is kept
    [InlineData("\"a \\\\ud800 b\"", "a \\ud800 b")]               // an escaped backslash: the text "\ud800", not an escape
    public void Parse_LoneSurrogateEscape_ReadAsReplacementCharacter(string json, string expected) =>
        Assert.Equal(expected, CommentsOf(json));

    [Fact]
    public void Parse_BytesThatAreNotUtf8_ReadAsReplacementCharacter()
    {
        var json = Encoding.UTF8.GetBytes("""{"value":[{"id":"1","fields":{"Title":"1.1","Comments":"bad X here"}}]}""");
        json[Array.IndexOf(json, (byte)'X')] = 0xFF;

        Assert.Equal("bad \uFFFD here", ListItemJson.Parse(json)[0]["Comments"]);
    }

    [Fact]
    public void Parse_LoneSurrogateInAComment_KeptAsReplacementAndReported()
    {
        var parsed = new TrackerParser().Parse(new TrackerLists([Items.Action("1.1", comments: "bad \ud800 here")], Items.StandardLeads));

        Assert.Equal("bad \uFFFD here", parsed.Actions.Single().Comments);
        Assert.Contains(new Finding("1.1", "comments", "invalid characters"), parsed.Findings);
    }

    [Fact]
    public void Parse_ReplacementCharacterFromTheSource_Reported()
    {
        var parsed = new TrackerParser().Parse(new TrackerLists([Items.Action("1.1", text: "Do \uFFFD thing")], Items.StandardLeads));

        Assert.Contains(new Finding("1.1", "text", "invalid characters"), parsed.Findings);
    }

    [Fact]
    public void Parse_ReplacementCharacterInALeadName_Reported()
    {
        var parsed = new TrackerParser().Parse(new TrackerLists([Items.Action("1.1", lead: "CST; Poli\uFFFDe")], Items.StandardLeads));

        Assert.Contains(new Finding("1.1", "lead", "invalid characters"), parsed.Findings);
        Assert.Equal(["Community Safety Team"], parsed.Actions.Single().Leads);
    }

    [Fact]
    public async Task RunAsync_LoneSurrogateInAComment_RunCompletesAndPublishes()
    {
        var harness = new Harness([Items.Action("1.1", comments: "Progress \ud800 made"), Items.Action("1.2")]);

        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Equal(SaferCity.Core.Pipeline.RunStatus.Completed, outcome.Status);
        Assert.Equal("Progress \uFFFD made", harness.PublishedDashboard().Actions.Single(a => a.Id == "1.1").Comments);
    }

    [Theory]
    [InlineData("\u202E")] // right-to-left override
    [InlineData("\u202A")] // left-to-right embedding
    [InlineData("\u202D")] // left-to-right override
    [InlineData("\u2066")] // left-to-right isolate
    [InlineData("\u2069")] // pop directional isolate
    public void Parse_BidiControlInAnyField_Removed(string control)
    {
        var item = Items.Action($"1.{control}1", theme: $"1. Theme{control}", text: $"Pay {control}gnp.exe",
            comments: $"Safe{control} text", lead: $"CST{control}");

        var action = new TrackerParser().Parse(new TrackerLists([item], Items.StandardLeads)).Actions.Single();

        Assert.Equal(("1.1", "1. Theme", "Pay gnp.exe", "Safe text"), (action.Number, action.Theme, action.Text, action.Comments));
        Assert.Equal(["Community Safety Team"], action.Leads);
    }

    [Fact]
    public async Task RunAsync_BidiOverrideInAComment_NotInAnyPublishedFile()
    {
        var harness = new Harness([Items.Action("1.1", comments: "Invoice \u202Efdp.exe")]);

        await harness.RunAsync("2017-01-16");

        Assert.Equal("Invoice fdp.exe", harness.PublishedDashboard().Actions.Single().Comments);
        foreach (var (path, file) in harness.Site.Files)
        {
            var text = Encoding.UTF8.GetString(file.Content.Span);
            Assert.False(text.Contains('\u202E', StringComparison.Ordinal), path);
        }
    }
}
