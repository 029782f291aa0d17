using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// What the import needs of Graph, kept apart from the reading routes: JSON batching (<c>POST /$batch</c>, each step
/// run through the same routes as a direct request), a list's columns, and updating an item's fields
/// (<c>PATCH …/items/{id}/fields</c>). Faults: whole batch requests failing, and single writes throttled inside a batch.
/// </summary>
public sealed partial class GraphEmulator
{
    private readonly List<(string Method, string Path, JsonObject Body)> writes = [];
    private int batchRequests;
    private int batchSteps;
    private int failBatchesFrom = int.MaxValue;
    private int failBatchesTimes;
    private HttpStatusCode failBatchStatus;
    private int throttledWrites;

    /// <summary>Every item create and fields update as it arrived (in a batch or not), with its body.</summary>
    public IReadOnlyList<(string Method, string Path, JsonObject Body)> Writes
    {
        get { lock (gate) return [.. writes]; }
    }

    /// <summary>The <c>$batch</c> requests received.</summary>
    public int BatchRequestCount
    {
        get { lock (gate) return batchRequests; }
    }

    /// <summary>The steps answered inside <c>$batch</c> requests (throttled ones excluded).</summary>
    public int BatchStepCount
    {
        get { lock (gate) return batchSteps; }
    }

    /// <summary>From the <paramref name="number"/>th <c>$batch</c> request on, answer <paramref name="status"/>, <paramref name="times"/> times.</summary>
    public void FailBatchesFrom(int number, HttpStatusCode status, int times = int.MaxValue)
    {
        lock (gate) (failBatchesFrom, failBatchStatus, failBatchesTimes) = (number, status, times);
    }

    /// <summary>The next <paramref name="count"/> writes inside batches answer 429 with Retry-After: 0.</summary>
    public void ThrottleWrites(int count)
    {
        lock (gate) throttledWrites = count;
    }

    /// <summary>Answers the import's routes; false for anything else, which the reading routes handle.</summary>
    private async Task<bool> TryHandleImportRouteAsync(HttpContext context, string path)
    {
        if (path == "/v1.0/$batch" && context.Request.Method == "POST")
        {
            await BatchAsync(context);
            return true;
        }
        var parts = path.StartsWith("/v1.0/sites/", StringComparison.Ordinal) ? path["/v1.0/sites/".Length..].Split('/') : [];
        if (parts is [SiteId, "lists", _, "items"] && context.Request.Method == "POST")
        {
            // Recorded here, then created by the reading side's route.
            context.Request.EnableBuffering();
            var body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? [];
            context.Request.Body.Position = 0;
            lock (gate) writes.Add(("POST", path, body));
        }
        return false;
    }

    // PATCH …/items/{id}/fields {Field: value, …}: only the fields sent change; null clears one.
    private async Task PatchFieldsAsync(HttpContext context, EmulatedList? list, string itemId)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? [];
        JsonObject? item;
        lock (gate)
        {
            writes.Add(("PATCH", context.Request.Path.Value ?? "", (JsonObject)body.DeepClone()));
            item = list?.Items.FirstOrDefault(i => i["id"]?.ToString() == itemId);
            if (item is not null)
            {
                var fields = item["fields"] as JsonObject ?? (JsonObject)(item["fields"] = new JsonObject());
                foreach (var (key, value) in body) fields[key] = value?.DeepClone();
                item["lastModifiedDateTime"] = "2017-01-14T09:00:00Z";
            }
        }
        if (item is null)
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "itemNotFound", "The item does not exist.");
            return;
        }
        JsonNode answer;
        lock (gate) answer = item["fields"]!.DeepClone();
        await JsonAsync(context, HttpStatusCode.OK, answer);
    }

    // POST /$batch {requests:[{id, method, url, headers, body}]} → {responses:[{id, status, headers, body}]}
    private async Task BatchAsync(HttpContext context)
    {
        HttpStatusCode? fail = null;
        lock (gate)
        {
            batchRequests++;
            if (batchRequests >= failBatchesFrom && failBatchesTimes > 0)
            {
                failBatchesTimes--;
                fail = failBatchStatus;
            }
        }
        if (fail is { } status)
        {
            await ErrorAsync(context, status, "serviceNotAvailable", $"Injected {(int)status} on a batch.");
            return;
        }

        var batch = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var steps = batch["requests"]!.AsArray();
        if (steps.Count > 20)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "invalidRequest", "A batch holds at most 20 requests.");
            return;
        }
        var responses = new JsonArray();
        foreach (var step in steps.OfType<JsonObject>())
        {
            var id = step["id"]!.ToString();
            if (TakeThrottle())
            {
                responses.Add(new JsonObject
                {
                    ["id"] = id, ["status"] = 429, ["headers"] = new JsonObject { ["Retry-After"] = "0" },
                    ["body"] = new JsonObject { ["error"] = new JsonObject { ["code"] = "activityLimitReached", ["message"] = "Injected 429 in a batch." } },
                });
                continue;
            }
            lock (gate) batchSteps++;
            responses.Add(await RunStepAsync(step, id));
        }
        await JsonAsync(context, HttpStatusCode.OK, new JsonObject { ["responses"] = responses });
    }

    private bool TakeThrottle()
    {
        lock (gate)
        {
            if (throttledWrites <= 0) return false;
            throttledWrites--;
            return true;
        }
    }

    /// <summary>One step of a batch, answered by the same routes as a request of its own.</summary>
    private async Task<JsonObject> RunStepAsync(JsonObject step, string id)
    {
        var url = step["url"]!.GetValue<string>();
        var (path, query) = url.IndexOf('?') is var q and >= 0 ? (url[..q], url[q..]) : (url, "");
        if (!path.StartsWith("/v1.0/", StringComparison.Ordinal)) path = "/v1.0" + (path.StartsWith('/') ? path : "/" + path);
        var inner = new DefaultHttpContext();
        inner.Request.Method = step["method"]!.GetValue<string>();
        inner.Request.Path = path;
        inner.Request.QueryString = new QueryString(query);
        var body = step["body"] switch
        {
            JsonObject or JsonArray => step["body"]!.ToJsonString(),
            JsonValue value when value.TryGetValue<string>(out var base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64)),
            _ => "",
        };
        inner.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        inner.Request.ContentType = "application/json";
        var output = new MemoryStream();
        inner.Response.Body = output;
        // A fields update in a batch is answered here; everything else by the same routes as a request of its own.
        var parts = path.StartsWith("/v1.0/sites/", StringComparison.Ordinal) ? path["/v1.0/sites/".Length..].Split('/') : [];
        if (inner.Request.Method == "PATCH" && parts is [SiteId, "lists", var listId, "items", var itemId, "fields"])
        {
            requests.Enqueue($"PATCH {path}");
            await PatchFieldsAsync(inner, FindListById(listId), itemId);
        }
        else await HandleAsync(inner);

        var answer = new JsonObject
        {
            ["id"] = id,
            ["status"] = inner.Response.StatusCode,
            ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
        };
        if (output.Length > 0) answer["body"] = JsonNode.Parse(output.ToArray());
        return answer;
    }
}
