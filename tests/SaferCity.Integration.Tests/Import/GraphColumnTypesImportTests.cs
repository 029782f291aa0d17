using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using SaferCity.Core.Import;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;
using SaferCity.Infrastructure.Import;
using SaferCity.Integration.Tests.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Import;

/// <summary>
/// Import into lists an admin made, whose columns are typed: every value is checked against its column before the first
/// write, and sent in the shape SharePoint takes for that type.
/// </summary>
public sealed class GraphColumnTypesImportTests : IDisposable
{
    private readonly ImportFiles files = new();

    public void Dispose() => files.Dispose();

    /// <summary>An empty tracker list with the default names, where <paramref name="typed"/> replaces some columns.</summary>
    private static async Task<TestStack> ListWithAsync(params JsonObject[] typed)
    {
        var stack = await TestStack.StartAsync(TrackerFrom.GraphEmpty, sendGrid: false);
        var names = typed.Select(t => t["name"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var columns = new TrackerColumns();
        var defaults = columns.All().Where(n => n != "Title" && !names.Contains(n)).Select(n =>
            n == columns.DeliveryDeadline ? GraphEmulator.DateColumn(n)
            : n == columns.Comments ? GraphEmulator.Column(n, settings: new JsonObject { ["allowMultipleLines"] = true })
            : GraphEmulator.Column(n));
        stack.Graph.AddList(GraphEmulator.TrackerList, [], defaults.Concat(typed));
        stack.Graph.AddList(GraphEmulator.LeadsList, GraphEmulator.RecordedItems(SampleFiles.Leads));
        return stack;
    }

    private static JsonObject Choice(string name, bool multi, bool allowTextEntry, params string[] choices) =>
        GraphEmulator.Column(name, facet: "choice",
        settings: new JsonObject
        {
            ["choices"] = new JsonArray([.. choices.Select(c => JsonValue.Create(c))]),
            ["allowTextEntry"] = allowTextEntry,
            ["displayAs"] = multi ? "checkBoxes" : "dropDownMenu",
        });

    [Fact]
    public async Task Import_RagChoicesSpelledOut_LettersWrittenAsTheColumnsChoicesAndASecondImportWritesNothing()
    {
        await using var stack = await ListWithAsync(Choice("RAG", multi: false, allowTextEntry: false, "Green", "Amber", "Red"));
        var path = files.Docx("seed.docx");

        await ImportAsync(stack, path);
        var output = new List<string>();
        var again = await ImportAsync(stack, path, output);

        var rags = stack.Graph.FindList(GraphEmulator.TrackerList)!.Items.Select(i => i["fields"]!["RAG"]?.GetValue<string>()).Distinct().ToList();
        Assert.All(rags, r => Assert.Contains(r, new[] { "Green", "Amber", "Red", null }));
        Assert.Contains("Amber", rags);
        Assert.False(again.Written);
        Assert.Contains("Plan: 0 to create, 0 to update, 42 unchanged, 0 in the list but not in the file.", output);
    }

    [Fact]
    public async Task Import_ThemeNotAmongTheColumnsChoices_RefusedWholeNamingTheValuesAndNothingWritten()
    {
        await using var stack = await ListWithAsync(Choice("Theme", multi: false, allowTextEntry: false, "1. Violence Against the Person"));

        var error = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync(stack, files.Docx("seed.docx")));

        Assert.StartsWith("the list 'SCP Progress Monitoring' would refuse ", error.Message);
        Assert.Contains("is not one of the choices of the column Theme (1. Violence Against the Person)", error.Message);
        Assert.Empty(stack.Graph.Writes);
        Assert.Empty(stack.Graph.FindList(GraphEmulator.TrackerList)!.Items);
    }

    [Fact]
    public async Task Import_LeadColumnMultiChoice_WrittenAsATypedCollectionAndRunToTheSampleLeads()
    {
        await using var stack = await ListWithAsync(Choice("LeadService", multi: true, allowTextEntry: true));

        await ImportAsync(stack, files.Docx("seed.docx"));

        var create = stack.Graph.Writes.First(w => w.Method == "POST" && w.Body["fields"]?["LeadService"] is JsonArray { Count: > 1 })
            .Body["fields"]!;
        Assert.Equal("Collection(Edm.String)", create["LeadService@odata.type"]!.GetValue<string>());
        var summary = (await stack.RunAsync()).Dashboard!.Summary;
        Assert.Equal(await TestStack.FileRunSummaryAsync(), summary);
    }

    [Fact]
    public async Task Import_LeadColumnIsAPersonColumn_RefusedNamingItAndNothingWritten()
    {
        await using var stack = await ListWithAsync(GraphEmulator.Column("LeadService", "Lead service", "personOrGroup"));

        var error = await Assert.ThrowsAsync<ImportRefusedException>(() => ImportAsync(stack, files.Docx("seed.docx")));

        Assert.Contains("the column LeadService (\"Lead service\") is a Person column, which takes ids from another list", error.Message);
        Assert.Empty(stack.Graph.Writes);
    }

    [Fact]
    public async Task Import_DeadlineAndCommentBlankedInTheFile_ClearedWithTheEmptyStringSharePointHonours()
    {
        await using var stack = await ListWithAsync();
        await ImportAsync(stack, files.Docx("seed.docx"));
        var before = stack.Graph.Writes.Count;

        await ImportAsync(stack, files.Docx("blanked.docx", ImportFiles.SeedWith("2.5", r => r with { Deadline = "", Comments = "" })));

        var write = Assert.Single(stack.Graph.Writes.Skip(before));
        Assert.Equal("", write.Body["DeliveryDeadline"]!.GetValue<string>());
        Assert.Equal("", write.Body["Comments"]!.GetValue<string>());
        var item = stack.Graph.FindList(GraphEmulator.TrackerList)!.Items.Single(i => i["fields"]!["Title"]!.GetValue<string>() == "2.5");
        Assert.Null(item["fields"]!["DeliveryDeadline"]);
        Assert.Null(item["fields"]!["Comments"]);
    }

    private static async Task<ImportOutcome> ImportAsync(TestStack stack, string path, List<string>? output = null)
    {
        await using var services = stack.Services();
        var columns = services.GetRequiredService<IOptions<TrackerColumns>>().Value;
        var target = new GraphImportTarget(services.GetRequiredService<GraphServiceClient>(),
            services.GetRequiredService<IOptions<TrackerOptions>>().Value, columns, services.GetRequiredService<IOptions<GraphOptions>>().Value,
            services.GetRequiredService<TimeProvider>(), services.GetRequiredService<SiteTimeZone>());
        return await new TrackerImporter(columns).ImportAsync(TrackerFile.Read(path), target, dryRun: false, (output ?? []).Add,
            CancellationToken.None);
    }
}
