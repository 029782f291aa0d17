using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary>
/// Hidden content in a Word tracker (Corpus/hidden-rows.docx, made by python-docx): a row marked hidden, a row of hidden
/// text, a row hidden by a character style, and hidden text in a shown comment. Like Excel's hidden rows, none is read;
/// the plan lists them, the figures are the eight shown actions', and nothing hidden reaches a published file.
/// </summary>
public sealed class HiddenWordRowsTests : IDisposable
{
    private const string AllEight =
        "As of 2017-01-16: 8 actions, 2 complete, 6 open (2 red, 2 amber, 2 green); 2 overdue, 2 due soon, 1 RAG mismatch;";
    private static readonly string HiddenRows = Path.Combine(AppContext.BaseDirectory, "Import", "Corpus", "hidden-rows.docx");
    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Import_HiddenWordRows_NotReadAndListedInThePlan()
    {
        var result = await CliAsync("import", HiddenRows, "--dry-run");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Read 8 actions from hidden-rows.docx.", result.StdOut);
        Assert.Contains("  Not read: table 1 rows 5, 8, 10 (hidden)", result.StdOut);
        Assert.Contains("  Not read: table 1 row 3: hidden text", result.StdOut);
        Assert.All(new[] { "9.7", "9.8", "9.9", "Kestrel" }, hidden => Assert.DoesNotContain(hidden, result.StdOut, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ImportThenRun_HiddenWordRows_GiveTheShownActionsFiguresAndPublishNothingHidden()
    {
        var tracker = files.PathOf("t.json");
        var import = await CliAsync("import", HiddenRows, "--tracker", tracker);
        var run = await CliAsync("run", "--tracker", tracker, "--as-of", "2017-01-16", "--out", files.PathOf("out"));

        Assert.True(import.ExitCode == 0, import.StdErr);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains(AllEight, run.StdOut);
        Assert.DoesNotContain("Kestrel", File.ReadAllText(tracker), StringComparison.Ordinal);
        Assert.DoesNotContain("Withdrawn", File.ReadAllText(tracker), StringComparison.Ordinal);
        var published = Directory.GetFiles(Path.Combine(files.PathOf("out"), "site"), "*", SearchOption.AllDirectories);
        Assert.Contains(published, f => f.EndsWith("dashboard.json", StringComparison.Ordinal));
        Assert.All(published, f => Assert.DoesNotContain("Kestrel", File.ReadAllText(f), StringComparison.Ordinal));
    }

    private static async Task<CliResult> CliAsync(params string[] args)
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        return await stack.RunCliAsync(args);
    }
}
