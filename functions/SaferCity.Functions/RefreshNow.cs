using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;

namespace SaferCity.Functions;

/// <summary>
/// POST with the function key: an admin who just edited the list updates the dashboard at once
/// instead of waiting for the hourly refresh. Sends no email. Answers with the summary figures only.
/// A failure is answered with a correlation id, never its text (storage or Graph errors name accounts, lists and
/// hosts); the detail is logged under that id, which is the invocation id Application Insights records.
/// </summary>
public sealed class RefreshNow(TrackerPipeline pipeline, ILogger<RefreshNow> logger)
{
    [Function(nameof(RefreshNow))]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post")] HttpRequest request, FunctionContext context, CancellationToken cancellationToken)
    {
        RunOutcome outcome;
        try
        {
            outcome = await pipeline.RunAsync(new RunRequest(Remind: false), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var correlationId = CorrelationId(context);
            logger.LogError(e, "RefreshNow failed (correlation id {CorrelationId}): {Reason}", correlationId, e.Message);
            return Respond(HttpStatusCode.InternalServerError, RefreshNowBody.Failed(correlationId));
        }
        var status = outcome.Status == RunStatus.Skipped ? HttpStatusCode.Conflict : HttpStatusCode.OK;
        return Respond(status, RefreshNowBody.From(outcome));
    }

    /// <summary>The invocation id (what the host's own logs carry); a fresh one if there is none.</summary>
    private static string CorrelationId(FunctionContext? context) =>
        context?.InvocationId is { Length: > 0 } id ? id : Guid.NewGuid().ToString();

    private static ContentResult Respond(HttpStatusCode status, RefreshNowBody body) => new()
    {
        StatusCode = (int)status,
        ContentType = "application/json; charset=utf-8",
        Content = JsonSerializer.Serialize(body, RefreshNowBody.Json),
    };
}

/// <summary>What RefreshNow answers: figures only, never names or addresses.</summary>
public sealed record RefreshNowBody(
    string Status,
    string Message,
    string? AsOf = null,
    DateTimeOffset? GeneratedAt = null,
    DashboardSummary? Summary = null,
    int? FilesWritten = null,
    int? FilesUnchanged = null,
    int? Findings = null,
    string? CorrelationId = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>What a key holder is told of a failure: that it failed, and the id to quote; no detail.</summary>
    public static RefreshNowBody Failed(string correlationId) => new(
        "Failed",
        $"The refresh failed. The details are in the app's log under correlation id {correlationId}.",
        CorrelationId: correlationId);

    public static RefreshNowBody From(RunOutcome outcome) => new(
        outcome.Status.ToString(),
        outcome.Message,
        outcome.Report is { } report ? report.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null,
        outcome.Dashboard?.GeneratedAt,
        outcome.Summary,
        outcome.Published?.Written,
        outcome.Published?.Unchanged,
        outcome.Report?.Findings.Count);
}
