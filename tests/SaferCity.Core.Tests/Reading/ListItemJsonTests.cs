using System.Text;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

public class ListItemJsonTests
{
    private static IReadOnlyList<SaferCity.Core.Model.ListItem> Parse(string json) => ListItemJson.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Parse_GraphShapes_NormalisesEveryValue()
    {
        var items = Parse("""
            { "@odata.context": "x", "value": [ { "@odata.etag": "\"1\"", "id": "7", "lastModifiedDateTime": "2017-01-13T16:30:00Z",
              "createdBy": { "user": { "displayName": "Admin" } },
              "fields": { "Title": "1.1", "Order": 3.5, "Hide": true, "Leads": ["CST", { "LookupValue": "CoLP", "LookupId": 4 }],
                          "Owner": { "Email": "x", "LookupValue": "Someone" }, "Empty": null, "title": "duplicate key ignored" } } ],
              "@odata.nextLink": "https://graph.microsoft.com/v1.0/next" }
            """);

        var item = Assert.Single(items);
        Assert.Equal("7", item.Id);
        Assert.Equal(new DateTimeOffset(2017, 1, 13, 16, 30, 0, TimeSpan.Zero), item.LastModified);
        Assert.Equal("1.1", item["title"]);
        Assert.Equal("3.5", item["Order"]);
        Assert.Equal(true, item["Hide"]);
        Assert.Equal(new List<string> { "CST", "CoLP" }, item["Leads"]);
        Assert.Equal("Someone", item["Owner"]);
        Assert.Null(item["Empty"]);
        Assert.Null(item["Missing"]);
    }

    [Fact]
    public void Parse_ItemWithoutIdOrFields_KeptWithAPositionalId()
    {
        var items = Parse("""{"value":[{"id":"1","fields":{"Title":"1.1"}},{"eTag":"x"}]}""");

        Assert.Equal(["1", "#2"], items.Select(i => i.Id));
        Assert.Empty(items[1].Fields);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("{\"value\": {}}")]
    [InlineData("\"value\"")]
    public void Parse_NotAListItemsResponse_ThrowsFormatException(string json)
    {
        var error = Assert.Throws<FormatException>(() => Parse(json));

        // Shown as it is by the CLI when --tracker names the wrong file: it says what a tracker file looks like.
        Assert.Equal("Expected a Graph list-items response: an object with a \"value\" array.", error.Message);
    }

    [Fact]
    public void Parse_HandEditedFileWithCommentsAndTrailingCommas_Read()
    {
        var items = Parse("""
            {
              // a tracker file kept by hand, as the CLI reads it
              "value": [
                { "id": "1", "fields": { "Title": "1.1", /* was 1.0 */ "RAG": "G", }, },
              ],
            }
            """);

        Assert.Equal("G", Assert.Single(items)["RAG"]);
    }

    [Fact]
    public void Parse_TruncatedJson_ThrowsJsonException() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Parse("{\"value\": [ {\"id\": \"1\", "));

    [Fact]
    public void Parse_ObjectValues_MostReadablePartWhateverItsPosition()
    {
        var item = Assert.Single(Parse("""
            {"value":[{"fields":{
              "A": {"Title": "title", "Value": "value", "Description": "description", "Label": "label", "LookupValue": "lookup"},
              "B": {"Title": "title", "Description": "description", "Label": "label"},
              "C": {"Title": "title", "Value": "value", "Description": 3},
              "D": {"Url": "https://example.org", "LookupId": 4},
              "E": {"LookupValue": {"nested": "x"}, "Title": "title"},
              "F": {"Title": "title", "Value": "value", "Description": "description"}
            }}]}
            """));

        Assert.Equal("lookup", item["A"]);
        Assert.Equal("label", item["B"]);
        Assert.Equal("value", item["C"]);
        Assert.Null(item["D"]);
        Assert.Equal("title", item["E"]);
        Assert.Equal("description", item["F"]);
    }

    [Fact]
    public void Parse_ArrayOfMixedValues_TextOfEachScalarAndReadableObject()
    {
        var item = Assert.Single(Parse("""
            {"value":[{"fields":{"Leads": ["CST", 12, true, false, null, ["nested"], {"LookupId": 1}, {"LookupValue": "CoLP"}], "After": "kept"}}]}
            """));

        Assert.Equal(new List<string> { "CST", "12", "true", "false", "CoLP" }, item["Leads"]);
        Assert.Equal("kept", item["After"]);
    }

    [Fact]
    public void Parse_IdAndDateInOtherShapes_IdAsTextAndUnreadableDateIgnored()
    {
        var items = Parse("""
            {"value":[
              {"id": 12, "lastModifiedDateTime": 20170113, "fields": "not an object", "x": {"y": [1, 2]}},
              {"id": true, "lastModifiedDateTime": "13 January", "fields": {"Title": "1.2"}},
              {"id": ["7"], "fields": {"Title": "1.3"}}
            ]}
            """);

        Assert.Equal(["12", "true", "#3"], items.Select(i => i.Id));
        Assert.All(items, i => Assert.Null(i.LastModified));
        Assert.Empty(items[0].Fields);
        Assert.Equal("1.2", items[1]["title"]);
        Assert.Equal("1.3", items[2]["Title"]);
    }

    [Fact]
    public void Parse_ValueArrayWithNonObjects_OnlyItemsCountedForPositionalIds()
    {
        var items = Parse("""{"before": {"value": []}, "value":[1, "x", [{"id": "no"}], {"fields":{"Title":"1.1"}}, null, {}], "after": [1]}""");

        Assert.Equal(["#1", "#2"], items.Select(i => i.Id));
        Assert.Equal("1.1", items[0]["Title"]);
    }

    [Fact]
    public void Parse_ManyColumns_EveryColumnReadInEveryItem()
    {
        // More distinct column names than the parser keeps as shared strings.
        var fields = string.Join(",", Enumerable.Range(0, 80).Select(n => $"\"C{n}\": \"v{n}\""));
        var one = "{\"fields\":{" + fields + "}}";
        var items = Parse("{\"value\":[" + one + "," + one + "]}");

        Assert.All(items, item =>
        {
            Assert.Equal(80, item.Fields.Count);
            Assert.Equal("v0", item["c0"]);
            Assert.Equal("v79", item["C79"]);
        });
    }

    [Fact]
    public void Parse_LoneSurrogateEscape_ReadAsReplacementCharacter()
    {
        var item = Assert.Single(Parse("""{"value":[{"fields":{"Comments":"half \ud800 a character"}}]}"""));

        Assert.Equal("half \uFFFD a character", item["Comments"]);
    }

    [Fact]
    public void Normalise_EachValueKind_TheParsersShapes()
    {
        using var doc = System.Text.Json.JsonDocument.Parse("""
            {"s": "text", "n": 3.50, "t": true, "f": false, "z": null,
             "a": ["x", 2, true, false, null, {"Label": "label"}, {"LookupId": 1}, [1]],
             "o": {"Description": "description", "LookupValue": "lookup"}, "o2": {"Title": 5, "Value": "value"},
             "o3": {"LookupValue": 5, "Title": "title"}}
            """);
        object? Of(string name) => ListItemJson.Normalise(doc.RootElement.GetProperty(name));

        Assert.Equal("text", Of("s"));
        Assert.Equal("3.50", Of("n"));
        Assert.Equal(true, Of("t"));
        Assert.Equal(false, Of("f"));
        Assert.Null(Of("z"));
        Assert.Equal(new List<string> { "x", "2", "true", "false", "label" }, Of("a"));
        Assert.Equal("lookup", Of("o"));
        Assert.Equal("value", Of("o2"));
        Assert.Equal("title", Of("o3")); // a readable part that is not text is passed over
    }

    [Fact]
    public void Parse_ItemLinkAndETag_KeptForTheUpdateForm()
    {
        var items = Parse("""
            {"value":[
              {"id": "1", "webUrl": "https://example.sharepoint.com/sites/csp/Lists/Tracker/1_.000", "eTag": "\"abc,3\"", "fields": {"Hide": false}},
              {"id": "2", "webUrl": 7, "eTag": {"v": 1}, "fields": {}}
            ]}
            """);

        Assert.Equal("https://example.sharepoint.com/sites/csp/Lists/Tracker/1_.000", items[0].WebUrl);
        Assert.Equal("\"abc,3\"", items[0].ETag);
        Assert.Equal(false, items[0]["Hide"]);
        Assert.Null(items[1].WebUrl);
        Assert.Null(items[1].ETag);
    }

    [Fact]
    public void Parse_FieldsThatAreNotAnObject_RestOfTheItemStillRead()
    {
        var items = Parse("""{"value":[{"fields": ["1.1", {"Title": "1.1"}], "id": "9", "webUrl": "https://example.org/9"}]}""");

        Assert.Equal("9", items[0].Id);
        Assert.Equal("https://example.org/9", items[0].WebUrl);
        Assert.Empty(items[0].Fields);
    }

    [Fact]
    public void Parse_ColumnNamesRepeatedInEveryItem_OneStringPerName()
    {
        // 50,000 items repeat the same dozen names: each name is held once, not once per item.
        var items = Parse("""{"value":[{"fields":{"Title":"1.1","RAG":"G"}},{"fields":{"Title":"1.2","RAG":"A"}}]}""");

        var first = items[0].Fields.Keys.ToList();
        var second = items[1].Fields.Keys.ToList();
        Assert.Equal(first, second);
        Assert.All(first.Zip(second), pair => Assert.Same(pair.First, pair.Second));
    }

    [Fact]
    public void Parse_RepeatedShortValues_OneStringPerValue()
    {
        var items = Parse("""
            {"value":[{"id":"1","fields":{"Theme":"1. Streets","RAG":"G","Leads":["CST"]}},
                      {"id":"2","fields":{"Theme":"1. Streets","RAG":"G","Leads":["CST"]}}]}
            """);

        // 200,000 rows repeat a few hundred themes, ratings and leads: each row holding its own copy cost tens of MB.
        Assert.Same(items[0]["Theme"], items[1]["Theme"]);
        Assert.Same(items[0]["RAG"], items[1]["RAG"]);
        Assert.Same(((List<string>)items[0]["Leads"]!)[0], ((List<string>)items[1]["Leads"]!)[0]);
    }

    [Fact]
    public void Parse_NamesDifferingInCaseAcrossItems_EachItemAsWritten()
    {
        var items = Parse("""
            {"value":[{"id":"1","fields":{"Title":"1.1","RAG":"G"}},
                      {"id":"2","fields":{"title":"1.2","Title":"ignored","Theme":null}},
                      {"id":"3","fields":{"Theme":"T"}}]}
            """);

        Assert.Equal("1.2", items[1]["TITLE"]);
        Assert.Equal(["title", "Theme"], items[1].Fields.Keys);
        Assert.True(items[1].Fields.ContainsKey("theme"));
        Assert.Null(items[1]["Theme"]);
        Assert.False(items[1].Fields.ContainsKey("RAG"));
        Assert.Equal([KeyValuePair.Create("Theme", (object?)"T")], items[2].Fields);
        Assert.False(items[2].Fields.ContainsKey("Title"));
        Assert.Equal(2, items[0].Fields.Count);
    }

    [Fact]
    public void ParsePage_NextLinkBeforeOrAfterTheItems_ReturnedWithThem()
    {
        var after = ListItemJson.ParsePage(
            """{"value":[{"id":"1","fields":{"Title":"1.1"}}],"@odata.nextLink":"https://graph/next?$skiptoken=2"}"""u8);
        var before = ListItemJson.ParsePage("""{"@odata.nextLink":"https://graph/next","value":[{"id":"1"},{"id":"2"}]}"""u8);
        var last = ListItemJson.ParsePage("""{"value":[]}"""u8);

        Assert.Equal(("1", "https://graph/next?$skiptoken=2"), (Assert.Single(after.Items).Id, after.NextLink));
        Assert.Equal((2, "https://graph/next"), (before.Items.Count, before.NextLink));
        Assert.Null(last.NextLink);
    }

    [Fact]
    public void ParseItem_OneItemAsGraphServesIt_SameValuesAsInAPage()
    {
        const string item = """
            {"@odata.etag":"\"4\"","id":"9","eTag":"\"abc,4\"","webUrl":"https://contoso/9",
             "fields":{"Title":"2.5","DeliveryDeadline":"2016-09-29T23:00:00Z","LeadService":[{"LookupValue":"CST"}]}}
            """;

        var one = ListItemJson.ParseItem(Encoding.UTF8.GetBytes(item));
        var inPage = Assert.Single(Parse($$"""{"value":[{{item}}]}"""));

        Assert.Equal(("9", "\"abc,4\"", "https://contoso/9"), (one.Id, one.ETag, one.WebUrl));
        Assert.Equal("2016-09-29T23:00:00Z", one["DeliveryDeadline"]);
        Assert.Equal(inPage.Fields.OrderBy(f => f.Key), one.Fields.OrderBy(f => f.Key));
    }
}
