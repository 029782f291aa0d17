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
        Assert.StartsWith("import needs somewhere to write: --tracker OUT.json, or the SharePoint site in Tracker__SiteUrl (or --dry-run to see the plan only).", result.StdErr);
    }

    private static async Task<CliResult> CliAsync(params string[] args)
    {
        // No stand-in: import writes to the --tracker file, and run reads it.
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        return await stack.RunCliAsync(args);
    }
}
