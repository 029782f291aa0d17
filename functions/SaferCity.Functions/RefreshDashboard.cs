using Microsoft.Azure.Functions.Worker;
using SaferCity.Core.Pipeline;

namespace SaferCity.Functions;

/// <summary>Keeps the public dashboard current. Schedule: app setting RefreshSchedule (NCRONTAB, UTC).</summary>
public sealed class RefreshDashboard(TrackerPipeline pipeline)
{
    [Function(nameof(RefreshDashboard))]
    public async Task Run([TimerTrigger("%RefreshSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await pipeline.RunAsync(new RunRequest(Remind: false), cancellationToken);
}
