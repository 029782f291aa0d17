using System.Text;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>The reader looks for each field name from the slot after the last one found: any order must still read right.</summary>
public class ListItemJsonFieldOrderTests
{
    [Fact]
    public void Parse_ItemsWithTheirFieldsInDifferentOrders_EachValueUnderItsName()
    {
        var json = """
            {"value":[
              {"id":"1","fields":{"Title":"1.1","Theme":"A","RAG":"Red"}},
              {"id":"2","fields":{"RAG":"Green","Title":"1.2","Theme":"B"}},
              {"id":"3","fields":{"Theme":"C","RAG":"Amber"}},
              {"id":"4","fields":{"Status":"Done","Title":"1.4","Ti\u0074le":"ignored, the first wins","Theme":"D"}}
            ]}
            """;

        var items = ListItemJson.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Equal(["1.1", "1.2", null, "1.4"], items.Select(i => i["Title"]));
        Assert.Equal(["A", "B", "C", "D"], items.Select(i => i["Theme"]));
        Assert.Equal(["Red", "Green", "Amber", null], items.Select(i => i["RAG"]));
        Assert.Equal([null, null, null, "Done"], items.Select(i => i["Status"]));
        Assert.Equal(["Title", "Theme", "RAG"], items[0].Fields.Keys);
        Assert.Equal(["Title", "Theme", "Status"], items[3].Fields.Keys);
    }
}
