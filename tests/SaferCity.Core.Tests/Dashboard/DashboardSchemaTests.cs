using System.Text.Json;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>dashboard.json is a contract other tools read: every field the schema requires is there, with its type.</summary>
public class DashboardSchemaTests
{
    private static JsonElement Schema()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SaferCity.Functions.sln"))) dir = dir.Parent;
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(dir!.FullName, "dashboard", "dashboard.schema.json"))).RootElement;
    }

    [Fact]
    public async Task DashboardJson_SampleWithDrift_HasEveryRequiredFieldOfTheSchema()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-02");
        harness.Edit("2.1", item => Harness.With(item, "RAG", "A"));
        harness.Source.Tracker.RemoveAll(item => Equals(item["Title"], "5.4"));
        await harness.RunAsync("2017-01-16");

        using var json = JsonDocument.Parse(harness.Site.Files["dashboard.json"].Content);
        var problems = new List<string>();
        Check(Schema(), json.RootElement, "$", problems);

        Assert.Empty(problems);
        Assert.NotEqual(0, json.RootElement.GetProperty("removed").GetArrayLength()); // the check reached into every array
    }

    [Fact]
    public void Check_MissingRequiredField_IsReported()
    {
        using var json = JsonDocument.Parse("""{"schemaVersion":1,"asOf":"2017-01-16"}""");
        var problems = new List<string>();

        Check(Schema(), json.RootElement, "$", problems);

        Assert.Contains("$.summary is missing", problems);
    }

    // A small reader of the schema's own keywords (type, required, properties, items, enum, const):
    // enough to hold the generator to the contract without a schema library.
    private static void Check(JsonElement schema, JsonElement value, string path, List<string> problems)
    {
        if (schema.TryGetProperty("const", out var constant) && constant.GetRawText() != value.GetRawText())
            problems.Add($"{path} is {value.GetRawText()}, not {constant.GetRawText()}");
        if (schema.TryGetProperty("enum", out var options) && !options.EnumerateArray().Any(o => o.GetRawText() == value.GetRawText()))
            problems.Add($"{path} is {value.GetRawText()}, not one of {options.GetRawText()}");
        if (schema.TryGetProperty("type", out var type))
        {
            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Is(t, value))) problems.Add($"{path} is {value.ValueKind}, not {string.Join("|", allowed)}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
                foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
                    if (!value.TryGetProperty(name, out _)) problems.Add($"{path}.{name} is missing");
            if (schema.TryGetProperty("properties", out var properties))
                foreach (var p in properties.EnumerateObject())
                    if (value.TryGetProperty(p.Name, out var child)) Check(p.Value, child, $"{path}.{p.Name}", problems);
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            var i = 0;
            foreach (var child in value.EnumerateArray()) Check(items, child, $"{path}[{i++}]", problems);
        }
    }

    private static bool Is(string type, JsonElement value) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };
}
