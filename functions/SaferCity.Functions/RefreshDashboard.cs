using Microsoft.Azure.Functions.Worker;
using SaferCity.Core.Pipeline;

namespace SaferCity.Functions;

/// <summary>Keeps the public dashboard current. Schedule: app setting RefreshSchedule (NCRONTAB, UTC; hourly "0 5 * * * *").</summary>
public sealed class RefreshDashboard(TrackerPipeline pipeline)
{
    // Safe to retry: publishing writes only what changed and records state with ETag conditions,
    // so a second attempt either finishes the job or finds nothing to do.
    [Function(nameof(RefreshDashboard))]
    [FixedDelayRetry(2, "00:01:00")]
    public async Task Run([TimerTrigger("%RefreshSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await pipeline.RunAsync(new RunRequest(Remind: false), cancellationToken);
}
