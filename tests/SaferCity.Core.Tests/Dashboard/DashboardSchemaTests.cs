using System.Text.Json;
using Json.Schema;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>
/// dashboard.json is a contract other tools read. It is validated against dashboard/dashboard.schema.json by a
/// JSON Schema library (draft 2020-12), every keyword counted, with <c>format</c> enforced: a "date" must be a
/// calendar date (2017-01-16) and a "date-time" an RFC 3339 instant, not merely a string.
/// </summary>
public class DashboardSchemaTests
{
    private static readonly EvaluationOptions Strict = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    // Read once: the library registers a schema under its $id, and a second registration is refused.
    private static readonly JsonSchema Schema = Load();

    private static JsonSchema Load() => JsonSchema.FromText(SchemaText());

    private static string SchemaText()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SaferCity.Functions.sln"))) dir = dir.Parent;
        return File.ReadAllText(Path.Combine(dir!.FullName, "dashboard", "dashboard.schema.json"));
    }

    /// <summary>Each failing keyword as "/json/pointer: message".</summary>
    private static List<string> Problems(JsonElement json)
    {
        var result = Schema.Evaluate(json, Strict);
        var problems = (result.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
            .ToList();
        Assert.Equal(result.IsValid, problems.Count == 0);
        return problems;
    }

    [Fact]
    public async Task DashboardJson_SampleWithDrift_IsValidAgainstTheSchema()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-02");
        harness.Edit("2.1", item => Harness.With(item, "RAG", "A"));
        harness.Source.Tracker.RemoveAll(item => Equals(item["Title"], "5.4"));
        await harness.RunAsync("2017-01-16");

        using var json = JsonDocument.Parse(harness.Site.Files["dashboard.json"].Content);

        Assert.Empty(Problems(json.RootElement));
        // The document exercises the arrays' item schemas: removed and drifted actions are there to be checked.
        Assert.NotEqual(0, json.RootElement.GetProperty("removed").GetArrayLength());
        Assert.Equal("2017-01-16", json.RootElement.GetProperty("asOf").GetString());
    }

    [Fact]
    public void Schema_DriftKinds_TheNamesWordingGivesAnActionsDrift()
    {
        // The schema is the published contract: a drift kind the code can write is one the schema lets through.
        using var schema = JsonDocument.Parse(SchemaText());
        var kinds = schema.RootElement.GetProperty("properties").GetProperty("actions").GetProperty("items").GetProperty("properties")
            .GetProperty("drift").GetProperty("items").GetProperty("properties").GetProperty("kind").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()!);

        Assert.Equal(
            Enum.GetValues<DriftKind>().Where(k => k != DriftKind.Removed).Select(Wording.JsonName).Order(StringComparer.Ordinal),
            kinds.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Validate_SampleWithOneFieldBroken_ReportsThatFieldOnly()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16");
        var document = System.Text.Json.Nodes.JsonNode.Parse(harness.Site.Files["dashboard.json"].Content.Span)!.AsObject();

        document.Remove("summary");
        using var missing = JsonDocument.Parse(document.ToJsonString());

        Assert.Contains(Problems(missing.RootElement), p => p.Contains("summary", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("asOf", "\"16/01/2017\"")] // a UK-style date is still not a "date"
    [InlineData("asOf", "\"2017-02-30\"")] // no such day
    [InlineData("generatedAt", "\"2017-01-16\"")] // a date where an instant is promised
    [InlineData("generatedAt", "\"2017-01-16 07:00\"")] // no offset, no T
    [InlineData("schemaVersion", "2")]
    [InlineData("asOf", "20170116")] // a number, not a string
    public void Validate_ValueBreakingTheSchema_IsReported(string field, string value)
    {
        var valid = $$"""
            {"schemaVersion":1,"asOf":"2017-01-16","generatedAt":"2017-01-16T07:00:00+00:00","driftSince":null,
             "summary":{"total":0,"complete":0,"open":0,"overdue":0,"dueSoon":0,"red":0,"amber":0,"green":0,"ragMismatch":0},
             "actions":[],"removed":[],"dataQuality":[]}
            """;
        using var good = JsonDocument.Parse(valid);
        Assert.Empty(Problems(good.RootElement));
        var document = System.Text.Json.Nodes.JsonNode.Parse(valid)!.AsObject();
        document[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        using var bad = JsonDocument.Parse(document.ToJsonString());

        var problems = Problems(bad.RootElement);

        Assert.Contains(problems, p => p.StartsWith($"/{field}: ", StringComparison.Ordinal));
    }
}
