using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Updates;
using SaferCity.Functions;
using SaferCity.Integration.Tests.Storage;
using System.Text.Json;

namespace SaferCity.Integration.Tests.Functions;

/// <summary>
/// The Functions app's own telemetry pipeline (AddSaferCityFunctions: Application Insights for the worker) with an
/// in-memory channel in place of the network: no item it would send carries an update link's token.
/// </summary>
public sealed class TelemetryRedactionTests
{
    private const string Token = "AQAAAABYfHPAAAAAAFijSIAAFWNvbW11bml0eS1zYWZldHktdGVhbQACMTEAAzIuNQ.q8Yz0-Tn1oU8l3bPz0c3Ui1Vf0w8mQ2hZtJ6yV9xK0c";

    private sealed class InMemoryChannel : ITelemetryChannel
    {
        public List<ITelemetry> Items { get; } = [];
        public bool? DeveloperMode { get; set; }
        public string? EndpointAddress { get; set; }
        public void Send(ITelemetry item) => Items.Add(item);
        public void Flush() { }
        public void Dispose() { }
    }

    private static IEnumerable<string?> Texts(ITelemetry item) => item switch
    {
        RequestTelemetry r => [r.Name, r.Url?.OriginalString, .. r.Properties.Values],
        DependencyTelemetry d => [d.Name, d.Data, d.Target, .. d.Properties.Values],
        TraceTelemetry t => [t.Message, .. t.Properties.Values],
        ExceptionTelemetry e => [e.Message, e.Exception?.Message, .. e.Properties.Values],
        _ => [],
    };

    [Fact]
    public async Task Telemetry_RequestDependencyTraceAndLog_CarryTheRouteAndLinkIdNeverTheToken()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddSaferCityFunctions(configuration);
        await using var provider = services.BuildServiceProvider();
        var channel = new InMemoryChannel();
        provider.GetRequiredService<TelemetryConfiguration>().TelemetryChannel = channel;
        var client = provider.GetRequiredService<TelemetryClient>();
        var url = $"https://app.azurewebsites.net/api/update/{Token}";

        client.TrackRequest(new RequestTelemetry($"GET /api/update/{Token}", DateTimeOffset.UtcNow, TimeSpan.FromMilliseconds(20), "200", true)
        {
            Url = new Uri(url)
        });
        client.TrackDependency(new DependencyTelemetry("HTTP", "127.0.0.1", $"GET /api/update/{Token}", url));
        client.TrackTrace($"Proxying {url}", new Dictionary<string, string> { ["url"] = url });
        provider.GetRequiredService<ILoggerFactory>().CreateLogger("Host.Results").LogWarning("Request to {Url} failed", url);
        client.Flush();

        Assert.True(channel.Items.Count >= 3, $"{channel.Items.Count} items");
        Assert.All(channel.Items.SelectMany(Texts), t => Assert.DoesNotContain(Token[..30], t ?? "", StringComparison.Ordinal));
        var request = Assert.Single(channel.Items.OfType<RequestTelemetry>());
        Assert.Equal($"https://app.azurewebsites.net/api/update/link-{UpdateLink.IdOf(Token)}", request.Url.OriginalString);
        Assert.Equal($"GET /api/update/link-{UpdateLink.IdOf(Token)}", request.Name);
    }

    /// <summary>
    /// What the host itself would leak (it runs outside the worker, so no processor of ours reaches it): its request log
    /// under Microsoft.AspNetCore.Hosting.Diagnostics carries the query string, and its dependency tracking records the
    /// proxied call's full address (azure-functions-host#11602). host.json keeps that category to warnings and turns
    /// the host's dependency tracking off; the worker's own copy of the category is kept to warnings too.
    /// </summary>
    [Fact]
    public void HostJson_HostingDiagnosticsAndDependencyTracking_AreOffSoNoQueryStringIsLogged()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(AzuriteInstance.RepositoryRoot(), "host.json")));
        var logging = host.RootElement.GetProperty("logging");

        Assert.Equal("Warning", logging.GetProperty("logLevel").GetProperty(FunctionsServiceCollectionExtensions.HostingDiagnostics).GetString());
        Assert.False(logging.GetProperty("applicationInsights").GetProperty("enableDependencyTracking").GetBoolean());
        Assert.Equal("Information", logging.GetProperty("logLevel").GetProperty("Host.Results").GetString()); // the rest is kept

        var services = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().Build()).AddLogging();
        services.AddSaferCityFunctions(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        var rules = provider.GetRequiredService<IOptions<LoggerFilterOptions>>().Value.Rules;
        Assert.Contains(rules, r => r.CategoryName == FunctionsServiceCollectionExtensions.HostingDiagnostics
            && r.ProviderName is null && r.LogLevel == LogLevel.Warning);
    }

    [Theory]
    [InlineData("Request starting HTTP/1.1 GET https://app/api/update/?link=" + Token + " - -",
        "Request starting HTTP/1.1 GET https://app/api/update/?link=link-{id} - -")]
    [InlineData("QueryString: ?link=" + Token + "&x=1", "QueryString: ?link=link-{id}&x=1")]
    [InlineData("next=%2Fapi%2Fupdate%2F%3Flink%3D" + Token, "next=%2Fapi%2Fupdate%2F%3Flink%3Dlink-{id}")]
    [InlineData("/api/update/" + Token + "?x=1", "/api/update/link-{id}?x=1")]
    [InlineData("/api/update%2F" + Token, "/api/update%2Flink-{id}")]
    [InlineData("/api/update/form.css", "/api/update/form.css")]
    public void Redact_TokenAfterUpdate_BecomesTheLinkId(string text, string expected) =>
        Assert.Equal(expected.Replace("{id}", UpdateLink.IdOf(Token), StringComparison.Ordinal), UpdateTokenRedactor.Redact(text));
}
