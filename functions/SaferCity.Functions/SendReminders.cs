using Microsoft.Azure.Functions.Worker;
using SaferCity.Core.Pipeline;

namespace SaferCity.Functions;

/// <summary>The weekly digests. Schedule: app setting ReminderSchedule (NCRONTAB, UTC).</summary>
public sealed class SendReminders(TrackerPipeline pipeline)
{
    [Function(nameof(SendReminders))]
    public async Task Run([TimerTrigger("%ReminderSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        await pipeline.RunAsync(new RunRequest(), cancellationToken);
}
