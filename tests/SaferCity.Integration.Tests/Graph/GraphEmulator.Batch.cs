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
    private int throttleRetryAfter;
    private int appliedThenFailed;
    private HttpStatusCode appliedThenFailStatus;
    private int shuffleSeed;

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

    /// <summary>From the <paramref name="number"/>th <c>$batch</c> request on, answer <paramref name="status"/>,
    /// <paramref name="times"/> times.</summary>
    public void FailBatchesFrom(int number, HttpStatusCode status, int times = int.MaxValue)
    {
        lock (gate) (failBatchesFrom, failBatchStatus, failBatchesTimes) = (number, status, times);
    }

    /// <summary>The next <paramref name="count"/> writes inside batches answer 429 with SharePoint's usual Retry-After of 120 s
    /// (on the app's clock).</summary>
    public void ThrottleWrites(int count, int retryAfterSeconds = 120)
    {
        lock (gate) (throttledWrites, throttleRetryAfter) = (count, retryAfterSeconds);
    }

    /// <summary>
    /// The next <paramref name="count"/> item creates inside batches are applied, but answered <paramref name="status"/>
    /// (504 by default), as when SharePoint's front end gives up on a request its back end finishes.
    /// </summary>
    public void ApplyThenFail(int count, HttpStatusCode status = HttpStatusCode.GatewayTimeout)
    {
        lock (gate) (appliedThenFailed, appliedThenFailStatus) = (count, status);
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

    // PATCH …/items/{id}/fields {Field: value, …} inside a batch: only the fields sent change; null clears one; If-Match is
    // honoured and the item's eTag moves on, as for a request of its own.
    private async Task PatchFieldsAsync(HttpContext context, EmulatedList? list, string itemId)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))?.AsObject() ?? [];
        var ifMatch = context.Request.Headers.IfMatch.ToString();
        JsonObject? item;
        var stale = false;
        string? refused;
        lock (gate) refused = list is null ? null : InvalidChoice(list, body) ?? InvalidShape(list, body);
        if (refused is not null)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "invalidRequest", refused);
            return;
        }
        lock (gate)
        {
            writes.Add(("PATCH", context.Request.Path.Value ?? "", (JsonObject)body.DeepClone()));
            item = list is null ? null : FindItem(list, itemId);
            stale = item is not null && ifMatch.Length > 0 && ifMatch != "*" && ifMatch != item["eTag"]?.GetValue<string>();
            if (item is not null && !stale)
            {
                var fields = item["fields"] as JsonObject ?? (JsonObject)(item["fields"] = new JsonObject());
                StoreDates(list!, body);
                foreach (var (key, value) in body) fields[key] = value?.DeepClone();
                Bump(item);
            }
        }
        if (item is null)
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "itemNotFound", "The item does not exist.");
            return;
        }
        if (stale)
        {
            await ErrorAsync(context, HttpStatusCode.PreconditionFailed, "resourceModified", "The item has been modified since the ETag was issued.");
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
        var failed = new HashSet<string>();
        foreach (var step in steps.OfType<JsonObject>())
        {
            var id = step["id"]!.ToString();
            if (TakeThrottle())
            {
                failed.Add(id);
                responses.Add(new JsonObject
                {
                    ["id"] = id, ["status"] = 429,
                    ["headers"] = new JsonObject { ["Retry-After"] = throttleRetryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                    ["body"] = new JsonObject
                    {
                        ["error"] = new JsonObject { ["code"] = "activityLimitReached", ["message"] = "Injected 429 in a batch." }
                    },
                });
                continue;
            }
            if (step["dependsOn"] is JsonArray dependsOn && dependsOn.Any(d => failed.Contains(d!.ToString())))
            {
                failed.Add(id);
                responses.Add(StepError(id, HttpStatusCode.FailedDependency, "failedDependency", "A request it depends on failed."));
                continue;
            }
            lock (gate) batchSteps++;
            var answer = await RunStepAsync(step, id);
            if (answer["status"]!.GetValue<int>() is < 200 or >= 300) failed.Add(id);
            else if (step["method"]?.ToString() == "POST" && TakeAppliedThenFail() is { } lost)
                answer = StepError(id, lost, "gatewayTimeout", "The request was applied, but its answer was lost.");
            responses.Add(answer);
        }
        // Graph gives no order to a batch's responses: the client must find each by its id. Seeded, so a failure repeats.
        Random order;
        lock (gate) order = new Random(++shuffleSeed);
        var shuffled = new JsonArray([.. responses.Select(r => r!.DeepClone()).OrderBy(_ => order.Next())]);
        await JsonAsync(context, HttpStatusCode.OK, new JsonObject { ["responses"] = shuffled });
    }

    private static JsonObject StepError(string id, HttpStatusCode status, string code, string message) => new()
    {
        ["id"] = id, ["status"] = (int)status, ["headers"] = new JsonObject { ["Content-Type"] = "application/json" },
        ["body"] = new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } },
    };

    private HttpStatusCode? TakeAppliedThenFail()
    {
        lock (gate)
        {
            if (appliedThenFailed <= 0) return null;
            appliedThenFailed--;
            return appliedThenFailStatus;
        }
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
        foreach (var (name, value) in step["headers"] as JsonObject ?? []) inner.Request.Headers[name] = value?.ToString();
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
