using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary><c>safercity import</c> as a person runs it: a process, its output, its exit code, its files.</summary>
public sealed class ImportCliTests : IDisposable
{
    private static readonly string SampleDocx = Path.Combine(AppContext.BaseDirectory, "sample", "scp-progress-monitoring-2016-17.docx");
    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Import_SampleDocxThenRun_PrintsTheSampleFigures()
    {
        var tracker = files.PathOf("t.json");

        var import = await CliAsync("import", SampleDocx, "--tracker", tracker);
        var run = await CliAsync("run", "--tracker", tracker, "--as-of", "2017-01-16", "--out", files.PathOf("out"), "--dry-run");

        Assert.True(import.ExitCode == 0, import.StdErr);
        Assert.Contains("Plan: 42 to create, 0 to update, 0 unchanged, 0 in the list but not in the file.", import.StdOut);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("42 actions, 15 complete, 27 open (0 red, 7 amber, 20 green); 2 overdue, 6 due soon, 2 RAG mismatch", run.StdOut);
    }

    [Fact]
    public async Task Import_SameFileTwice_SecondLeavesTheFileUntouched()
    {
        var tracker = files.PathOf("t.json");
        await CliAsync("import", SampleDocx, "--tracker", tracker);
        var written = File.ReadAllBytes(tracker);
        var stamp = File.GetLastWriteTimeUtc(tracker);

        var again = await CliAsync("import", SampleDocx, "--tracker", tracker);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Plan: 0 to create, 0 to update, 42 unchanged, 0 in the list but not in the file.", again.StdOut);
        Assert.Equal(written, File.ReadAllBytes(tracker));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(tracker));
    }

    [Fact]
    public async Task Import_SameFileAfterALeadsUpdate_KeepsTheUpdateAndWritesNothing()
    {
        var tracker = files.PathOf("t.json");
        await CliAsync("import", SampleDocx, "--tracker", tracker);
        LeadUpdates(tracker, "1.2", "Comments", "Updated online by the lead");
        var updated = File.ReadAllBytes(tracker);

        var again = await CliAsync("import", SampleDocx, "--tracker", tracker);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Plan: 0 to create, 0 to update, 42 unchanged", again.StdOut);
        Assert.Contains("Changed in the list since the last import, kept: 1.2 Comments", again.StdOut);
        Assert.Equal(updated, File.ReadAllBytes(tracker));
    }

    [Fact]
    public async Task Import_FieldChangedInListAndFile_ConflictKeptAsTheListHasItUnlessOverwrite()
    {
        var tracker = files.PathOf("t.json");
        await CliAsync("import", files.Docx("v1.docx"), "--tracker", tracker);
        LeadUpdates(tracker, "1.2", "Comments", "Updated online by the lead");
        var edited = files.Docx("v2.docx", ImportFiles.SeedWith("1.2", r => r with { Comments = "Edited in the Word copy" }));

        var plain = await CliAsync("import", edited, "--tracker", tracker);
        var kept = Comments(tracker, "1.2");
        var overwritten = await CliAsync("import", edited, "--tracker", tracker, "--overwrite");

        Assert.Contains("Conflict, changed in the list and in the file, kept as the list has it (--overwrite takes the file's): 1.2 Comments",
            plain.StdOut);
        Assert.Equal("Updated online by the lead", kept);
        Assert.Equal(0, overwritten.ExitCode);
        Assert.Equal("Edited in the Word copy", Comments(tracker, "1.2"));
    }

    [Fact]
    public async Task Import_DryRunWithoutATarget_PrintsThePlan()
    {
        var result = await CliAsync("import", SampleDocx, "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Plan: 42 to create", result.StdOut);
        Assert.Contains("Dry run: nothing was written", result.StdOut);
    }

    [Fact]
    public async Task Import_OutInsteadOfTracker_SuggestsTracker()
    {
        var result = await CliAsync("import", SampleDocx, "--out", files.PathOf("x.json"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("import does not take --out (that is an option of run): to write a tracker file, use --tracker OUT.json.", result.StdErr);
    }

    [Theory]
    [InlineData("--tracker", "tracker.docx",
        "The tracker file '{0}' is a Word document, not JSON: to bring it in, use `import FILE --tracker OUT.json`")]
    [InlineData("--leads", "leads.csv",
        "The leads file '{0}' is not JSON (it looks like CSV: to bring a table of leads in, use `import FILE --leads OUT.json`)")]
    public async Task Run_OfficeOrCsvFileGiven_NamesItAndSuggestsImport(string option, string name, string expected)
    {
        var path = files.PathOf(name);
        if (name.EndsWith(".docx", StringComparison.Ordinal)) File.Copy(SampleDocx, path);
        else File.WriteAllText(path, "Name,Email\nPolice,police@example.org\n");

        var result = await CliAsync("run", option, path, "--out", files.PathOf("out"), "--dry-run");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(string.Format(System.Globalization.CultureInfo.InvariantCulture, expected, path), result.StdErr);
    }

    /// <summary>What an update link does to a tracker file: one field of one item set.</summary>
    private static void LeadUpdates(string tracker, string number, string field, string value)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tracker))!;
        var item = root["value"]!.AsArray().First(i => (string?)i!["fields"]!["Title"] == number)!;
        item["fields"]![field] = value;
        File.WriteAllText(tracker, root.ToJsonString());
    }

    private static string? Comments(string tracker, string number) =>
        (string?)System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tracker))!["value"]!.AsArray()
            .First(i => (string?)i!["fields"]!["Title"] == number)!["fields"]!["Comments"];

    [Fact]
    public async Task Import_DryRun_WritesNoFile()
    {
        var tracker = files.PathOf("t.json");

        var result = await CliAsync("import", SampleDocx, "--dry-run", "--tracker", tracker);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Plan: 42 to create", result.StdOut);
        Assert.Contains("Dry run: nothing was written to t.json.", result.StdOut);
        Assert.False(File.Exists(tracker));
    }

    [Fact]
    public async Task Import_DuplicateNumbers_ExitsTwoNamingTheRowsAndWritesNothing()
    {
        var path = files.Docx("duplicate.docx", ImportFiles.Seed.Select(r => r.Number == "1.4" ? r with { Number = "1.3" } : r));
        var tracker = files.PathOf("t.json");

        var result = await CliAsync("import", path, "--tracker", tracker);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Import refused, nothing written: table 1 row 5 and table 1 row 6 both have action number 1.3.", result.StdErr.Trim());
        Assert.False(File.Exists(tracker));
    }

    [Fact]
    public async Task Import_NoDestination_ExitsTwoSayingWhereToWrite()
    {
        var result = await CliAsync("import", SampleDocx);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("import needs somewhere to write: --tracker OUT.json, or the SharePoint site in Tracker__SiteUrl " +
            "(or --dry-run to see the plan only).", result.StdErr);
    }

    private static async Task<CliResult> CliAsync(params string[] args)
    {
        // No stand-in: import writes to the --tracker file, and run reads it.
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        return await stack.RunCliAsync(args);
    }
}
