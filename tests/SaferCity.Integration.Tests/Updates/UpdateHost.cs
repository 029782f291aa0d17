using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Updates;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Updates;

/// <summary>
/// The production composition (<c>AddSaferCity</c>) in one process: the pipeline that sends digests, and the update
/// endpoint on Kestrel (127.0.0.1, a free port), mapped exactly as the CLI's <c>serve</c> maps it. The clock is fake and
/// shared, so a test can open a link, let it expire, or run again a week later.
/// </summary>
internal sealed partial class UpdateHost : IAsyncDisposable
{
    public const string BaseUrl = "https://updates.example.org/api/update";
    public const string Key = "integration-test-signing-key-0123456789-abcdef";

    private readonly TestStack stack;
    private readonly WebApplication app;

    private UpdateHost(TestStack stack, WebApplication app, FakeTimeProvider time) => (this.stack, this.app, Time) = (stack, app, time);

    /// <summary>The stack's folders: out/site, out/outbox, state.</summary>
    public string Root => stack.Root;

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => app.Services;

    public HttpClient Http { get; } = new(new HttpClientHandler { AllowAutoRedirect = false });

    public string Url => app.Urls.Single();

    /// <summary>The app on <paramref name="stack"/>'s settings, which win over the update links' own.</summary>
    public static async Task<UpdateHost> StartAsync(TestStack stack)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        stack.AddConfiguration(builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Reminders:Coordinator"] = "coordinator@example.gov.uk",
            ["Updates:BaseUrl"] = BaseUrl,
            ["Updates:SigningKey"] = Key,
        }));
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSaferCity(builder.Configuration);
        var app = builder.Build();
        app.MapMethods("/{rest?}", ["GET", "HEAD", "POST"], (HttpContext context, string? rest, UpdateService service) =>
            UpdateEndpoint.HandleAsync(context, rest, service, behindProxy: false));
        await app.StartAsync();
        return new UpdateHost(stack, app, time);
    }

    public Task<RunOutcome> RunAsync(DateOnly asOf) =>
        Services.GetRequiredService<TrackerPipeline>().RunAsync(new RunRequest(asOf), CancellationToken.None);

    /// <summary>The token of the update link under an action in a lead's digest (from the .eml's text part).</summary>
    public string LinkFor(string week, string leadKey, string number) =>
        LinkIn(Path.Combine(Root, "out", "outbox", $"{week}_{leadKey}.eml"), number);

    public static string LinkIn(string eml, string number)
    {
        var text = MimeMessage.Load(eml).TextBody ?? "";
        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.FindIndex(l => l.StartsWith($"- {number}: ", StringComparison.Ordinal));
        Assert.True(at >= 0, $"action {number} is not in {Path.GetFileName(eml)}");
        var update = lines.Skip(at + 1).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Single(l =>
            l.StartsWith("  Update: ", StringComparison.Ordinal));
        return update["  Update: ".Length..];
    }

    /// <summary>The token of a digest's link, from its query string (the path never carries it).</summary>
    public static string TokenOf(string link) => UpdateLink.TokenIn(new Uri(link))
        ?? throw new ArgumentException($"no token in {link}", nameof(link));

    /// <summary>The form's address on this host for a token, as a digest's link gives it.</summary>
    public string PageUrl(string token) => $"{Url}/?{UpdateLink.Field}={token}";

    /// <summary>Where the form posts (its action, "./"): no token in the address.</summary>
    public string ActionUrl => $"{Url}/";

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string token)
    {
        using var response = await Http.GetAsync(PageUrl(token));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A POST as the form sends it: to its action, with <paramref name="token"/> in the body's link field.</summary>
    public async Task<(HttpStatusCode Status, string Html)> PostAsync(string token, IEnumerable<KeyValuePair<string, string>> form)
    {
        using var response = await Http.PostAsync(ActionUrl, Body(token, form));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public static FormUrlEncodedContent Body(string token, IEnumerable<KeyValuePair<string, string>> form)
    {
        var values = new Dictionary<string, string>(form);
        values[UpdateLink.Field] = token;
        return new FormUrlEncodedContent(values);
    }

    /// <summary>The form's fields as a browser would submit them unchanged: hidden fields, checked radios, the text.</summary>
    public static Dictionary<string, string> FormValues(string html)
    {
        var document = new HtmlParser().ParseDocument(html);
        var values = new Dictionary<string, string>();
        foreach (var input in document.QuerySelectorAll("form input"))
        {
            var type = input.GetAttribute("type");
            if (type == "radio" && !input.HasAttribute("checked")) continue;
            values[input.GetAttribute("name")!] = input.GetAttribute("value") ?? "";
        }
        foreach (var area in document.QuerySelectorAll("form textarea")) values[area.GetAttribute("name")!] = area.TextContent;
        return values;
    }

    public IReadOnlyList<AppliedUpdate> Audit()
    {
        var folder = Path.Combine(Root, "state", "updates");
        if (!Directory.Exists(folder)) return [];
        // One document per update: updates/yyyy-MM/{instant}-{link id}.json
        return [.. Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Select(f =>
            JsonSerializer.Deserialize<AppliedUpdate>(File.ReadAllBytes(f), new JsonSerializerOptions(JsonSerializerDefaults.Web))!)];
    }

    public DashboardDocument Dashboard() =>
        DashboardJson.Deserialize(File.ReadAllBytes(Path.Combine(Root, "out", "site", "dashboard.json")))!;

    public string CoordinatorSummaryText(string week) =>
        MimeMessage.Load(Path.Combine(Root, "out", "outbox", $"{week}_coordinator.eml")).TextBody ?? "";

    public static string Title(string html) => TitleTag().Match(html).Groups[1].Value;

    [GeneratedRegex("<title>([^<]*)</title>")]
    private static partial Regex TitleTag();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.DisposeAsync();
    }
}
