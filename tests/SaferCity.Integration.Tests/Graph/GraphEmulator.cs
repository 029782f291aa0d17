using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>
/// Just enough of Microsoft Graph for SharePoint lists, on 127.0.0.1 and a free port: the site by path,
/// lists by display name, a list's columns, list items in pages (<c>$top</c>, <c>@odata.nextLink</c>,
/// <c>expand=fields(select=…)</c>), creating lists and items. It records every request and can misbehave on a chosen page of a list.
/// </summary>
public sealed partial class GraphEmulator : IAsyncDisposable
{
    public const string SiteUrl = "https://contoso.sharepoint.com/sites/scp";
    public const string SiteId = "contoso.sharepoint.com,5a1e2c3d-0000-4000-8000-000000000001,5a1e2c3d-0000-4000-8000-000000000002";
    public const string TrackerList = "SCP Progress Monitoring";
    public const string LeadsList = "SCP Leads";

    private readonly WebApplication app;
    private readonly Lock gate = new();
    private readonly List<EmulatedList> lists = [];
    private readonly List<PageFault> faults = [];
    private readonly ConcurrentQueue<string> requests = new();
    private readonly List<(string Marker, string Json)> rawText = [];
    private readonly ConcurrentQueue<string> userAgents = new();
    private readonly ConcurrentQueue<string> authorizations = new();
    private DateTimeOffset throttledUntil = DateTimeOffset.MinValue;
    private HttpStatusCode throttleStatus;

    private GraphEmulator()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(HandleAsync);
    }

    /// <summary>http://127.0.0.1:{port}/v1.0 — what Graph__BaseUrl points at.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The most items a page holds; a smaller <c>$top</c> wins. SharePoint serves up to 5000 (200 without <c>$top</c>).</summary>
    public int PageSize { get; set; } = MaxTop;

    /// <summary>The largest <c>$top</c> SharePoint serves for list items.</summary>
    public const int MaxTop = 5000;

    /// <summary>Every request as "METHOD path?query", query decoded, in arrival order.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    /// <summary>
    /// The app holds Sites.Selected with the write role only: it may read and write items, but creating a list answers 403,
    /// as SharePoint does (list creation needs the manage role or Sites.Manage.All).
    /// </summary>
    public bool SitesSelectedWrite { get; set; }

    /// <summary>The User-Agent of every request that came over the wire (batch steps carry none of their own).</summary>
    public IReadOnlyList<string> UserAgents => [.. userAgents];

    /// <summary>"{path}: {Authorization header}" of every request over the wire ("none" without one), Graph's and SharePoint's.</summary>
    public IReadOnlyList<string> Authorizations => [.. authorizations];

    /// <summary>
    /// The emulator's clock: the app's injected one in a test, so a throttle of 120 s is over when the app has waited
    /// 120 s on it, and no test waits in real time.
    /// </summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// SharePoint throttles the app for <paramref name="duration"/> from now (on <see cref="Clock"/>): every request until
    /// then is answered 429 with the seconds still to go in Retry-After, as SharePoint does when a client comes back early.
    /// </summary>
    public void ThrottleFor(TimeSpan duration, HttpStatusCode status = HttpStatusCode.TooManyRequests)
    {
        lock (gate) (throttledUntil, throttleStatus) = (Clock.GetUtcNow() + duration, status);
    }

    /// <summary>Serving the bundled sample (tracker and leads lists) unless told to start empty.</summary>
    public static async Task<GraphEmulator> StartAsync(bool withSample = true)
    {
        var emulator = new GraphEmulator();
        if (withSample)
        {
            // The columns the recorded list has on SharePoint: the default names, the hide column among them.
            emulator.AddList(TrackerList, RecordedItems(SampleFiles.Tracker), new SaferCity.Core.Reading.TrackerColumns().All());
            emulator.AddList(LeadsList, RecordedItems(SampleFiles.Leads));
        }
        await emulator.app.StartAsync();
        emulator.BaseUrl = emulator.app.Urls.Single() + "/v1.0";
        return emulator;
    }

    /// <summary>The <c>value</c> array of a recorded list-items response.</summary>
    public static IEnumerable<JsonObject> RecordedItems(string path) =>
        JsonNode.Parse(File.ReadAllText(path))!["value"]!.AsArray().Select(item => item!.AsObject());

    /// <param name="columns">The list's column names (text columns); when null, its columns are the fields its items have.</param>
    /// <param name="shownAs">Display names of some of those columns (by default a column's display name is its name).</param>
    public void AddList(string displayName, IEnumerable<JsonObject> items, IEnumerable<string>? columns = null,
        IReadOnlyDictionary<string, string>? shownAs = null)
    {
        var list = items.Select(i => (JsonObject)i.DeepClone()).ToList();
        var names = columns ?? list.SelectMany(i => (i["fields"] as JsonObject)?.Select(f => f.Key) ?? [])
            .Where(k => !k.StartsWith('@')).Distinct(StringComparer.OrdinalIgnoreCase);
        AddList(displayName, list, names.Select(name => Column(name, shownAs?.GetValueOrDefault(name) ?? name)));
    }

    /// <summary>A list with columns defined as Graph defines them (<c>name</c>, <c>displayName</c>, a type facet such as <c>choice</c>).</summary>
    public void AddList(string displayName, IEnumerable<JsonObject> items, IEnumerable<JsonObject> columns)
    {
        lock (gate) lists.Add(new EmulatedList($"list-{lists.Count + 1}", displayName, [.. columns.Select(c => c.DeepClone())],
            [.. items.Select(i => (JsonObject)i.DeepClone())]));
    }

    /// <summary>A column definition: a text column unless a facet is given (<c>"choice"</c>, <c>"dateTime"</c> …).</summary>
    public static JsonObject Column(string name, string? displayName = null, string facet = "text", JsonObject? settings = null) => new()
    {
        ["name"] = name,
        ["displayName"] = displayName ?? name,
        [facet] = settings ?? new JsonObject(),
    };

    /// <summary>
    /// Items pages carry <paramref name="json"/> verbatim wherever a value holds <paramref name="marker"/>: how
    /// SharePoint serves text no JSON writer here would write (a lone surrogate escape, <c>\ud800</c>).
    /// </summary>
    public void ServeRawText(string marker, string json)
    {
        lock (gate) rawText.Add((marker, json));
    }

    public EmulatedList? FindList(string displayName)
    {
        lock (gate) return lists.FirstOrDefault(l => string.Equals(l.DisplayName, displayName, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Answer page <paramref name="page"/> of a list with <paramref name="status"/>,
    /// <paramref name="times"/> times (default: always).</summary>
    public void FailPage(string list, int page, HttpStatusCode status, int times = int.MaxValue, int? retryAfterSeconds = null) =>
        AddFault(new PageFault(list, page, times) { Status = status, RetryAfterSeconds = retryAfterSeconds });

    /// <summary>Answer page <paramref name="page"/> with 200 and a body that is not JSON.</summary>
    public void MalformPage(string list, int page) => AddFault(new PageFault(list, page, int.MaxValue) { Malformed = true });

    /// <summary>Answer page <paramref name="page"/> only after <paramref name="delay"/>.</summary>
    public void DelayPage(string list, int page, TimeSpan delay) => AddFault(new PageFault(list, page, int.MaxValue) { Delay = delay });

    /// <summary>The fault clears: every page answers normally again.</summary>
    public void ClearFaults()
    {
        lock (gate) faults.Clear();
    }

    private void AddFault(PageFault fault)
    {
        lock (gate) faults.Add(fault);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "";
        requests.Enqueue($"{request.Method} {path}{Uri.UnescapeDataString(request.QueryString.Value ?? "")}");
        if (context.Connection.RemoteIpAddress is not null) // over the wire, not a batch step
        {
            userAgents.Enqueue(request.Headers.UserAgent.ToString());
            authorizations.Enqueue($"{path}: {(request.Headers.Authorization.Count > 0 ? request.Headers.Authorization.ToString() : "none")}");
            if (await TryThrottleAsync(context)) return;
        }
        if (await TryHandleImportRouteAsync(context, path)) return; // GraphEmulator.Batch.cs
        if (await TrySharePointApiAsync(context, path)) return; // GraphEmulator.Dates.cs

        const string sites = "/v1.0/sites/";
        if (!path.StartsWith(sites, StringComparison.Ordinal))
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "invalidRequest", $"No route for {path}.");
            return;
        }
        var rest = path[sites.Length..];
        if (rest.Contains(':'))
        {
            await SiteByPathAsync(context, rest);
            return;
        }
        var parts = rest.Split('/');
        if (parts[0] != SiteId)
        {
            await ErrorAsync(context, HttpStatusCode.NotFound, "itemNotFound", "The site does not exist.");
            return;
        }
        if (await TryItemRouteAsync(context, parts)) return; // one item: GET, conditional PATCH of its fields
        var list = parts.Length == 4 && parts[1] == "lists" ? FindListById(parts[2]) : null;
        var task = (request.Method, parts.Length, parts.ElementAtOrDefault(1), parts.ElementAtOrDefault(3)) switch
        {
            ("GET", 2, "lists", _) => ListsAsync(context),
            ("POST", 2, "lists", _) => CreateListAsync(context),
            (_, 4, "lists", "items" or "columns") when list is null =>
                ErrorAsync(context, HttpStatusCode.NotFound, "itemNotFound", "The list does not exist."),
            ("GET", 4, "lists", "columns") => ColumnsAsync(context, list!),
            ("GET", 4, "lists", "items") => ItemsPageAsync(context, list!),
            ("POST", 4, "lists", "items") => CreateItemAsync(context, list!),
            _ => ErrorAsync(context, HttpStatusCode.BadRequest, "invalidRequest", $"Unsupported: {request.Method} {path}"),
        };
        await task;
    }

    private async Task<bool> TryThrottleAsync(HttpContext context)
    {
        TimeSpan left;
        HttpStatusCode status;
        lock (gate) (left, status) = (throttledUntil - Clock.GetUtcNow(), throttleStatus);
        if (left <= TimeSpan.Zero) return false;
        context.Response.Headers.RetryAfter = Math.Ceiling(left.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await ErrorAsync(context, status, status == HttpStatusCode.TooManyRequests ? "activityLimitReached" : "serviceNotAvailable",
            "The request has been throttled.");
        return true;
    }

    // GET /sites/{hostname}:/{server-relative-path}
    private static Task SiteByPathAsync(HttpContext context, string rest)
    {
        var site = new Uri(SiteUrl);
        var (host, sitePath) = (rest[..rest.IndexOf(':')], rest[(rest.IndexOf(':') + 1)..].TrimEnd(':', '/'));
        if (!host.Equals(site.Host, StringComparison.OrdinalIgnoreCase) || !sitePath.Equals(site.AbsolutePath, StringComparison.OrdinalIgnoreCase))
            return ErrorAsync(context, HttpStatusCode.NotFound, "itemNotFound", "Requested site could not be found");
        return JsonAsync(context, HttpStatusCode.OK,
            new JsonObject { ["id"] = SiteId, ["displayName"] = "Safer City Partnership", ["webUrl"] = SiteUrl });
    }

    // GET /sites/{id}/lists?$filter=displayName eq '…'
    private Task ListsAsync(HttpContext context)
    {
        var filter = DisplayNameFilter().Match(context.Request.Query["$filter"].ToString());
        var name = filter.Success ? filter.Groups[1].Value.Replace("''", "'", StringComparison.Ordinal) : null;
        JsonArray value;
        lock (gate)
        {
            value = [.. lists.Where(l => name is null || l.DisplayName.Equals(name, StringComparison.OrdinalIgnoreCase))
                .Select(l => new JsonObject { ["id"] = l.Id, ["displayName"] = l.DisplayName })];
        }
        return JsonAsync(context, HttpStatusCode.OK, new JsonObject { ["value"] = value });
    }

    // POST /sites/{id}/lists {displayName, columns, list}
    private async Task CreateListAsync(HttpContext context)
    {
        if (SitesSelectedWrite)
        {
            await ErrorAsync(context, HttpStatusCode.Forbidden, "accessDenied",
                "Either scp or Sites.Selected with the manage role is required to create a list.");
            return;
        }
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var name = body["displayName"]!.GetValue<string>();
        var columns = body["columns"]?.AsArray() ?? [];
        EmulatedList? list = null;
        lock (gate)
        {
            if (!lists.Any(l => l.DisplayName.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                list = new EmulatedList($"list-{lists.Count + 1}", name, (JsonArray)columns.DeepClone(), []);
                lists.Add(list);
            }
        }
        if (list is null)
        {
            await ErrorAsync(context, HttpStatusCode.Conflict, "nameAlreadyExists", $"A list named '{name}' already exists.");
            return;
        }
        await JsonAsync(context, HttpStatusCode.Created, new JsonObject { ["id"] = list.Id, ["displayName"] = list.DisplayName });
    }

    // GET /sites/{id}/lists/{id}/columns: SharePoint's own columns (read-only ones among them), then the list's.
    private Task ColumnsAsync(HttpContext context, EmulatedList list)
    {
        JsonArray value;
        lock (gate) value = [.. AllColumns(list).Select(c => c.DeepClone())];
        return JsonAsync(context, HttpStatusCode.OK, new JsonObject { ["value"] = value });
    }

    /// <summary>Every list has these, as SharePoint gives them: Title editable, the rest computed or system-kept.</summary>
    private static readonly JsonObject[] SystemColumns =
    [
        Column("Title"),
        ReadOnly(Column("ID", facet: "number")), ReadOnly(Column("LinkTitle", "Title")), ReadOnly(Column("Created", facet: "dateTime")),
        ReadOnly(Column("Modified", facet: "dateTime")), ReadOnly(Column("Author", "Created By", "personOrGroup")),
    ];

    private static JsonObject ReadOnly(JsonObject column)
    {
        column["readOnly"] = true;
        return column;
    }

    private static IEnumerable<JsonObject> AllColumns(EmulatedList list) => SystemColumns
        .Where(s => !list.Columns.Any(c => Same(c, s["name"]!.GetValue<string>())))
        .Concat(list.Columns.OfType<JsonObject>());

    private static bool Same(JsonNode? column, string name) =>
        string.Equals(column?["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A value a Choice column created with <c>allowTextEntry: false</c> cannot hold, as SharePoint refuses it; null when
    /// every value is one of its choices (or blank).
    /// </summary>
    private static string? InvalidChoice(EmulatedList list, JsonObject fields)
    {
        foreach (var (key, value) in fields)
        {
            var column = list.Columns.OfType<JsonObject>().FirstOrDefault(c => Same(c, key));
            if (column?["choice"] is not JsonObject choice || choice["allowTextEntry"]?.GetValue<bool>() != false) continue;
            var choices = choice["choices"]?.AsArray().Select(c => c!.GetValue<string>()).ToHashSet() ?? [];
            if (value is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 && !choices.Contains(text))
                return $"The value '{text}' is not one of the choices of the column '{key}'.";
        }
        return null;
    }

    /// <summary>The first name in <paramref name="select"/> the list has no column for (SharePoint answers 400 for it).</summary>
    private static string? UnknownColumn(EmulatedList list, IEnumerable<string>? select) =>
        select?.FirstOrDefault(name => !AllColumns(list).Any(c => Same(c, name)));

    // POST /sites/{id}/lists/{id}/items {fields}
    private async Task CreateItemAsync(HttpContext context, EmulatedList list)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
        var fields = (JsonObject)(body["fields"]?.DeepClone() ?? new JsonObject());
        // Like SharePoint, a field the list has no column for is refused.
        string? refused;
        lock (gate) refused = UnknownColumn(list, fields.Select(f => f.Key).Where(k => !k.Contains('@', StringComparison.Ordinal))) is { } unknown
            ? $"Field '{unknown}' is not recognized" : InvalidChoice(list, fields) ?? InvalidShape(list, fields);
        if (refused is not null)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "invalidRequest", refused);
            return;
        }
        JsonObject item;
        lock (gate)
        {
            StoreDates(list, fields);
            item = new JsonObject { ["id"] = (list.Items.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["lastModifiedDateTime"] = "2017-01-13T16:30:00Z", ["fields"] = fields };
            list.Items.Add(item);
        }
        await JsonAsync(context, HttpStatusCode.Created, (JsonObject)item.DeepClone());
    }

    // GET /sites/{id}/lists/{id}/items?$expand=fields(select=…)&$top=N[&$skiptoken=offset]
    private async Task ItemsPageAsync(HttpContext context, EmulatedList list)
    {
        var query = context.Request.Query;
        var size = Math.Min(PageSize, int.TryParse(query["$top"], out var top) && top > 0 ? Math.Min(top, MaxTop) : 200);
        var skip = int.TryParse(query["$skiptoken"], out var token) ? token : 0;
        var page = skip / size + 1;

        var fault = TakeFault(list.DisplayName, page);
        if (fault is { Delay: { } delay })
        {
            try { await Task.Delay(delay, context.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }
        if (fault is { Status: { } status })
        {
            if (fault.RetryAfterSeconds is { } seconds)
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ErrorAsync(context, status, status == HttpStatusCode.TooManyRequests ? "activityLimitReached" : "serviceNotAvailable",
                $"Injected {(int)status} on page {page}.");
            return;
        }
        if (fault is { Malformed: true })
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"value\":[{\"id\":\"1\",\"fields\":{\"Title\":");
            return;
        }

        var (withFields, select) = ExpandedFields(query["$expand"].ToString());
        string? unknown;
        lock (gate) unknown = UnknownColumn(list, select);
        if (unknown is not null)
        {
            await ErrorAsync(context, HttpStatusCode.BadRequest, "invalidRequest",
                $"Column '{unknown}' does not exist. It may have been deleted by another user.");
            return;
        }
        JsonObject body;
        lock (gate)
        {
            body = new JsonObject
            {
                ["value"] = new JsonArray([.. list.Items.Skip(skip).Take(size).Select(item => Project(item, withFields, select))]),
            };
            if (skip + size < list.Items.Count) body["@odata.nextLink"] = NextLink(context.Request, skip + size);
        }
        var text = body.ToJsonString();
        lock (gate)
        {
            foreach (var (marker, json) in rawText) text = text.Replace(marker, json, StringComparison.Ordinal);
        }
        context.Response.StatusCode = (int)HttpStatusCode.OK;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(text);
    }

    private static JsonNode Project(JsonObject item, bool withFields, HashSet<string>? select)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in item)
        {
            if (key == "fields") continue;
            copy[key] = value?.DeepClone();
        }
        if (withFields && item["fields"] is JsonObject fields)
        {
            copy["fields"] = new JsonObject(fields
                .Where(f => select is null || select.Contains(f.Key))
                .Select(f => KeyValuePair.Create(f.Key, f.Value?.DeepClone())));
        }
        return copy;
    }

    /// <summary>expand=fields → all fields; expand=fields(select=A,B) or fields($select=A,B) → only those; no expand → none.</summary>
    private static (bool WithFields, HashSet<string>? Select) ExpandedFields(string expand)
    {
        if (expand.Equals("fields", StringComparison.OrdinalIgnoreCase)) return (true, null);
        var match = FieldsSelect().Match(expand);
        return match.Success
            ? (true, new HashSet<string>(match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
                StringComparer.OrdinalIgnoreCase))
            : (false, null);
    }

    private string NextLink(HttpRequest request, int offset)
    {
        var query = QueryString.Create(request.Query.Where(q => q.Key != "$skiptoken")
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v))))
            .Add("$skiptoken", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return $"{BaseUrl[..BaseUrl.IndexOf("/v1.0", StringComparison.Ordinal)]}{request.Path.ToUriComponent()}{query}";
    }

    private PageFault? TakeFault(string list, int page)
    {
        lock (gate)
        {
            var fault = faults.FirstOrDefault(f => f.List == list && f.Page == page && f.Remaining > 0);
            if (fault is not null) fault.Remaining--;
            return fault;
        }
    }

    private EmulatedList? FindListById(string id)
    {
        lock (gate) return lists.FirstOrDefault(l => l.Id == id);
    }

    private static Task ErrorAsync(HttpContext context, HttpStatusCode status, string code, string message) =>
        JsonAsync(context, status, new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });

    private static Task JsonAsync(HttpContext context, HttpStatusCode status, JsonNode body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }

    [GeneratedRegex(@"^\s*displayName\s+eq\s+'((?:[^']|'')*)'\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex DisplayNameFilter();

    [GeneratedRegex(@"^fields\(\$?select=([^)]*)\)$", RegexOptions.IgnoreCase)]
    private static partial Regex FieldsSelect();

    /// <summary>A list as stored: its own columns (SharePoint's system columns come on top), and its items.</summary>
    public sealed record EmulatedList(string Id, string DisplayName, JsonArray Columns, List<JsonObject> Items);

    private sealed record PageFault(string List, int Page, int Times)
    {
        public int Remaining { get; set; } = Times;
        public HttpStatusCode? Status { get; init; }
        public int? RetryAfterSeconds { get; init; }
        public TimeSpan? Delay { get; init; }
        public bool Malformed { get; init; }
    }
}
