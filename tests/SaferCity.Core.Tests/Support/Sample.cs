using System.Text.Json.Nodes;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Support;

/// <summary>The bundled sample: the seed tracker as SharePoint returns it.</summary>
internal static class Sample
{
    public static string TrackerPath => Path.Combine(AppContext.BaseDirectory, "sample", "tracker.json");

    public static string LeadsPath => Path.Combine(AppContext.BaseDirectory, "sample", "leads.json");

    public static TrackerLists Lists() =>
        new(ListItemJson.Parse(File.ReadAllBytes(TrackerPath)), ListItemJson.Parse(File.ReadAllBytes(LeadsPath)));

    public static JsonObject TrackerJson() => JsonNode.Parse(File.ReadAllText(TrackerPath))!.AsObject();

    public static IEnumerable<JsonObject> Fields(JsonObject tracker) =>
        tracker["value"]!.AsArray().Select(item => item!["fields"]!.AsObject());

    public static TrackerLists ListsFrom(JsonObject tracker) =>
        new(ListItemJson.Parse(System.Text.Encoding.UTF8.GetBytes(tracker.ToJsonString())), ListItemJson.Parse(File.ReadAllBytes(LeadsPath)));
}
