using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using SaferCity.Core.Dashboard;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Updates;

/// <summary>
/// The loop from a fresh clone, with no Azure account, through the real CLI as child processes: <c>run</c> with
/// Updates__BaseUrl on loopback, <c>serve</c>, a link from an .eml, GET and POST it, then <c>run</c> a week later.
/// The tracker file is written in place (atomically), and the next dashboard shows the change.
/// </summary>
public sealed class CliUpdateLoopTests : IAsyncLifetime
{
    private TestStack stack = null!;

    /// <summary>No stand-in: the CLI reads and writes the tracker files in the stack's folder.</summary>
    public async Task InitializeAsync() => stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);

    public async Task DisposeAsync() => await stack.DisposeAsync();

    private ProcessStartInfo Cli(int port, params string[] args)
    {
        PointLinksAt(port);
        return stack.Cli(args);
    }

    private void PointLinksAt(int port)
    {
        stack.Settings["Updates:BaseUrl"] = $"http://127.0.0.1:{port}";
        stack.Settings["Reminders:Coordinator"] = "coordinator@example.gov.uk";
    }

    private async Task RunAsync(int port, string asOf)
    {
        PointLinksAt(port);
        var run = await stack.RunCliAsync("run", "--as-of", asOf, "--out", Path.Combine(stack.Root, "out"),
            "--tracker", Path.Combine(stack.Root, "tracker.json"), "--leads", Path.Combine(stack.Root, "leads.json"));
        Assert.True(run.ExitCode == 0, $"run {asOf} failed: {run.StdErr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serve_LinkFromARunsEml_UpdatesTheTrackerFileAndTheNextRunShowsIt()
    {
        File.Copy(SampleFiles.Tracker, Path.Combine(stack.Root, "tracker.json"));
        File.Copy(SampleFiles.Leads, Path.Combine(stack.Root, "leads.json"));
        var port = FreePort();

        await RunAsync(port, "2017-01-16");
        var link = UpdateHost.LinkIn(Path.Combine(stack.Root, "out", "outbox", "2017-W03_community-safety-team.eml"), "2.5");
        Assert.StartsWith($"http://127.0.0.1:{port}/", link, StringComparison.Ordinal);

        using var serve = Process.Start(Cli(port, "serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--out", Path.Combine(stack.Root, "out"), "--tracker", Path.Combine(stack.Root, "tracker.json"), "--leads", Path.Combine(stack.Root,
                "leads.json"),
            "--as-of", "2017-01-18"))!; // the Wednesday after the digests, by the same clock the runs keep
        try
        {
            var ready = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            Assert.StartsWith($"Serving update links on http://127.0.0.1:{port}", ready, StringComparison.Ordinal);

            using var http = new HttpClient();
            var form = await http.GetStringAsync(link);
            var values = UpdateHost.FormValues(form);
            values["rag"] = "red";
            values["comment"] = "Pilot postponed to the summer.";
            // As a browser does: to the form's action, relative to the page; the token only in the body.
            var formAction = new Uri(new Uri(link),
                new AngleSharp.Html.Parser.HtmlParser().ParseDocument(form).QuerySelector("form")!.GetAttribute("action")!);
            Assert.Equal(new Uri(link).GetLeftPart(UriPartial.Path), formAction.ToString());
            using var posted = await http.PostAsync(formAction, new FormUrlEncodedContent(values));
            Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Contains("Action 2.5 updated", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }

        // The file is whole, valid and changed only where the form said; no temporary file is left behind.
        Assert.Equal(["leads.json", "tracker.json"], Directory.GetFiles(stack.Root).Select(Path.GetFileName).Order());
        using (var tracker = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(stack.Root, "tracker.json"))))
        {
            var fields = tracker.RootElement.GetProperty("value").EnumerateArray().Single(i =>
                i.GetProperty("id").GetString() == "11").GetProperty("fields");
            Assert.Equal("R", fields.GetProperty("RAG").GetString());
            Assert.Equal("Pilot postponed to the summer.", fields.GetProperty("Comments").GetString());
            Assert.Equal("December 2016", fields.GetProperty("DeliveryDeadline").GetString()); // not touched
        }

        await RunAsync(port, "2017-01-23");
        var dashboard = DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(stack.Root, "out", "site", "dashboard.json")))!;
        var action = dashboard.Actions.Single(a => a.Id == "2.5");
        Assert.Equal(("red", "Pilot postponed to the summer."), (action.Rag, action.Comments));
        Assert.Contains(action.Drift, d => d.Kind == "ragWorsened");
        var summary = MimeKit.MimeMessage.Load(Path.Combine(stack.Root, "out", "outbox", "2017-W04_coordinator.eml")).TextBody;
        Assert.Contains("2.5 (Community Safety Team): RAG amber to red; comment changed", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_Lead_ItsLinksAlreadySentAreRefusedByServe()
    {
        File.Copy(SampleFiles.Tracker, Path.Combine(stack.Root, "tracker.json"));
        File.Copy(SampleFiles.Leads, Path.Combine(stack.Root, "leads.json"));
        var port = FreePort();
        await RunAsync(port, "2017-01-16");
        var link = UpdateHost.LinkIn(Path.Combine(stack.Root, "out", "outbox", "2017-W03_community-safety-team.eml"), "2.5");
        var other = UpdateHost.LinkIn(Path.Combine(stack.Root, "out", "outbox", "2017-W03_city-of-london-police.eml"), "2.5");
        var files = new[] { "--out", Path.Combine(stack.Root, "out"), "--tracker", Path.Combine(stack.Root, "tracker.json"), "--leads",
            Path.Combine(stack.Root, "leads.json") };

        var revoke = await stack.RunCliAsync(["revoke", "--lead", "community safety team", .. files]);

        Assert.True(revoke.ExitCode == 0, revoke.StdErr);
        Assert.StartsWith("Update links issued to Community Safety Team before ", revoke.StdOut, StringComparison.Ordinal);
        using var serve = Process.Start(Cli(port, ["serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. files,
            "--as-of", "2017-01-18"]))!; // the links' own clock, as the runs keep it
        try
        {
            await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2));
            await serve.StandardOutput.ReadLineAsync(); // where updates are written
            Assert.Equal($"State (audit, limits, revocations): {Path.Combine(stack.Root, "out", "state")}. " +
                $"Signing key: {Path.Combine(stack.Root, "out", "state", "update-signing.key")}.",
                await serve.StandardOutput.ReadLineAsync());
            using var http = new HttpClient();
            using var refused = await http.GetAsync(link);
            using var kept = await http.GetAsync(other);

            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("This link has been withdrawn", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, kept.StatusCode); // another lead's link to the same action
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task Serve_PortInUse_OneLineNamingThePortAndExitCode1()
    {
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        PointLinksAt(port);

        var serve = await stack.RunCliAsync("serve", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out",
            Path.Combine(stack.Root, "out"));

        Assert.Equal(1, serve.ExitCode);
        Assert.Equal($"Serve failed: port {port} on 127.0.0.1 is already in use (another serve, or another program): " +
            "stop it, or choose another port with --port.",
            serve.StdErr.Trim());
    }
}
