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
    public void Parse_NotAListItemsResponse_ThrowsFormatException(string json) =>
        Assert.Throws<FormatException>(() => Parse(json));

    [Fact]
    public void Parse_TruncatedJson_ThrowsJsonException() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => Parse("{\"value\": [ {\"id\": \"1\", "));
}
