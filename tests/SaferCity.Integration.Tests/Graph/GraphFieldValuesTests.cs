using System.Text;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Serialization.Json;
using SaferCity.Core.Reading;
using SaferCity.Infrastructure.Graph;
using CoreListItem = SaferCity.Core.Model.ListItem;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// Unit tests (no server): the same JSON read by the Graph SDK's own deserializer and by the file source
/// must give the same normalised values, and so the same actions.
/// </summary>
public sealed class GraphFieldValuesTests
{
    private const string Shapes = """
        {"value":[
          {"id":"7","lastModifiedDateTime":"2017-01-13T16:30:00Z","fields":{
            "Title":"3.1","Theme":"3. Theft","KeyAction":"Lock bikes","DeliveryDeadline":"2016-09-29T23:00:00Z",
            "LeadService":["Community Safety Team","City of London Police"],"RAG":"R","HideFromDashboard":false,
            "Comments":"Complete – done","Status":null,"Score":4.50,"Count":3,"Owner":{"LookupValue":"Pat"},
            "Ref":"5a1e2c3d-0000-4000-8000-000000000001","Typed":"2016-12-31"}},
          {"id":"8","fields":{"Title":4,"DeliveryDeadline":"December 2016","LeadService":"CST / CoLP","RAG":"amber"}}
        ]}
        """;

    [Theory]
    [InlineData(Shapes)]
    [InlineData(null)] // the bundled sample
    public void Normalise_SameJsonThroughTheGraphSdk_GivesTheFileSourceValuesAndActions(string? json)
    {
        var bytes = json is null ? File.ReadAllBytes(SampleFiles.Tracker) : Encoding.UTF8.GetBytes(json);

        var fromFile = ListItemJson.Parse(bytes);
        var fromGraph = ThroughGraphSdk(bytes);

        Assert.Equal(fromFile.Count, fromGraph.Count);
        for (var i = 0; i < fromFile.Count; i++)
        {
            Assert.Equal(fromFile[i].Id, fromGraph[i].Id);
            Assert.Equal(fromFile[i].LastModified, fromGraph[i].LastModified);
            Assert.Equal(Describe(fromFile[i].Fields), Describe(fromGraph[i].Fields));
        }
        var leads = ListItemJson.Parse(File.ReadAllBytes(SampleFiles.Leads));
        var parser = new TrackerParser();
        Assert.Equivalent(parser.Parse(new(fromFile, leads)), parser.Parse(new(fromGraph, leads)), strict: true);
    }

    [Fact]
    public void Normalise_SdkTypes_BecomeTheParserShapes()
    {
        var raw = Deserialize(Encoding.UTF8.GetBytes(Shapes)).Value![0].Fields!.AdditionalData;
        var item = ThroughGraphSdk(Encoding.UTF8.GetBytes(Shapes))[0];

        // What the SDK made of the JSON …
        Assert.IsType<DateTime>(raw["DeliveryDeadline"]);
        Assert.IsType<Microsoft.Kiota.Abstractions.Serialization.UntypedArray>(raw["LeadService"]);
        Assert.IsType<decimal>(raw["Score"]);
        Assert.IsType<Guid>(raw["Ref"]);
        // … and what the parser gets.

        Assert.Equal("2016-09-29T23:00:00Z", item["DeliveryDeadline"]);
        Assert.Equal(new[] { "Community Safety Team", "City of London Police" }, item["LeadService"]);
        Assert.Equal(false, item["HideFromDashboard"]);
        Assert.Equal("4.50", item["Score"]);
        Assert.Equal("3", item["Count"]);
        Assert.Equal("Pat", item["Owner"]);
        Assert.Equal("5a1e2c3d-0000-4000-8000-000000000001", item["Ref"]);
        Assert.Equal("2016-12-31", item["Typed"]);
    }

    /// <summary>What GraphTrackerSource sees: the SDK's model, fields in AdditionalData with the SDK's guessed types.</summary>
    private static IReadOnlyList<CoreListItem> ThroughGraphSdk(byte[] json)
    {
        var response = Deserialize(json);
        // What GraphTrackerSource does with each item of a page (fields, id, last modified, webUrl).
        return [.. response.Value!.Select((item, i) => GraphTrackerSource.ToListItem(item, i + 1))];
    }

    private static ListItemCollectionResponse Deserialize(byte[] json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return new JsonParseNode(document.RootElement.Clone()).GetObjectValue(ListItemCollectionResponse.CreateFromDiscriminatorValue);
    }

    private static string Describe(IReadOnlyDictionary<string, object?> fields) => string.Join("\n", fields
        .Where(f => f.Key != "@odata.etag")
        .OrderBy(f => f.Key, StringComparer.Ordinal)
        .Select(f => $"{f.Key}={f.Value switch { IReadOnlyList<string> l => "[" + string.Join("|", l) + "]", null => "null", var v => $"{v.GetType().Name}:{v}" }}"));
}
