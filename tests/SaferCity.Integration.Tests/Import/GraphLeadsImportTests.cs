using Microsoft.Extensions.DependencyInjection;
using SaferCity.Infrastructure.Graph;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary>
/// <c>import FILE</c> into SharePoint, no --leads: a table of leads in the file goes to the leads list (through the Graph
/// SDK against the emulator), or, when the list cannot take it, the import is refused before anything is written.
/// </summary>
public sealed class GraphLeadsImportTests : IAsyncLifetime
{
    private TestStack stack = null!;

    private GraphEmulator.EmulatedList Leads => stack.Graph.FindList(GraphEmulator.LeadsList)!;

    private GraphEmulator.EmulatedList Tracker => stack.Graph.FindList(GraphEmulator.TrackerList)!;

    public async Task InitializeAsync()
    {
        stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        stack.Settings["Local:StateDir"] = Path.Combine(stack.Root, "state");
        await using var services = stack.Services();
        await services.GetRequiredService<GraphProvisioner>().ProvisionAsync(importSample: false, CancellationToken.None);
    }

    public async Task DisposeAsync() => await stack.DisposeAsync();

    [Fact]
    public async Task Import_TrackerWithALeadsSheet_ActionsAndLeadsBothWrittenAndTheRunAddressesDigestsFromTheList()
    {
        var result = await stack.RunCliAsync("import", Corpus("tracker-with-leads.xlsx"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("Leads list 'SCP Leads': 5 to create, 0 to update, 0 unchanged.", result.StdOut);
        Assert.Contains("  No usable address, so no digest: Youth Service (\"not an address\", sheet 'Leads' row 6)", result.StdOut);
        Assert.Equal(8, Tracker.Items.Count);
        Assert.Equal(["ASB Team", "Community Safety Team", "Licensing", "Police", "Youth Service"],
            Leads.Items.Select(i => (string)i["fields"]!["Title"]!).Order());
        Assert.Equal("Police Service; West Police",
            (string?)Leads.Items.Single(i => (string?)i["fields"]!["Title"] == "Police")["fields"]!["Aliases"]);

        await stack.RunAsync();
        var to = Directory.GetFiles(Path.Combine(stack.Root, "out", "outbox"), "*.eml", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Where(l => l.StartsWith("To: ", StringComparison.Ordinal)).Select(l => l[4..]).Order().ToList();
        Assert.Equal(["asb@example.org", "police.lead@example.org"], to);
    }

    [Fact]
    public async Task Import_LeadsTableAgainAfterAnAdminsCorrection_KeepsTheCorrectionAndWritesNothing()
    {
        await stack.RunCliAsync("import", Corpus("leads.xlsx"));
        Leads.Items.Single(i => (string?)i["fields"]!["Title"] == "Police")["fields"]!["Email"] = "police.new@example.org";
        var before = stack.Graph.Requests.Count;

        var again = await stack.RunCliAsync("import", Corpus("leads.xlsx"));

        Assert.True(again.ExitCode == 0, again.StdErr);
        Assert.Contains("0 to create, 0 to update, 5 unchanged.", again.StdOut);
        Assert.Contains("  Kept as the list has it (--overwrite takes the file's): Police Email \"police.new@example.org\" " +
            "(the file has \"police.lead@example.org\")", again.StdOut);
        Assert.All(stack.Graph.Requests.Skip(before), r => Assert.StartsWith("GET ", r));
        Assert.Empty(Tracker.Items);
    }

    [Fact]
    public async Task Import_NoLeadsListOnTheSite_RefusedInOneLineBeforeTheTrackerIsWritten()
    {
        stack.Settings["Tracker:LeadsListName"] = "Partnership Contacts";
        var before = stack.Graph.Requests.Count; // after the lists were provisioned

        var result = await stack.RunCliAsync("import", Corpus("tracker-with-leads.xlsx"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"Import refused, nothing written: the file holds a table of leads, and the site {GraphEmulator.SiteUrl} has no leads list named " +
            "'Partnership Contacts' to put them in (create it with 'provision', or check Tracker__LeadsListName).",
            result.StdErr.Trim());
        Assert.Empty(Tracker.Items);
        Assert.Empty(Leads.Items);
        Assert.All(stack.Graph.Requests.Skip(before), r => Assert.StartsWith("GET ", r));
    }

    private static string Corpus(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Corpus", name);
}
