using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Functions;

/// <summary>
/// The weekly digests, Monday 07:00 UK time, and a daily catch-up at 07:00 UK for whatever the week still owes.
/// Schedule: app setting ReminderSchedule (NCRONTAB, UTC; "0 0 6,7 * * *"): it fires at 06:00 and 07:00 UTC every day
/// and <see cref="ReminderWindow"/> picks the one that is 07:00 in London, because timer schedules are UTC and
/// WEBSITE_TIME_ZONE does not work on Linux. On Mondays it sends the week; on the other days only the digests the
/// week's ledger records as due or failed (so a failed Monday loses nothing, and a normal week sends nothing mid-week).
/// </summary>
public sealed class SendReminders(TrackerPipeline pipeline, TimeProvider time, ILogger<SendReminders> logger)
{
    // Retrying is safe because of the reminder ledger, not in spite of it: a digest recorded as sent is never
    // sent again, a failed one is sent by the next attempt, one left unconfirmed is reported, never resent.
    // So a run that could not send everything, or found the lock held (an admin's RefreshNow at 06:59), throws
    // and is tried again 5 minutes later, still inside the 07:00 UK hour that ReminderWindow accepts.
    [Function(nameof(SendReminders))]
    [FixedDelayRetry(2, "00:05:00")]
    public async Task Run([TimerTrigger("%ReminderSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var trigger = ReminderWindow.Classify(now);
        if (trigger == ReminderTrigger.None)
        {
            logger.LogInformation("Reminders not due at {Now:u}: they go at 07:00 UK time (Mondays the week, other days what it still owes)", now);
            return;
        }
        var outcome = await pipeline.RunAsync(new RunRequest(OwedOnly: trigger == ReminderTrigger.CatchUp), cancellationToken);
        if (outcome.Status is RunStatus.Skipped or RunStatus.CompletedWithFailures)
            throw new PipelineException($"Reminders incomplete ({outcome.Status}): {outcome.Message}");
    }
}
