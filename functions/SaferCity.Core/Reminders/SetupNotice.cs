using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>The last set-up notice: which problem it told, how its send went, and when.</summary>
public sealed record SetupNoticeRecord(string Problem, DeliveryState State, DateTimeOffset At);

/// <summary>
/// Tells the coordinator, in one plain email, that runs stop on a set-up problem (<see cref="SetupException"/>): what is
/// wrong, the columns the list has, what to do. Runs are hourly, so it is sent once per distinct problem, and again after
/// <see cref="Again"/> while the problem stays. The send is recorded as the digests' are (intended, then sent, failed or
/// unconfirmed, in <see cref="DocumentName"/>): a definite failure is tried by the next run; a send whose outcome is
/// unknown is not repeated until the week has passed.
/// </summary>
public sealed class SetupNotice(IStateStore state, IEmailSender sender, IOptions<RemindersOptions> remindersOptions,
    IOptions<DashboardOptions> dashboardOptions, TimeProvider time, ILogger<SetupNotice> logger)
{
    private readonly RemindersOptions _reminders = remindersOptions.Value;
    private readonly DashboardOptions _dashboard = dashboardOptions.Value;

    public const string DocumentName = "setup-notice.json";

    /// <summary>How long a problem stays told: a week, like the summary's cadence.</summary>
    public static readonly TimeSpan Again = TimeSpan.FromDays(7);

    public const string Why =
        "You get this email because you are the partnership's coordinator for this tracker (Reminders__Coordinator). It is sent " +
        "once for each set-up problem, and again after a week if the problem is still there.";

    /// <summary>Whether <paramref name="problem"/> is to be told now, after <paramref name="last"/>.</summary>
    public static bool Due(SetupNoticeRecord? last, string problem, DateTimeOffset now) =>
        last is null || last.Problem != problem || last.State == DeliveryState.Failed || now - last.At >= Again;

    /// <summary>
    /// Sends the notice when it is due and a coordinator is set; true when it went out. Never throws but for cancellation:
    /// the set-up failure is what the run reports, whatever happens here.
    /// </summary>
    public async Task<bool> TellAsync(string problem, CancellationToken cancellationToken)
    {
        var to = (_reminders.Coordinator ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (to.Length == 0) return false;
        try
        {
            var stored = await state.ReadAsync(DocumentName, cancellationToken);
            var last = stored is null ? null : JsonSerializer.Deserialize<SetupNoticeRecord>(stored.Content.Span, ReminderLedger.Json);
            var now = time.GetUtcNow();
            if (!Due(last, problem, now)) return false;
            // The intent first, under the version read: of two runs racing, only one sends.
            var version = await SaveAsync(new SetupNoticeRecord(problem, DeliveryState.Sending, now), stored?.Version, cancellationToken);
            var result = await sender.SendAsync(Message(problem, to, now), cancellationToken);
            var outcome = result.Sent ? DeliveryState.Sent : result.Unconfirmed ? DeliveryState.Unconfirmed : DeliveryState.Failed;
            await SaveAsync(new SetupNoticeRecord(problem, outcome, now), version, cancellationToken);
            if (!result.Sent) logger.LogWarning("Set-up notice to the coordinator not sent ({State}): {Error}", outcome, result.Error);
            return result.Sent;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Set-up notice to the coordinator not sent: {Error}", e.Message);
            return false;
        }
    }

    private Task<string> SaveAsync(SetupNoticeRecord record, string? version, CancellationToken cancellationToken) =>
        state.WriteAsync(DocumentName, JsonSerializer.SerializeToUtf8Bytes(record, ReminderLedger.Json), version, cancellationToken);

    private EmailMessage Message(string problem, IReadOnlyList<string> to, DateTimeOffset now)
    {
        var (subject, text, html) = Render(problem, UkClock.DateOf(now), _dashboard);
        return new EmailMessage(Id(now), to, subject, text, html,
            new Dictionary<string, string> { ["kind"] = "setup" }) { Date = now };
    }

    /// <summary>The message's id, one a UK day: "setup/2026-12-07".</summary>
    public static string Id(DateTimeOffset now) =>
        $"setup/{UkClock.DateOf(now).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>The notice: the problem as the run said it (the column, the columns seen), and what to do.</summary>
    public static (string Subject, string Text, string Html) Render(string problem, DateOnly asOf, DashboardOptions dashboard)
    {
        var content = new EmailLayout.Content("The tracker could not be read", asOf,
            "The dashboard run stopped on a set-up problem with the SharePoint list. Nothing new was published and no digests " +
            "were sent; the dashboard still shows the last good figures.",
            "Set-up problem: nothing new was published or sent", [], null, dashboard.PublicUrl, Why, null, null,
            [
                ("What is wrong", [problem]),
                ("What to do", [
                    "Ask whoever looks after the SharePoint site to fix what the line above names: rename or add the column or " +
                    "list, or name it in the app's settings. Then run 'check', which says whether a run will work.",
                    "The next hourly run after the fix publishes the dashboard and sends what is owed.",
                ]),
            ], null) { PrivacyLine = dashboard.Privacy.EmailFooter(), DocumentTitle = $"Set-up problem \u2013 {dashboard.Title}" };
        return ($"Set-up problem: the tracker could not be read \u2013 {dashboard.Title}", EmailLayout.Text(content), EmailLayout.Html(content));
    }
}
