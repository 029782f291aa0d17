using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Local;
using SaferCity.Core.Reading;
using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

/// <summary>serve --tracker FILE: a write is conditional on the item's version and replaces the file whole.</summary>
public sealed class FileUpdateTargetTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("safercity-file-target-").FullName;
    private readonly FileUpdateTarget target;

    public FileUpdateTargetTests()
    {
        File.Copy(Sample.TrackerPath, Path.Combine(dir, "tracker.json"));
        File.Copy(Sample.LeadsPath, Path.Combine(dir, "leads.json"));
        target = new FileUpdateTarget(Path.Combine(dir, "tracker.json"), Path.Combine(dir, "leads.json"),
            new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 9, 30, 0, TimeSpan.Zero)));
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private string Tracker => Path.Combine(dir, "tracker.json");

    [Fact]
    public async Task WriteAsync_CurrentVersion_ChangesOnlyThoseFieldsAndTheVersion()
    {
        var before = (await target.ReadItemAsync("11", CancellationToken.None))!;

        var outcome = await target.WriteAsync("11", new Dictionary<string, string> { ["RAG"] = "R", ["comments"] = "New." }, before.ETag!,
            CancellationToken.None);

        Assert.Equal(WriteOutcome.Written, outcome);
        var after = (await target.ReadItemAsync("11", CancellationToken.None))!;
        Assert.Equal(("R", "New."), (after["RAG"], after["Comments"])); // the existing column's spelling is kept
        Assert.Equal(before["KeyAction"], after["KeyAction"]);
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.Equal(new DateTimeOffset(2017, 1, 16, 9, 30, 0, TimeSpan.Zero), after.LastModified);
        var all = ListItemJson.Parse(File.ReadAllBytes(Tracker));
        Assert.Equal(42, all.Count);
        Assert.Equal(Sample.Lists().Tracker.Where(i => i.Id != "11").Select(i => i["Comments"]),
            all.Where(i => i.Id != "11").Select(i => i["Comments"]));
        Assert.Equal(["leads.json", "tracker.json"], Directory.GetFiles(dir).Select(Path.GetFileName).Order()); // no temporary file left
    }

    [Fact]
    public async Task WriteAsync_ItemEditedSinceRead_IsAConflictAndWritesNothing()
    {
        var shown = (await target.ReadItemAsync("11", CancellationToken.None))!;
        var tracker = JsonNode.Parse(File.ReadAllText(Tracker))!;
        tracker["value"]!.AsArray().Single(i => (string?)i!["id"] == "11")!["fields"]!["Comments"] = "Edited by hand.";
        File.WriteAllText(Tracker, tracker.ToJsonString());
        var edited = File.ReadAllBytes(Tracker);

        var outcome = await target.WriteAsync("11", new Dictionary<string, string> { ["RAG"] = "R" }, shown.ETag!, CancellationToken.None);

        Assert.Equal(WriteOutcome.Conflict, outcome);
        Assert.Equal(edited, File.ReadAllBytes(Tracker));
    }

    [Fact]
    public async Task ReadAndWrite_UnknownItem_NullAndNotFound()
    {
        var original = File.ReadAllBytes(Tracker);

        Assert.Null(await target.ReadItemAsync("999", CancellationToken.None));
        Assert.Equal(WriteOutcome.NotFound,
            await target.WriteAsync("999", new Dictionary<string, string> { ["RAG"] = "R" }, "\"x\"", CancellationToken.None));
        Assert.Equal(original, File.ReadAllBytes(Tracker));
    }
}
