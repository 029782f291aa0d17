using System.Net;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using SaferCity.Core.Import;
using SaferCity.Core.Model;
using ListItem = Microsoft.Graph.Models.ListItem;
using SaferCity.Core.Reading;
using CoreListItem = SaferCity.Core.Model.ListItem;

namespace SaferCity.Infrastructure.Graph;

/// <summary>
/// The SharePoint tracker list as an import's target. It is read once (its Date column, then its items page by page);
/// creates and field updates go in Graph JSON batches of 20, one batch at a time so that a failure can say exactly
/// which rows were written. A throttled or unavailable write inside a batch (429/503/504) is sent again after its
/// Retry-After, up to <see cref="GraphOptions.MaxRetries"/> times; the batch request itself goes through the SDK's retry handler.
/// </summary>
public sealed class GraphImportTarget(
    GraphServiceClient client, TrackerOptions options, TrackerColumns columns, GraphOptions graph, TimeProvider time,
    SiteTimeZone siteZone)
    : IImportTarget
{
    /// <summary>Graph's limit of requests in one JSON batch.</summary>
    public const int BatchSize = 20;

    private string? siteId;
    private string? listId;
    private Dictionary<string, string> internalNames = new(StringComparer.OrdinalIgnoreCase);
    private string numberColumn = "Title";
    private IReadOnlySet<string> dates = new HashSet<string>();
    private IReadOnlyDictionary<string, (ListColumn Column, TrackerField Field)> found = new Dictionary<string, (ListColumn, TrackerField)>();
    private TimeZoneInfo zone = SaferCity.Core.Rules.UkClock.London;

    public string Name => $"the list '{options.ListName}'";

    public async Task<ImportTargetState> ReadAsync(CancellationToken cancellationToken)
    {
        var siteUrl = options.SiteUrl ?? throw new PipelineException("Graph: Tracker__SiteUrl is not set.");
        siteId = await GraphCalls.ResolveSiteIdAsync(client, siteUrl, cancellationToken);
        listId = await GraphCalls.FindListIdAsync(client, siteId, options.ListName, cancellationToken)
            ?? throw new PipelineException(
                $"Graph: the site {siteUrl} has no list named '{options.ListName}' (create it with 'provision', or check Tracker__ListName).");
        var list = client.Sites[siteId].Lists[listId];
        // The list's own column names: an admin's list has Lead_x0020_Service where the settings say LeadService.
        var mapping = ListColumnMap.Map(columns, await GraphColumns.ReadAsync(client, siteId, listId, options.ListName, cancellationToken));
        if (mapping.Problem(options.ListName, columns) is { } problem) throw new PipelineException(problem);
        var renames = mapping.Renames(columns);
        internalNames = renames.ToDictionary(r => r.Value, r => r.Key, StringComparer.OrdinalIgnoreCase);
        var deadlineIsDate = mapping.Found[TrackerField.DeliveryDeadline].Kind == ColumnKind.Date;
        numberColumn = mapping.Found[TrackerField.Number].Name;
        found = FieldWrites.ByConfiguredName(mapping, columns);
        // Deadlines written in the wrong zone move a day and the next import "corrects" them again: refuse rather than guess.
        dates = mapping.DateColumns;
        if (dates.Count > 0) zone = (await siteZone.RequireAsync(cancellationToken)).Zone;
        var shape = new ItemShape(renames, dates, zone);

        var request = list.Items.ToGetRequestInformation(r =>
        {
            r.QueryParameters.Expand = [$"fields(select={string.Join(',', mapping.Select)})"];
            r.QueryParameters.Top = GraphTrackerSource.PageSize;
        });
        var items = await GraphItemPages.ReadAllAsync(client, request, $"reading items of list '{options.ListName}'", cancellationToken);
        for (var i = 0; i < items.Count; i++) items[i] = GraphItemPages.Shaped(items[i], shape);
        return new ImportTargetState(items, deadlineIsDate);
    }

    public async Task ApplyAsync(ImportPlan plan, CancellationToken cancellationToken)
    {
        if (siteId is null || listId is null) throw new InvalidOperationException("Read the list before applying a plan.");
        var items = client.Sites[siteId].Lists[listId].Items;
        // Every value is checked against its column before the first write: a value SharePoint would refuse stops the import whole.
        var refusals = new List<string>();
        var creates = plan.Creates.Select(c => (c.Number,
            Fields: Values(c.Number, c.Fields.Select(f => System.Collections.Generic.KeyValuePair.Create(f.Key, (string?)f.Value)),
                refusals))).ToList();
        var updates = plan.Updates.Select(u => (u.Number, u.ItemId,
            Fields: Values(u.Number, u.Changes.Select(c => System.Collections.Generic.KeyValuePair.Create(c.Field, c.New)), refusals))).ToList();
        if (refusals.Count > 0)
            throw new ImportRefusedException(
                $"the list '{options.ListName}' would refuse {refusals.Count} value(s): {string.Join("; ", refusals.Take(5))}" +
                                             (refusals.Count > 5 ? $"; and {refusals.Count - 5} more" : "") + ".");
        var writes = creates
            .Select(c => new Write(c.Number, true, () => items.ToPostRequestInformation(new ListItem { Fields = c.Fields })))
            .Concat(updates.Select(u => new Write(u.Number, false, () => items[u.ItemId].Fields.ToPatchRequestInformation(u.Fields))))
            .ToList();

        var written = new List<string>();
        foreach (var chunk in writes.Chunk(BatchSize))
        {
            try
            {
                await SendAsync(chunk, written, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                var reason = e is PipelineException ? e.Message
                    : $"Graph: writing to the list '{options.ListName}' failed: {e.Message.Split('\n', 2)[0].Trim()}";
                // The batch may have been applied before its answer was lost: the list says which of its creates exist.
                try
                {
                    await CountAppliedAsync(chunk.Where(w => w.Create && !written.Contains(w.Number)), written, cancellationToken);
                }
                catch (PipelineException)
                {
                    // The list cannot be read either: those rows are reported as not written; the next import's plan, made by number, settles them.
                }
                throw new ImportFailedException(reason, written, [.. writes.Select(w => w.Number).Except(written)], e);
            }
        }
    }

    /// <summary>One batch, with its throttled steps sent again until they succeed or the retries run out.</summary>
    private async Task SendAsync(IReadOnlyList<Write> chunk, List<string> written, CancellationToken cancellationToken)
    {
        var pending = chunk.Select((write, i) => (Id: (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Write: write)).ToList();
        for (var attempt = 0; ; attempt++)
        {
            // Never more than one batch's worth: the collection sends exactly one $batch request.
            var batch = new BatchRequestContentCollection(client, BatchSize);
            foreach (var (id, write) in pending) await batch.AddBatchRequestStepAsync(write.Request(), id);
            var response = await GraphCalls.CallAsync($"writing to the list '{options.ListName}'",
                () => client.Batch.PostAsync(batch, cancellationToken), cancellationToken);
            var statuses = await response.GetResponsesStatusCodesAsync();

            var again = new List<(string Id, Write Write)>();
            var unsure = new List<(string Id, Write Write)>();
            var wait = TimeSpan.Zero;
            foreach (var step in pending)
            {
                var status = statuses.TryGetValue(step.Id, out var s) ? s : HttpStatusCode.ServiceUnavailable;
                if ((int)status is >= 200 and < 300)
                {
                    written.Add(step.Write.Number);
                    continue;
                }
                // 429 and 424 (a step not run because another failed) were not applied: safe to send again.
                // A 5xx may have been applied with its answer lost: a create is checked against the list first.
                if ((int)status is not (429 or 424) && (int)status < 500)
                    throw new PipelineException($"Graph: writing action {step.Write.Number} to the list '{options.ListName}' failed: " +
                        $"{(int)status} {await ErrorMessageAsync(response, step.Id)}".TrimEnd());
                (step.Write.Create && (int)status >= 500 ? unsure : again).Add(step);
                using var stepResponse = await response.GetResponseByIdAsync(step.Id);
                wait = Max(wait, stepResponse?.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(graph.RetryDelaySeconds * Math.Pow(2, attempt)));
            }
            if (unsure.Count > 0)
            {
                var before = written.Count;
                await CountAppliedAsync(unsure.Select(u => u.Write), written, cancellationToken);
                again.AddRange(unsure.Where(u => !written.Skip(before).Contains(u.Write.Number)));
            }
            if (again.Count == 0) return;
            if (attempt >= graph.MaxRetries)
            {
                var last = statuses.GetValueOrDefault(again[0].Id, HttpStatusCode.ServiceUnavailable);
                throw new PipelineException($"Graph: writing to the list '{options.ListName}' failed: {(int)last} after {graph.MaxRetries} retries.");
            }
            await Task.Delay(wait, time, cancellationToken);
            pending = again;
        }
    }

    /// <summary>
    /// Re-reads the list's action numbers and counts as written every create among <paramref name="creates"/> whose number
    /// is there now: the plan redone by number, so a create SharePoint applied but answered 5xx is never made twice.
    /// </summary>
    private async Task CountAppliedAsync(IEnumerable<Write> creates, List<string> written, CancellationToken cancellationToken)
    {
        var numbers = creates.Select(c => c.Number).ToList();
        if (numbers.Count == 0) return;
        var items = client.Sites[siteId!].Lists[listId!].Items;
        var request = items.ToGetRequestInformation(r =>
        {
            r.QueryParameters.Expand = [$"fields(select={numberColumn})"];
            r.QueryParameters.Top = GraphTrackerSource.PageSize;
        });
        var listed = await GraphItemPages.ReadAllAsync(client, request, $"re-reading the list '{options.ListName}' after a lost answer",
            cancellationToken);
        var present = listed.Select(i => i.Fields.GetValueOrDefault(numberColumn) as string).OfType<string>()
            .Select(n => n.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        written.AddRange(numbers.Where(present.Contains));
    }

    private static async Task<string> ErrorMessageAsync(BatchResponseContentCollection response, string id)
    {
        using var step = await response.GetResponseByIdAsync(id);
        if (step?.Content is null) return "";
        var body = await step.Content.ReadAsStringAsync();
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("message", out var message)
                ? message.GetString() ?? "" : "";
        }
        catch (System.Text.Json.JsonException)
        {
            return "";
        }
    }

    private string Internal(string configured) => internalNames.GetValueOrDefault(configured) ?? configured;

    private FieldValueSet Values(string number, IEnumerable<System.Collections.Generic.KeyValuePair<string, string?>> fields,
        List<string> refusals) =>
        FieldWrites.Build(fields, found, Internal, dates, zone, refusal => refusals.Add($"{number}: {refusal}"));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <param name="Create">A new item: sent again only once the list shows it was not made (a create is not idempotent).</param>
    private sealed record Write(string Number, bool Create, Func<RequestInformation> Request);
}
