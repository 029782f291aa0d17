using System.Net;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Http;
using Microsoft.Extensions.Logging;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;

namespace SaferCity.Functions;

/// <summary>
/// POST with the function key: an admin who just edited the list updates the dashboard at once
/// instead of waiting for the hourly refresh. Sends no email. Answers with the summary figures only.
/// </summary>
public sealed class RefreshNow(TrackerPipeline pipeline, ILogger<RefreshNow> logger)
{
    [Function(nameof(RefreshNow))]
    public async Task<HttpResponseData> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post")] HttpRequestData request, CancellationToken cancellationToken)
    {
        RunOutcome outcome;
        try
        {
            outcome = await pipeline.RunAsync(new RunRequest(Remind: false), cancellationToken);
        }
        catch (PipelineException e)
        {
            logger.LogError(e, "RefreshNow failed: {Reason}", e.Message);
            return await RespondAsync(request, HttpStatusCode.InternalServerError, new RefreshNowBody("Failed", e.Message));
        }
        var status = outcome.Status == RunStatus.Skipped ? HttpStatusCode.Conflict : HttpStatusCode.OK;
        return await RespondAsync(request, status, RefreshNowBody.From(outcome));
    }

    private static async Task<HttpResponseData> RespondAsync(HttpRequestData request, HttpStatusCode status, RefreshNowBody body)
    {
        var response = request.CreateResponse(status);
        response.Headers.Add("Content-Type", "application/json; charset=utf-8");
        await response.WriteBytesAsync(JsonSerializer.SerializeToUtf8Bytes(body, RefreshNowBody.Json));
        return response;
    }
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
    int? Findings = null)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static RefreshNowBody From(RunOutcome outcome) => new(
        outcome.Status.ToString(),
        outcome.Message,
        outcome.Dashboard?.AsOf,
        outcome.Dashboard?.GeneratedAt,
        outcome.Dashboard?.Summary,
        outcome.Published?.Written,
        outcome.Published?.Unchanged,
        outcome.Report?.Findings.Count);
}
