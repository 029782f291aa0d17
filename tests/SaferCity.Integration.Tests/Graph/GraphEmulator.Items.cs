using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// One list item, as the update form uses it: GET …/items/{id} (with <c>eTag</c> and <c>webUrl</c>, fields by
/// <c>$expand</c>) and PATCH …/items/{id}/fields, which honours <c>If-Match</c> as SharePoint does (412 when the
/// item's eTag moved on). Every applied change bumps the item's eTag version.
/// </summary>
public sealed partial class GraphEmulator
{
    /// <summary>PATCH requests that changed an item.</summary>
    public int AppliedPatches { get; private set; }

    /// <summary>A copy of one item as stored (fields, eTag, webUrl).</summary>
    public JsonObject Item(string listName, string id)
    {
        lock (gate) return (JsonObject)FindItem(FindList(listName)!, id)!.DeepClone();
    }

    /// <summary>Someone edits the item in SharePoint: the fields change and its eTag moves on.</summary>
    public void EditItem(string listName, string id, string field, string value)
    {
        lock (gate)
        {
            var item = FindItem(FindList(listName)!, id)!;
            ((JsonObject)item["fields"]!)[field] = value;
            Bump(item);
        }
    }

    private async Task<bool> TryItemRouteAsync(HttpContext context, string[] parts)
    {
        if (parts.Length is not (5 or 6) || parts[1] != "lists" || parts[3] != "items") return false;
        if (parts.Length == 6 && parts[5] != "fields") return false;
        var list = FindListById(parts[2]);
        JsonObject? item;
        lock (gate) item = list is null ? null : FindItem(list, parts[4]);
        if (item is null)
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "itemNotFound", "The item does not exist.");
            return true;
        }
        var method = context.Request.Method;
        if (parts.Length == 5 && method == "GET")
        {
            var (withFields, select) = ExpandedFields(context.Request.Query["$expand"].ToString());
            JsonNode body;
            lock (gate) body = Project(item, withFields, select);
            await JsonAsync(context, HttpStatusCode.OK, body);
            return true;
        }
        if (parts.Length == 6 && method == "PATCH")
        {
            var changes = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            string? refused;
            lock (gate) refused = InvalidChoice(list!, changes) ?? InvalidShape(list!, changes);
            if (refused is not null)
            {
                await ErrorAsync(context, HttpStatusCode.BadRequest, "invalidRequest", refused);
                return true;
            }
            var ifMatch = context.Request.Headers.IfMatch.ToString();
            JsonObject fields;
            lock (gate)
            {
                if (ifMatch.Length > 0 && ifMatch != "*" && ifMatch != item["eTag"]?.GetValue<string>())
                {
                    fields = null!;
                }
                else
                {
                    fields = (JsonObject)item["fields"]!;
                    StoreDates(list!, changes);
                    foreach (var (key, value) in changes) fields[key] = value?.DeepClone();
                    Bump(item);
                    AppliedPatches++;
                    fields = (JsonObject)fields.DeepClone();
                }
            }
            if (fields is null)
                await ErrorAsync(context, HttpStatusCode.PreconditionFailed, "resourceModified",
                    "The item has been modified since the ETag was issued.");
            else
                await JsonAsync(context, HttpStatusCode.OK, fields);
            return true;
        }
        await ErrorAsync(context, HttpStatusCode.BadRequest, "invalidRequest", $"Unsupported: {method} item");
        return true;
    }

    private static JsonObject? FindItem(EmulatedList list, string id) =>
        list.Items.FirstOrDefault(i => i["id"]?.GetValue<string>() == id) is { } item ? EnsureETag(item) : null;

    // Items created through the API get an eTag the first time they are looked at, as recorded ones have.
    private static JsonObject EnsureETag(JsonObject item)
    {
        item["eTag"] ??= $"\"{item["id"]},1\"";
        return item;
    }

    private static void Bump(JsonObject item)
    {
        var etag = EnsureETag(item)["eTag"]!.GetValue<string>().Trim('"');
        var comma = etag.LastIndexOf(',');
        var version = int.Parse(etag[(comma + 1)..], CultureInfo.InvariantCulture) + 1;
        item["eTag"] = $"\"{etag[..comma]},{version}\"";
        item["lastModifiedDateTime"] = "2017-01-16T12:00:00Z";
    }
}
