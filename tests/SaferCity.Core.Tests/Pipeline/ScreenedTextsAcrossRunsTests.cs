using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// A run screens only the texts the last run did not pass (<see cref="ScreenedTexts"/>, kept with the private state):
/// what it withholds, publishes and tells the coordinator is what a full screen gives.
/// </summary>
public sealed class ScreenedTextsAcrossRunsTests
{
    private const string Day = "2017-01-16";

    private static Harness TrackerWithSomePersonalDetails() => new(
    [
        Items.Action("1.1", comments: "Mr A. Khan, victim of the assault, mobile 07700 900123.", rag: "A"),
        Items.Action("1.2", text: "Patrols near EC2V 7H", comments: "On track."),
        Items.Action("1.3", lead: "DC Jane Smith", comments: "Vehicle LV67 XYZ flagged."),
        Items.Action("1.4", comments: "Training delivered to 120 staff."),
        Items.Action("1.5", deadline: "when the victim is Muslim enough", comments: "Ongoing work with faith groups."),
    ]);

    private static string[] Described(IEnumerable<WithheldValue> withheld) => withheld.Select(w => w.Describe()).ToArray();

    private static UInt128[] StoredHashes(Harness harness)
    {
        using var json = JsonDocument.Parse(harness.State.Documents[ScreenedTexts.Document]);
        return MemoryMarshal.Cast<byte, UInt128>(json.RootElement.GetProperty("passed").GetBytesFromBase64()).ToArray();
    }

    [Fact]
    public async Task RunAsync_UnchangedRerun_SameFindingsAsAFullScreen()
    {
        var harness = TrackerWithSomePersonalDetails();
        var first = await harness.RunAsync(Day);
        var stored = harness.State.Documents[ScreenedTexts.Document];
        var writes = harness.State.Writes;
        harness.Time.Advance(TimeSpan.FromHours(1));

        var again = await harness.RunAsync(Day);

        Assert.True(again.Unchanged);
        var full = DashboardBuilder.Screened(again.Report!).Withheld; // every text screened afresh
        Assert.Equal(Described(full), Described(again.Report!.Withheld));
        Assert.Equal(Described(first.Report!.Withheld), Described(again.Report.Withheld));
        Assert.Equal(4, again.Report.Withheld.Count);
        Assert.Equal(first.Summary, again.Summary);
        Assert.Equal(writes, harness.State.Writes); // the same texts passed: the document is not rewritten
        Assert.Equal(stored, harness.State.Documents[ScreenedTexts.Document]);
    }

    [Fact]
    public async Task RunAsync_FirstRun_RemembersEveryPublishedTextAndNoWithheldOne()
    {
        var harness = TrackerWithSomePersonalDetails();
        await harness.RunAsync(Day);

        var hashes = StoredHashes(harness);
        var published = harness.PublishedDashboard().Actions
            .SelectMany(a => new[] { a.Theme, a.Text, a.Comments }.Concat(a.Leads))
            .Where(t => !string.IsNullOrWhiteSpace(t) && t != PublicScreen.Phrase).Distinct().ToList();
        Assert.NotEmpty(published);
        Assert.All(published, text => Assert.Contains(ScreenedTexts.Hash(text), hashes));
        Assert.Contains(ScreenedTexts.Hash("Training delivered to 120 staff."), hashes);
        Assert.DoesNotContain(ScreenedTexts.Hash("Mr A. Khan, victim of the assault, mobile 07700 900123."), hashes);
        Assert.DoesNotContain(ScreenedTexts.Hash("DC Jane Smith"), hashes);
    }

    [Fact]
    public async Task RunAsync_TextChangedByOneCharacter_ScreenedAgainAndWithheld()
    {
        var harness = TrackerWithSomePersonalDetails();
        await harness.RunAsync(Day);
        Assert.Equal("Patrols near EC2V 7H", harness.PublishedDashboard().Actions.Single(a => a.Id == "1.2").Text);

        harness.Edit("1.2", item => Harness.With(item, "KeyAction", "Patrols near EC2V 7HH"));
        var again = await harness.RunAsync(Day);

        Assert.Equal(PublicScreen.Phrase, harness.PublishedDashboard().Actions.Single(a => a.Id == "1.2").Text);
        Assert.Contains(again.Report!.Withheld, w => w.Actions.SequenceEqual(["1.2"]) && w.Match.Kind == "a postcode");
        Assert.DoesNotContain(ScreenedTexts.Hash("Patrols near EC2V 7HH"), StoredHashes(harness));
        Assert.DoesNotContain(ScreenedTexts.Hash("Patrols near EC2V 7H"), StoredHashes(harness)); // gone from the tracker
    }

    [Fact]
    public async Task RunAsync_StoredByAnotherScreen_ScreensEveryText()
    {
        var harness = TrackerWithSomePersonalDetails();
        // What another screen passed, this one may not: a text this screen flags, as another screen's pass.
        harness.State.Documents[ScreenedTexts.Document] = JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = 1,
            screen = "another screen",
            passed = MemoryMarshal.AsBytes([ScreenedTexts.Hash("Vehicle LV67 XYZ flagged.")]).ToArray(),
        });

        var run = await harness.RunAsync(Day);

        Assert.Contains(run.Report!.Withheld, w => w.Match.Kind == "a vehicle registration");
        Assert.Equal(PublicScreen.Phrase, harness.PublishedDashboard().Actions.Single(a => a.Id == "1.3").Comments);
        Assert.DoesNotContain(ScreenedTexts.Hash("Vehicle LV67 XYZ flagged."), StoredHashes(harness));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"format\":1,")]
    public async Task RunAsync_StoredDocumentUnreadable_ScreensEveryTextAndRewritesIt(string stored)
    {
        var harness = TrackerWithSomePersonalDetails();
        harness.State.Documents[ScreenedTexts.Document] = Encoding.UTF8.GetBytes(stored);

        var run = await harness.RunAsync(Day);

        Assert.Equal(4, run.Report!.Withheld.Count);
        Assert.NotEmpty(StoredHashes(harness));
    }

    [Fact]
    public async Task RunAsync_ScreenedTexts_NeverPublished()
    {
        var harness = TrackerWithSomePersonalDetails();
        await harness.RunAsync(Day);
        using var json = JsonDocument.Parse(harness.State.Documents[ScreenedTexts.Document]);
        var passed = json.RootElement.GetProperty("passed").GetString()!;
        var screen = json.RootElement.GetProperty("screen").GetString()!;

        Assert.DoesNotContain(harness.Site.Files.Keys, f => f.Contains("screened", StringComparison.OrdinalIgnoreCase));
        foreach (var file in harness.Site.Files.Values)
        {
            var text = Encoding.UTF8.GetString(file.Content.Span);
            Assert.DoesNotContain(passed[..24], text, StringComparison.Ordinal);
            Assert.DoesNotContain(screen, text, StringComparison.Ordinal);
        }
        var stored = Encoding.UTF8.GetString(harness.State.Documents[ScreenedTexts.Document]);
        foreach (var word in new[] { "Training", "Patrols", "On track", "Khan", "Community Safety" })
            Assert.DoesNotContain(word, stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RunAsync_DryRun_StoresNoScreenedTexts()
    {
        var harness = TrackerWithSomePersonalDetails();

        await harness.RunAsync(Day, dryRun: true);

        Assert.False(harness.State.Documents.ContainsKey(ScreenedTexts.Document));
    }
}
