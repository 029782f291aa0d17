using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary>
/// Trackers in the shapes partnerships keep them (Import/Corpus, made by make-corpus.py with python-docx and openpyxl,
/// not with the reader's own library), imported and then run as a new user would. Each gives exactly its figures,
/// or is refused with exit code 2, one line, and nothing written: never exit 0 with wrong figures.
/// </summary>
public sealed class ImportCorpusTests : IDisposable
{
    // Every accepted file holds the same eight actions; the confidential ones hide 2.4 (red, due soon).
    private const string AllEight =
        "As of 2017-01-16: 8 actions, 2 complete, 6 open (2 red, 2 amber, 2 green); 2 overdue, 2 due soon, 1 RAG mismatch;";
    private const string SevenPublic =
        "As of 2017-01-16: 7 actions, 2 complete, 5 open (1 red, 2 amber, 2 green); 2 overdue, 1 due soon, 1 RAG mismatch;";
    private const string Secret = "Nightjar";

    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    public static TheoryData<string, string> Accepted => new()
    {
        { "seed-pdf-to-word.docx", AllEight },
        { "themes-under-headings.docx", AllEight },
        { "council-headings.xlsx", AllEight },
        { "brag.xlsx", AllEight },
        { "colour-only.xlsx", AllEight },
        { "status-holds-rag.xlsx", AllEight },
        { "typed-deadlines.xlsx", AllEight },
        { "hidden-sheet.xlsx", AllEight },
        { "confidential.docx", SevenPublic },
        { "sharepoint-export.csv", SevenPublic },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task ImportThenRun_CorpusFile_GivesItsExpectedFigures(string name, string expected)
    {
        var tracker = files.PathOf("t.json");
        var import = await CliAsync("import", Corpus(name), "--tracker", tracker);
        var run = await CliAsync("run", "--tracker", tracker, "--as-of", "2017-01-16", "--out", files.PathOf("out"), "--dry-run");

        Assert.True(import.ExitCode == 0, import.StdErr);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains(expected, run.StdOut);
    }

    [Theory]
    [InlineData("confidential.docx")]
    [InlineData("sharepoint-export.csv")]
    public async Task ImportThenRun_ConfidentialRow_ReachesNoPublishedFile(string name)
    {
        var tracker = files.PathOf("t.json");
        var import = await CliAsync("import", Corpus(name), "--tracker", tracker);
        await CliAsync("run", "--tracker", tracker, "--as-of", "2017-01-16", "--out", files.PathOf("out"));

        Assert.Contains("1 of 8 actions (2.4)", import.StdOut);
        var site = Path.Combine(files.PathOf("out"), "site");
        var published = Directory.GetFiles(site, "*", SearchOption.AllDirectories);
        Assert.Contains(published, f => f.EndsWith("dashboard.json", StringComparison.Ordinal));
        Assert.All(published, f => Assert.DoesNotContain(Secret, File.ReadAllText(f), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Import_NoHideColumn_PlanSaysAllArePublic()
    {
        var result = await CliAsync("import", Corpus("brag.xlsx"), "--dry-run");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Columns: Action No → number, Workstream → theme, Description → keyAction, Due → deadline, Owner → lead, " +
            "BRAG → rag, Notes → comments.", result.StdOut);
        Assert.Contains("No hide column: all 8 actions will be public.", result.StdOut);
    }

    [Fact]
    public async Task Import_HiddenSheetRowAndColumn_NotReadAndListed()
    {
        var result = await CliAsync("import", Corpus("hidden-sheet.xlsx"), "--dry-run");

        Assert.Contains("Not read: sheet '2015-16' (hidden)", result.StdOut);
        Assert.Contains("Not read: sheet '2016-17' row 6 (hidden)", result.StdOut);
        Assert.Contains("Not read: sheet '2016-17' column F (hidden)", result.StdOut);
        Assert.DoesNotContain("9.9", result.StdOut);
    }

    public static TheoryData<string, string> Refused => new()
    {
        { "refused-no-lead.docx",
            "refused-no-lead.docx cannot be read as a tracker: no column for lead. Headings seen: Ref, Action, Target date, Person, RAG." },
        { "refused-mostly-empty.xlsx",
            "refused-mostly-empty.xlsx cannot be read as a tracker: the deadline column ('Deadline') is empty in 5 of 8 rows." },
        { "inflating.xlsx", "inflating.xlsx inflates beyond 10,000,000 characters in one part" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Import_UnreadableFile_RefusedInOneLineWritingNothing(string name, string reason)
    {
        var tracker = files.PathOf("t.json");

        var result = await CliAsync("import", Corpus(name), "--tracker", tracker);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.StdErr.Trim().Split('\n'));
        Assert.StartsWith($"Import refused, nothing written: {reason}", result.StdErr);
        Assert.False(File.Exists(tracker));
    }

    [Fact]
    public async Task Import_ColumnChoice_MapsAHeadingTheWordsDoNotKnow()
    {
        var tracker = files.PathOf("t.json");

        var import = await CliAsync("import", Corpus("refused-no-lead.docx"), "--tracker", tracker, "--column", "Person=lead");

        Assert.True(import.ExitCode == 0, import.StdErr);
        Assert.Contains("Person → lead", import.StdOut);
        Assert.True(File.Exists(tracker));
    }

    [Fact]
    public async Task ImportLeadsThenRun_LeadsTable_AddressesEveryDigestFromIt()
    {
        var leads = files.PathOf("leads.json");
        var tracker = files.PathOf("t.json");
        var importLeads = await CliAsync("import", Corpus("leads.xlsx"), "--leads", leads);
        await CliAsync("import", Corpus("seed-pdf-to-word.docx"), "--tracker", tracker);
        var run = await CliAsync("run", "--tracker", tracker, "--leads", leads, "--as-of", "2017-01-16", "--out", files.PathOf("out"), "--dry-run");

        Assert.True(importLeads.ExitCode == 0, importLeads.StdErr);
        Assert.Contains("No usable address, so no digest: Youth Service (\"not an address\", sheet 'Leads' row 6)", importLeads.StdOut);
        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.DoesNotContain("bundled sample's leads", run.StdErr);
        var to = Directory.GetFiles(Path.Combine(files.PathOf("out"), "preview", "outbox"), "*.eml")
            .SelectMany(File.ReadAllLines).Where(l => l.StartsWith("To: ", StringComparison.Ordinal)).Select(l => l[4..]).Order().ToList();
        Assert.Equal(["asb@example.org", "police.lead@example.org"], to); // the two leads with overdue or due-soon actions
    }

    [Fact]
    public async Task Run_OwnTrackerWithoutLeads_WarnsOnStderrAndInTheCoordinatorsSummary()
    {
        var tracker = files.PathOf("t.json");
        await CliAsync("import", Corpus("seed-pdf-to-word.docx"), "--tracker", tracker);

        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        stack.Settings["Reminders:Coordinator"] = "coordinator@example.org";
        var run = await stack.RunCliAsync("run", "--tracker", tracker, "--as-of", "2017-01-16", "--out", files.PathOf("out"), "--dry-run");

        Assert.Contains("Warning: Your tracker is being run with the bundled sample's leads", run.StdErr);
        var summaries = Directory.GetFiles(Path.Combine(files.PathOf("out"), "preview", "outbox"), "*.eml")
            .Select(File.ReadAllText).Where(t => t.Contains("Action plan summary", StringComparison.Ordinal)).ToList();
        Assert.Contains(summaries, t => t.Contains("bundled sample", StringComparison.Ordinal));
    }

    private static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Corpus", name);

    private static async Task<CliResult> CliAsync(params string[] args)
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        return await stack.RunCliAsync(args);
    }
}
