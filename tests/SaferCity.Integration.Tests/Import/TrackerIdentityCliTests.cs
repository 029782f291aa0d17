using System.Text.Json.Nodes;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary>
/// The new user's path: the sample run into out/, then their own imported tracker run into the same out/. The state
/// is the sample's, so the run says so in one line, shows no drift and leaves the sample's history alone.
/// </summary>
public sealed class TrackerIdentityCliTests : IDisposable
{
    private static readonly string SampleDocx = Path.Combine(AppContext.BaseDirectory, "sample", "scp-progress-monitoring-2016-17.docx");
    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Run_OwnTrackerIntoTheSamplesState_WarnsInOneLineShowsNoDriftAndKeepsTheSamplesHistory()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        var out_ = files.PathOf("out");
        var own = files.PathOf(Path.Combine("own", "tracker.json"));
        await stack.RunCliAsync("run", "--out", out_, "--as-of", "2017-01-16");
        Assert.Equal(0, (await stack.RunCliAsync("import", SampleDocx, "--tracker", own)).ExitCode);
        var history = File.ReadAllBytes(Path.Combine(out_, "state", "history.json"));

        var result = await stack.RunCliAsync("run", "--tracker", own, "--leads", SampleFiles.Leads, "--out", out_, "--as-of", "2017-02-20");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(
            $"Warning: The state holds the history of the bundled sample tracker, not of the tracker file {own}: no drift is shown, " +
            "and no digest is sent or history recorded, so the two never mix. Give this tracker a state of its own: a fresh --state " +
            "folder (and --out), or in the cloud a new Storage__StateContainer.",
            result.StdErr.Split('\n').Single(l => l.Contains("holds the history", StringComparison.Ordinal)).TrimEnd());
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(out_, "site", "dashboard.json")))!;
        Assert.Equal(42, (int)dashboard["summary"]!["total"]!);
        Assert.All(dashboard["actions"]!.AsArray(), a => Assert.Empty(a!["drift"]!.AsArray()));
        Assert.Empty(dashboard["removed"]!.AsArray());
        Assert.DoesNotContain("Digests for", result.StdOut, StringComparison.Ordinal);
        Assert.Equal(history, File.ReadAllBytes(Path.Combine(out_, "state", "history.json")));
    }

    [Fact]
    public async Task Run_SamplesLaterWeekIntoItsState_ShowsItsDriftWithoutWarning()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        var out_ = files.PathOf("out");
        await stack.RunCliAsync("run", "--out", out_, "--as-of", "2017-01-16");

        var week5 = Path.Combine(AppContext.BaseDirectory, "sample", "tracker-week5.json");
        var result = await stack.RunCliAsync("run", "--tracker", week5, "--out", out_, "--as-of", "2017-02-20");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.DoesNotContain("holds the history", result.StdErr, StringComparison.Ordinal);
        var dashboard = JsonNode.Parse(File.ReadAllText(Path.Combine(out_, "site", "dashboard.json")))!;
        Assert.Contains(dashboard["actions"]!.AsArray(), a => (string?)a!["id"] == "2.5" && a["drift"]!.AsArray().Count > 0);
    }

    [Fact]
    public async Task Run_OwnTrackerWithAStateOfItsOwn_NoWarningAndItsHistoryIsRecorded()
    {
        await using var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        var own = files.PathOf(Path.Combine("own", "tracker.json"));
        await stack.RunCliAsync("run", "--out", files.PathOf("out"), "--as-of", "2017-01-16");
        await stack.RunCliAsync("import", SampleDocx, "--tracker", own);

        var result = await stack.RunCliAsync("run", "--tracker", own, "--leads", SampleFiles.Leads, "--out", files.PathOf("own-out"),
            "--as-of", "2017-02-20");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.DoesNotContain("holds the history", result.StdErr, StringComparison.Ordinal);
        var history = JsonNode.Parse(File.ReadAllText(files.PathOf(Path.Combine("own-out", "state", "history.json"))))!;
        Assert.Equal($"the tracker file {own}", (string?)history["tracker"]);
    }
}
