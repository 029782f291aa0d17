using System.Text.Json;
using MimeKit;

namespace SaferCity.Cli.Tests;

/// <summary>The CLI as a person runs it: a process, its exit code, its files.</summary>
public sealed class CliEndToEndTests : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("safercity-cli-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static Task<(int ExitCode, string StdOut, string StdErr)> RunCliAsync(params string[] args) => CliProcess.RunAsync(args);

    private static Task<(int ExitCode, string StdOut, string StdErr)> RunCliAsync(IReadOnlyDictionary<string, string> environment,
        params string[] args) =>
        CliProcess.RunAsync(environment, args);

    [Fact]
    public async Task Run_BundledSample_WritesSiteAndOneDigestPerLeadWithSomethingToDo()
    {
        var (code, stdout, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);

        Assert.True(code == 0, stderr);
        Assert.Contains("42 actions, 15 complete, 27 open (0 red, 7 amber, 20 green); 2 overdue, 6 due soon, 2 RAG mismatch", stdout);

        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out, "site", "dashboard.json")));
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal(42, summary.GetProperty("total").GetInt32());
        Assert.Equal(2, summary.GetProperty("ragMismatch").GetInt32());
        Assert.True(File.Exists(Path.Combine(_out, "site", "index.html")));
        Assert.True(File.Exists(Path.Combine(_out, "site", "actions.csv")));

        var digests = Directory.GetFiles(Path.Combine(_out, "outbox"), "*.eml")
            .Select(path => MimeMessage.Load(path))
            .ToDictionary(m => m.Headers["X-SaferCity-Digest"] ?? "", m => m);
        Assert.Equal(8, digests.Count); // seven leads and the coordinator
        var licensing = digests["2017-W03/licensing"];
        Assert.Equal("licensing@example.gov.uk", licensing.To.Mailboxes.Single().Address);
        Assert.Contains("- 4.2: ", licensing.TextBody);
        Assert.Contains("- 2.7: ", licensing.TextBody);
        Assert.DoesNotContain("- 2.5: ", licensing.TextBody);
        Assert.NotNull(licensing.HtmlBody);
        Assert.Contains("Action plan summary", digests["2017-W03/coordinator"].TextBody);
        Assert.False(digests.ContainsKey("2017-W03/westminster-drug-project")); // nothing to act on, no email
    }

    [Fact]
    public async Task Run_SecondTimeSameWeek_SendsNothingNew()
    {
        await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);
        Directory.Delete(Path.Combine(_out, "outbox"), recursive: true);

        var (code, stdout, _) = await RunCliAsync("run", "--as-of", "2017-01-18", "--out", _out);

        Assert.Equal(0, code);
        Assert.Contains("0 sent", stdout);
        Assert.False(Directory.Exists(Path.Combine(_out, "outbox")));
    }

    [Fact]
    public async Task Run_DryRun_SaysSoPreviewsAndLeavesSiteOutboxAndStateByteIdentical()
    {
        await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);
        var before = Snapshot("site", "outbox", "state");

        // A week later: there is something new to send, so a dry run that sent would show.
        var (code, stdout, stderr) = await RunCliAsync("run", "--as-of", "2017-01-23", "--out", _out, "--dry-run");

        Assert.True(code == 0, stderr);
        var lines = stdout.Trim().Split('\n');
        Assert.Equal("DRY RUN: nothing sent, published or recorded", lines[0].TrimEnd());
        // A week after everyone's first digest: the summary and the five leads with a milestone that week.
        Assert.Contains("Digests for 2017-W04: would send 6, previewed in ", stdout);
        Assert.DoesNotContain(" sent to ", stdout);
        Assert.Equal(before, Snapshot("site", "outbox", "state"));

        var previews = Directory.GetFiles(Path.Combine(_out, "preview", "outbox"), "*.eml").Select(p => MimeMessage.Load(p)).ToList();
        Assert.Equal(6, previews.Count);
        Assert.All(previews, m => Assert.StartsWith("[preview] ", m.Subject));
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out, "preview", "site", "dashboard.json")));
        Assert.Equal("2017-01-23", json.RootElement.GetProperty("asOf").GetString());
    }

    [Fact]
    public async Task Run_DryRunOnAFreshFolder_CreatesNoStateAndNoRealSite()
    {
        var (code, _, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out, "--dry-run");

        Assert.True(code == 0, stderr);
        Assert.Equal(new[] { "preview" }, Directory.GetFileSystemEntries(_out).Select(e => Path.GetFileName(e)).ToArray());
        Assert.Equal(8, Directory.GetFiles(Path.Combine(_out, "preview", "outbox"), "*.eml").Length);
    }

    [Fact]
    public async Task Run_LookBackBeforeNewestSnapshot_PublishesSendsAndRecordsNothingAndSaysSo()
    {
        await RunCliAsync("run", "--as-of", "2017-02-13", "--out", _out);
        var before = Snapshot("site", "outbox", "state");

        var (code, stdout, stderr) = await RunCliAsync("run", "--as-of", "2017-01-02", "--out", _out);

        Assert.True(code == 0, stderr);
        Assert.StartsWith("DRY RUN: nothing sent, published or recorded", stdout);
        Assert.Contains("2017-01-02 is before the newest snapshot, 2017-02-13", stdout);
        Assert.Equal(before, Snapshot("site", "outbox", "state"));
        Assert.All(Directory.GetFiles(Path.Combine(_out, "preview", "outbox")), f => Assert.StartsWith("2017-W01_", Path.GetFileName(f)));
    }

    [Fact]
    public async Task Run_SecondSampleWeek_ShowsDriftSinceTheFirstRun()
    {
        await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);

        var (code, stdout, stderr) = await RunCliAsync("run", "--as-of", "2017-02-20", "--out", _out,
            "--tracker", Path.Combine(AppContext.BaseDirectory, "sample", "tracker-week5.json"));

        Assert.True(code == 0, stderr);
        Assert.Equal("", stderr); // the bundled sample: its coordinator, so no warning
        Assert.Contains("Digests for 2017-W08: 8 sent", stdout);
        using var json = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_out, "site", "dashboard.json")));
        var drift = json.RootElement.GetProperty("actions").EnumerateArray()
            .SelectMany(a => a.GetProperty("drift").EnumerateArray()
                .Select(d => $"{a.GetProperty("id").GetString()} {d.GetProperty("kind").GetString()}"))
            .Order().ToList();
        Assert.Equal(["2.5 ragWorsened", "2.7 completed", "5.3 ragImproved", "6.4 deadlineSlipped"], drift);
    }

    /// <summary>A change made on the Monday after the digests, seen by a second run that day, is in the next Monday's summary.</summary>
    [Fact]
    public async Task Run_ChangeAfterMondaysDigests_InTheNextMondaysSummarySinceThatMonday()
    {
        var tracker = Path.Combine(_out, "tracker.json");
        var coordinator = new Dictionary<string, string> { ["Reminders__Coordinator"] = "coordinator@example.gov.uk" };
        File.Copy(Path.Combine(AppContext.BaseDirectory, "sample", "tracker.json"), tracker);
        await RunCliAsync(coordinator, "run", "--as-of", "2017-01-16", "--out", _out, "--tracker", tracker);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "sample", "tracker-week5.json"), tracker, overwrite: true); // 2.7 completed, among others
        var (sameDay, sameDayOut, _) = await RunCliAsync(coordinator, "run", "--as-of", "2017-01-16", "--out", _out, "--tracker", tracker);
        Assert.Equal(0, sameDay);
        Assert.Contains("0 sent", sameDayOut);

        var (code, _, stderr) = await RunCliAsync(coordinator, "run", "--as-of", "2017-01-23", "--out", _out, "--tracker", tracker);

        Assert.True(code == 0, stderr);
        var summary = MimeMessage.Load(Path.Combine(_out, "outbox", "2017-W04_coordinator.eml")).TextBody;
        Assert.Contains("- 2.7: completed", summary);
        Assert.Contains("✓ Completed since 16 January 2017", summary);
    }

    /// <summary>--as-of sets the run's clock: its emails are dated 07:00 UK that day, and another day than Monday sends only what is owed.</summary>
    [Fact]
    public async Task Run_AsOfAnotherDay_DatesEmailsThatMorningAndAWednesdaySendsOnlyWhatIsOwed()
    {
        await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);
        var date = MimeMessage.Load(Path.Combine(_out, "outbox", "2017-W03_coordinator.eml")).Date;
        Assert.InRange(date, new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero), new DateTimeOffset(2017, 1, 16, 7, 10, 0, TimeSpan.Zero));

        // Week 8: on Monday nothing is stale yet; by Saturday every action untouched since 13 January is (43 days), so two
        // more leads are due a digest, which only --all-digests sends before the next Monday.
        await RunCliAsync("run", "--as-of", "2017-02-20", "--out", _out);
        var (code, stdout, _) = await RunCliAsync("run", "--as-of", "2017-02-25", "--out", _out);
        Assert.Equal(0, code);
        Assert.Contains("Digests for 2017-W08 (a Saturday: only what this week still owes; --all-digests sends the week's digests): 0 sent", stdout);

        var (all, allOut, _) = await RunCliAsync("run", "--as-of", "2017-02-25", "--out", _out, "--all-digests");
        Assert.Equal(0, all);
        Assert.Contains("Digests for 2017-W08: 2 sent", allOut);
    }

    [Fact]
    public async Task Run_PlainRun_PrintsOnlyTheSummaryAndVerboseAddsTheLogOnStderr()
    {
        var (_, stdout, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out);
        Assert.StartsWith("As of 2017-01-16: ", stdout);
        Assert.DoesNotContain("info:", stdout + stderr);
        Assert.Equal("", stderr);

        var (code, verboseOut, verboseErr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out, "--verbose");
        Assert.Equal(0, code);
        Assert.StartsWith("As of 2017-01-16: ", verboseOut);
        Assert.Contains("Run Completed as of 2017-01-16", verboseErr);
    }

    [Fact]
    public async Task Run_CopyOfTheSampleWithoutCoordinator_WarnsOnStderrAndStillCompletes()
    {
        var copy = Path.Combine(_out, "my-tracker.json");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "sample", "tracker.json"), copy);

        var (code, stdout, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out, "--tracker", copy);

        Assert.Equal(0, code);
        Assert.Contains("Digests for 2017-W03: 7 sent", stdout); // the leads' digests, no summary
        Assert.Contains("Warning: No coordinator is set (Reminders__Coordinator)", stderr);
        Assert.Contains("Warning: Your tracker is being run with the bundled sample's leads", stderr); // a copy is one's own file, with no --leads
    }

    [Fact]
    public async Task Help_PrintsUsageOnStdoutAsTheUserTypesIt()
    {
        var (code, stdout, stderr) = await RunCliAsync("--help");

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("dotnet run --project functions/SaferCity.Cli -- run [--tracker FILE]", stdout);
        Assert.Contains("--dry-run", stdout);
        Assert.DoesNotContain("safercity run", stdout);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("import", "--help")]
    public async Task Help_ImportOrAll_ListsImportAsTheOtherCommandsOnStdout(params string[] args)
    {
        var (code, stdout, stderr) = await RunCliAsync(args);

        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("\n  import ", stdout);
        Assert.Contains("dotnet run --project functions/SaferCity.Cli -- import FILE [--dry-run] [--tracker OUT.json]", stdout);
        Assert.Contains("dotnet run --project functions/SaferCity.Cli -- run [--tracker FILE]", stdout);
    }

    /// <summary>Each of a first-time user's mistakes: args (with {out} for the temp folder), environment, exit code, the line on stderr.</summary>
    public static TheoryData<string[], string?, int, string> Mistakes => new()
    {
        { ["run", "--out", "{out}"], "Tracker__SiteUrl=sharepoint", 2,
            "Tracker__SiteUrl must be a full web address such as https://contoso.sharepoint.com/sites/scp, not 'sharepoint'." },
        { ["run", "--out", "{out}"], "Updates__BaseUrl=app/api/update", 2,
            "Updates__BaseUrl must be a full web address such as https://{app}.azurewebsites.net/api/update " +
            "(or http://127.0.0.1:7071 on this machine), not 'app/api/update'." },
        { ["run", "--out", "{out}"], "Updates__BaseUrl=https://app.example.org/api/update", 2,
            "Updates__SigningKey is required when Updates__BaseUrl is set: it signs the links in digests. Make one with 'openssl rand -base64 48'" },
        { ["run", "--out", "{out}"], "Reminders__DueSoonDays=abc", 2, "Reminders__DueSoonDays must be a whole number of days, not 'abc'." },
        { ["run", "--out", "{out}"], "Reminders__DueSoonDays=400", 2, "Reminders__DueSoonDays must be between 0 and 366, not '400'." },
        { ["run", "--out", "{out}"], "Reminders__Coordinator=nobody", 2, "Reminders__Coordinator has 'nobody', which is not an email address." },
        { ["provision"], null, 2, "provision needs the SharePoint site: set Tracker__SiteUrl" },
        { ["run", "--out", "{out}", "--tracker", "{out}/empty.json"], null, 1, "Run failed: The tracker file '{out}/empty.json' is empty" },
        { ["run", "--out", "{out}", "--tracker", "{out}/tracker.csv"], null, 1,
            "Run failed: The tracker file '{out}/tracker.csv' is not JSON " +
            "(it looks like CSV: to bring it in, use `import FILE --tracker OUT.json`, then `run --tracker OUT.json`)." },
        { ["run", "--out", "{out}", "--tracker", "{out}"], null, 2, "--tracker must be a file; '{out}' is a folder." },
        { ["run", "--out", "{out}", "--tracker", "{out}/nope.json"], null, 2, "--tracker: there is no file '{out}/nope.json'" },
        { ["run", "--out", "{out}/empty.json"], null, 2, "--out must be a folder; '{out}/empty.json' is a file." },
        { ["run", "--as-of", "2017-13-01"], null, 2, "--as-of '2017-13-01' is not a real date." },
        { ["run", "--as-of", "16/01/2017"], null, 2, "--as-of takes a date as yyyy-MM-dd (e.g. 2017-01-16), not '16/01/2017'." },
        { ["--as-of", "2017-01-16"], null, 2,
            "The command is missing: start with one of run, provision, serve, import, check, erase, revoke, " +
            "e.g. `dotnet run --project functions/SaferCity.Cli -- run --as-of 2017-01-16`." },
        { ["run", "--asof", "2017-01-16"], null, 2, "Unknown option '--asof' for run: did you mean `--as-of`? Run with --help for usage." },
        { ["run", "--dryrun"], null, 2, "Unknown option '--dryrun' for run: did you mean `--dry-run`?" },
        { ["rnu"], null, 2, "Unknown command 'rnu': did you mean `run`?" },
        { ["imprt", "a.docx"], null, 2,
            "Unknown command 'imprt': did you mean `import`? Commands: run, provision, serve, import, check, erase, revoke." },
        { ["import"], null, 2,
            "import needs FILE: dotnet run --project functions/SaferCity.Cli -- import FILE [--dry-run] [--tracker OUT.json] " +
            "[--column \"HEADING=field\"] [--overwrite] [--leads OUT.json]." },
        { ["import", "a.docx", "b.docx"], null, 2, "import takes one FILE; 'b.docx' is a second one." },
        { ["import", "a.docx", "--tracker"], null, 2, "--tracker needs a value: --tracker OUT.json." },
        { ["run", "extra"], null, 2, "Unexpected 'extra': run takes its values after an option name, e.g. --tracker FILE." },
        { ["run", "--out"], null, 2, "--out needs a value: --out DIR." },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task Cli_UserMistake_OneLineOnStderrRightExitCodeNoStackTrace(string[] args, string? setting, int exitCode, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(_out, "empty.json"), "");
        await File.WriteAllTextAsync(Path.Combine(_out, "tracker.csv"), "Action,Key Action,Delivery Deadline\n1.1,Do the thing,December 2016\n");
        var environment = setting is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { [setting.Split('=')[0]] = setting.Split('=')[1] };

        var (code, stdout, stderr) = await RunCliAsync(environment, args.Select(a => a.Replace("{out}", _out)).ToArray());

        Assert.Equal(exitCode, code);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected.Replace("{out}", _out), line);
        if (exitCode == 2 && setting is null && args[0] != "provision") Assert.EndsWith("Run with --help for usage.", line.TrimEnd());
        foreach (var text in new[] { stdout, stderr })
        {
            Assert.DoesNotContain("   at ", text); // a stack frame
            Assert.DoesNotContain("Exception", text);
            Assert.DoesNotContain("fail:", text);
        }
        Assert.False(Directory.Exists(Path.Combine(_out, "site")), "a mistake publishes nothing");
    }

    [Fact]
    public async Task Run_MailServiceUnreachable_OneLineSummarisingEveryFailure()
    {
        var environment = new Dictionary<string, string>
        {
            ["SendGrid__ApiKey"] = "SG.test",
            ["SendGrid__From"] = "safercity@example.org",
            ["SendGrid__Host"] = $"http://127.0.0.1:{ClosedPort()}",
            ["SendGrid__MaxAttempts"] = "1",
        };

        var (code, stdout, stderr) = await RunCliAsync(environment, "run", "--as-of", "2017-01-16", "--out", _out);

        Assert.Equal(1, code);
        Assert.Contains("8 failed", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("8 digests could not be sent (", line);
        Assert.EndsWith("they stay due and go out on the next run.", line.TrimEnd());
        Assert.DoesNotContain("   at ", stderr);
    }

    /// <summary>A loopback port nothing listens on: the connection is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every file under the given folders of OUT, by relative path, with its bytes (as text for a readable diff).</summary>
    private SortedDictionary<string, string> Snapshot(params string[] folders)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var folder in folders.Select(f => Path.Combine(_out, f)).Where(Directory.Exists))
        {
            foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
                files[Path.GetRelativePath(_out, file)] = Convert.ToBase64String(File.ReadAllBytes(file));
        }
        Assert.NotEmpty(files);
        return files;
    }

    [Theory]
    [InlineData("--as-of takes a date as yyyy-MM-dd (e.g. 2017-01-16), not '16/01/2017'. Run with --help for usage.", "--as-of", "16/01/2017")]
    [InlineData("Unknown option '--frobnicate' for run. Run with --help for usage.", "--frobnicate")]
    public async Task Run_BadArguments_ExitNonZeroWithOneLineReason(string reason, params string[] extra)
    {
        var (code, stdout, stderr) = await RunCliAsync(["run", .. extra]);

        Assert.Equal(2, code);
        var lines = stderr.TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(reason, lines[0]);
        // The reason and its hint are that one line: no usage dump, no second reason, no stack trace.
        Assert.Single(lines);
        Assert.DoesNotContain("Exception", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Run_MissingTrackerFile_FailsClearlyAndWritesNothing()
    {
        var (code, _, stderr) = await RunCliAsync("run", "--tracker", Path.Combine(_out, "nope.json"), "--out", _out);

        Assert.Equal(2, code); // what was typed is wrong: a usage error
        Assert.StartsWith($"--tracker: there is no file '{Path.Combine(_out, "nope.json")}'", stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(_out, "site")));
    }

    [Fact]
    public async Task Run_MalformedTrackerFile_FailsClearlyAndWritesNothing()
    {
        var bad = Path.Combine(_out, "bad.json");
        await File.WriteAllTextAsync(bad, "{\"value\": [ {\"id\": \"1\", ");

        var (code, _, stderr) = await RunCliAsync("run", "--tracker", bad, "--out", _out);

        Assert.Equal(1, code);
        Assert.Contains("is not a Graph list-items response", stderr);
        Assert.False(Directory.Exists(Path.Combine(_out, "site")));
    }

    [Fact]
    public async Task Run_StateFolderUnwritable_FailsWithOneLineAndExitCode1()
    {
        // The state folder's run lock is a folder: the lock cannot be taken, so nothing can be written.
        var state = Path.Combine(_out, "state");
        Directory.CreateDirectory(Path.Combine(state, "run.lock"));

        var (code, _, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out, "--state", state);

        Assert.Equal(1, code);
        var lines = stderr.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("Run failed: ", lines[0]);
        Assert.False(Directory.Exists(Path.Combine(_out, "site")));
    }

    [Fact]
    public async Task Run_StateIsAFile_UsageErrorNamingTheOption()
    {
        var state = Path.Combine(_out, "state-is-a-file");
        await File.WriteAllTextAsync(state, "not a folder");

        var (code, _, stderr) = await RunCliAsync("run", "--as-of", "2017-01-16", "--out", _out, "--state", state);

        Assert.Equal(2, code);
        Assert.Equal($"--state must be a folder; '{state}' is a file. Run with --help for usage.", stderr.Trim());
    }
}
