using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Support;

/// <summary>The real pipeline over hand-written fakes: lists in memory, state in memory, a recording sender.</summary>
internal sealed class Harness
{
    public Harness(IEnumerable<ListItem> tracker, IReadOnlyList<ListItem>? leads = null, string? coordinator = "coordinator@example.gov.uk")
    {
        Source = new InMemorySource(tracker.ToList(), leads ?? Items.StandardLeads);
        Reminders = new RemindersOptions { Coordinator = coordinator };
    }

    public static Harness ForSample()
    {
        var lists = Sample.Lists();
        return new Harness(lists.Tracker, lists.Leads);
    }

    public InMemorySource Source { get; }
    public InMemoryStateStore State { get; } = new();
    public InMemoryPublisher Site { get; } = new();
    public RecordingEmailSender Email { get; } = new();
    public InMemoryPreview Preview { get; } = new();
    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));
    public RemindersOptions Reminders { get; }
    public DriftOptions Drift { get; } = new();
    public DashboardOptions Dashboard { get; } = new() { PublicUrl = "https://dashboard.example.gov.uk/" };
    public StateOptions Retention { get; } = new();
    public PrivacyOptions Privacy { get; } = new();
    public DashboardComments Comments { get; set; } = DashboardComments.Public;
    public UpdatesOptions? Updates { get; set; }

    /// <summary>Which tracker the source is (null: none said, as a source of its own making).</summary>
    public Core.History.TrackerIdentity? Identity { get; set; }

    public TrackerPipeline Pipeline()
    {
        Dashboard.Comments = Comments;
        Dashboard.Privacy = Privacy;
        var dashboard = Options.Create(Dashboard);
        var reminders = Options.Create(Reminders);
        var updates = Options.Create(Updates ?? new UpdatesOptions());
        var reminderService = new ReminderService(State, Email, reminders, dashboard, Time, NullLogger<ReminderService>.Instance, updates,
            LinkSigning.From(updates.Value), new SetupNotice(State, Email, reminders, dashboard, Time, NullLogger<SetupNotice>.Instance));
        return new TrackerPipeline(Source, State, Site, new NoLock(), reminderService, new TrackerParser(),
            Options.Create(Reminders), Options.Create(Drift), dashboard, Time, NullLogger<TrackerPipeline>.Instance, Preview,
            updates, Options.Create(Retention), Identity ?? Core.History.TrackerIdentity.Unstated);
    }

    /// <summary>Runs as of a UK day, with the clock moved on to 07:00 UTC that day.</summary>
    public Task<RunOutcome> RunAsync(string day, bool dryRun = false, bool remind = true, bool owedOnly = false)
    {
        var date = DateOnly.Parse(day);
        var now = new DateTimeOffset(date.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero);
        if (now > Time.GetUtcNow()) Time.SetUtcNow(now); // a look-back run keeps the clock where it is

        return Pipeline().RunAsync(new RunRequest(date, Remind: remind, DryRun: dryRun, OwedOnly: owedOnly), CancellationToken.None);
    }

    public DashboardDocument PublishedDashboard() =>
        DashboardJson.Deserialize(Site.Files["dashboard.json"].Content.Span)!;

    public void Edit(string number, Func<ListItem, ListItem> change)
    {
        var i = Source.Tracker.FindIndex(item => Equals(item["Title"], number));
        Source.Tracker[i] = change(Source.Tracker[i]);
    }

    public static ListItem With(ListItem item, string column, object? value)
    {
        var fields = new Dictionary<string, object?>(item.Fields, StringComparer.OrdinalIgnoreCase) { [column] = value };
        return item with { Fields = fields };
    }
}
