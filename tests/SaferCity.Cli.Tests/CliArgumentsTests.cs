using SaferCity.Cli;

namespace SaferCity.Cli.Tests;

/// <summary>The command table as the parser and --help read it, in process: what each typed line becomes, or the one line refusing it.</summary>
public sealed class CliArgumentsTests
{
    private static string Refusal(params string[] args) => Assert.Throws<UsageException>(() => CliArguments.Parse(args)).Message;

    [Fact]
    public void Usage_Help_ListsImportWithItsFileAndEachOption()
    {
        var usage = CliCommands.Usage().Split('\n').Select(l => l.TrimEnd('\r')).ToList();

        Assert.Contains(usage, l => l.StartsWith("  import ", StringComparison.Ordinal) && l.Length > "  import ".Length + 10);
        // import's own block: its synopsis, then one line for the file and each option, each with what it does.
        var start = usage.IndexOf(
            $"{CliCommands.Invocation} import FILE [--dry-run] [--tracker OUT.json] [--column \"HEADING=field\"] [--overwrite] [--leads OUT.json]");
        Assert.True(start >= 0, string.Join('\n', usage));
        var block = usage.Skip(start + 1).TakeWhile(l => l.Length > 0).ToList();
        Assert.Collection(block,
            l => Assert.Matches(@"^  FILE +\S.*(\.docx|Word)", l),
            l => Assert.Matches(@"^  --dry-run +\S.*write", l),
            l => Assert.Matches(@"^  --tracker OUT\.json +\S", l),
            l => Assert.Matches(@"^  --column ""HEADING=field"" +\S.*field", l),
            l => Assert.Matches(@"^  --overwrite +\S.*list", l),
            l => Assert.Matches(@"^  --leads OUT\.json +\S.*leads", l));
    }

    [Fact]
    public void Parse_MisspelledImport_SuggestsImportAndListsIt()
    {
        Assert.Equal("Unknown command 'imprt': did you mean `import`? Commands: run, provision, serve, import, check, erase, revoke.",
            Refusal("imprt"));
    }

    [Fact]
    public void Parse_ImportWithoutFile_OneLineNamingTheMissingFile()
    {
        Assert.Equal($"import needs FILE: {CliCommands.Invocation} import FILE [--dry-run] [--tracker OUT.json] " +
            "[--column \"HEADING=field\"] [--overwrite] [--leads OUT.json].",
            Refusal("import", "--dry-run"));
    }

    [Fact]
    public void Parse_ImportTwoFiles_RefusesTheSecond()
    {
        Assert.Equal("import takes one FILE; 'b.docx' is a second one.", Refusal("import", "a.docx", "--dry-run", "b.docx"));
    }

    [Fact]
    public void Parse_RunWithAStrayValue_RefusedAsBefore()
    {
        Assert.Equal("Unexpected 'extra': run takes its values after an option name, e.g. --tracker FILE.", Refusal("run", "extra"));
        Assert.Equal("Unexpected 'x': provision takes its values after an option name, e.g. provision.", Refusal("provision", "x"));
    }

    [Fact]
    public void Parse_ImportFileAmongItsOptions_ReadsTheFileAndOptionsButNoSettings()
    {
        var cli = CliArguments.Parse(["import", "--dry-run", "tracker.docx", "--tracker", "t.json"]);

        Assert.Equal("import", cli.Command?.Name);
        Assert.Equal("tracker.docx", cli.Argument);
        Assert.True(cli.Has(CliCommands.ImportDryRun));
        Assert.Equal("t.json", cli.Values[CliCommands.ImportInto.Name]);
        Assert.False(cli.Help);
        // import's --tracker is where it writes: it must not become the tracker a run reads (Local:TrackerFile), nor its dry run.
        Assert.Empty(cli.Settings);
    }

    [Fact]
    public void Parse_ImportHelpWithoutFile_IsHelpNotAMissingFile()
    {
        Assert.True(CliArguments.Parse(["import", "--help"]).Help);
    }

    [Fact]
    public void Parse_ImportIntoAFolder_RefusedNamingTheOption()
    {
        var folder = Directory.CreateTempSubdirectory("safercity-import-").FullName;
        try
        {
            Assert.Equal($"--tracker must be a file; '{folder}' is a folder.", Refusal("import", "a.docx", "--tracker", folder));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Parse_RunOptionGivenToImport_SaysWhoseOptionItIs()
    {
        Assert.Equal("import does not take --as-of (that is an option of run).", Refusal("import", "a.docx", "--as-of", "2017-01-16"));
    }
}
