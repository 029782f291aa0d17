using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// Turns a run's report into the public document. This is the public boundary:
/// hidden actions go no further, and every free-text value from the list goes through the <see cref="PublicScreen"/>
/// (email addresses redacted, a value that may hold personal details withheld).
/// </summary>
public static class DashboardBuilder
{
    public const int SchemaVersion = DashboardDocument.Version;

    /// <summary>The public model as dashboard.json writes it.</summary>
    public static DashboardDocument Build(RunReport report) => DashboardDocument.From(Public(report));

    /// <summary>The public model the site renders from.</summary>
    public static PublicDashboard Public(RunReport report) => Screened(report).Model;

    /// <summary>The public model, and what the screen kept out of it (for the coordinator, never published).</summary>
    /// <param name="known">The texts the last run's screen passed, not screened again; null screens every text.</param>
    public static ScreenedDashboard Screened(RunReport report, DashboardComments comments = DashboardComments.Public,
        ScreenedTexts? known = null)
    {
        var screen = new PublicScreen(comments, known);
        screen.Expect(2 * report.Assessments.Count); // a key action and a comment each; themes and leads repeat
        var model = Build(report, screen);
        return new ScreenedDashboard(model, screen.Withheld);
    }

    private static PublicDashboard Build(RunReport report, PublicScreen screen)
    {
        var visible = report.Assessments.Where(a => !a.Action.Hidden).ToList();
        var hidden = report.Assessments.Where(a => a.Action.Hidden).Select(a => a.Action.Number)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var actions = visible.Select(a => ToAction(a, report, screen)).ToList();
        var counts = report.PublicCounts();
        // Stale as published: an action updated while hidden counts from when it was shown again.
        var summary = Summarise(report, counts) with { Stale = actions.Count(a => a.Stale) };

        // Gone while hidden (at the baseline, or at any run since) is not announced: the public saw it go when it was
        // hidden, and what became of it after that was never public.
        var removed = report.Drift.Baseline is { } baseline
            ? report.Drift.Removed
                .Where(id => baseline.Actions.FirstOrDefault(a => a.Id == id) is not { Hidden: true } &&
                             !report.History.HiddenSince(id, baseline.AsOf))
                .Select(id => PublicText.Redact(id))
                .ToList()
            : [];

        return new PublicDashboard(
            report.AsOf,
            report.GeneratedAt,
            summary,
            actions,
            removed,
            // Findings about hidden items are the coordinator's only; so is anything filed under a hidden action's number.
            report.Findings.Where(f => !f.Hidden && !hidden.Contains(f.Id)).Select(f => ToItem(f, screen)).ToList())
        {
            DriftSince = report.Drift.Baseline?.AsOf,
            Trend = Trend(report, counts),
            // Each action's theme as screened for it above: the same value the screen gives again, without a second lookup.
            Themes = actions.Select(a => a.Theme).Distinct().ToList(),
            StaleAfterDays = report.StaleAfterDays,
        };
    }

    /// <summary>The public figures alone: what a run needs when it renders nothing.</summary>
    public static DashboardSummary Summarise(RunReport report) => Summarise(report, report.PublicCounts());

    // One pass over the actions for every count the public counts do not give.
    private static DashboardSummary Summarise(RunReport report, RagCounts counts)
    {
        int total = 0, open = 0, overdue = 0, dueSoon = 0, mismatch = 0, unrated = 0, stale = 0;
        foreach (var a in report.Assessments)
        {
            if (a.Action.Hidden) continue;
            total++;
            if (!a.Action.Open) continue;
            open++;
            if (a.Overdue) overdue++;
            if (a.DueSoon) dueSoon++;
            if (a.RagMismatch) mismatch++;
            if (a.Action.Rag is null) unrated++;
            if (a.Stale) stale++;
        }
        return new DashboardSummary(total, counts.Complete, open, overdue, dueSoon, counts.Red, counts.Amber, counts.Green, mismatch)
        {
            Unrated = unrated,
            Stale = stale,
        };
    }

    private static PublicAction ToAction(Assessment a, RunReport report, PublicScreen screen)
    {
        var action = a.Action;
        var (history, shownSince) = HistoryOf(action.Number, report.History);
        // Updated while it was hidden: that was never public, so to the public it was last updated when it was shown.
        var lastUpdated = a.LastUpdated is { } d && shownSince is { } shown && shown > d ? shown : a.LastUpdated;
        return new PublicAction(
            PublicText.Redact(action.Number),
            screen.Text(action.Number, "theme", action.Theme),
            screen.Text(action.Number, "key action", action.Text),
            action.Deadline,
            Leads(action, screen),
            action.Rag,
            action.Complete,
            a.Overdue,
            a.DaysOverdue,
            a.DueSoon,
            a.RagMismatch,
            screen.Text(action.Number, "comments", action.Comments),
            a.Drift)
        {
            LastUpdated = lastUpdated,
            Stale = ActionRules.IsStale(action.Open, lastUpdated, report.AsOf, report.StaleAfterDays),
            History = history,
        };
    }

    /// <summary>Resolved leads by their proper names, then whatever was written that matched no one.</summary>
    private static List<string> Leads(TrackerAction action, PublicScreen screen)
    {
        var leads = new List<string>(action.Leads.Count + 1);
        foreach (var name in action.Leads) Add(name);
        foreach (var name in action.UnknownLeads) Add(name);
        return leads;

        void Add(string name)
        {
            var shown = screen.Text(action.Number, "lead", name);
            foreach (var lead in leads)
            {
                if (string.Equals(lead, shown, StringComparison.OrdinalIgnoreCase)) return;
            }
            leads.Add(shown);
        }
    }

    /// <summary>
    /// The public states of the action (a change of comment alone is no new point), and, if it was ever hidden, the day
    /// it was last shown again: one pass over its entries.
    /// </summary>
    private static (IReadOnlyList<PublicState> Points, DateOnly? ShownSince) HistoryOf(string id, TrackerHistory history)
    {
        if (!history.Actions.TryGetValue(id, out var entries)) return ([], null);
        var points = new List<PublicState>(entries.Count);
        DateOnly? shownSince = null;
        var hidden = false;
        HistoryEntry? before = null;
        foreach (var e in entries)
        {
            var follows = before is { Gone: false, Hidden: false };
            before = e;
            if (e.Gone || e.Hidden)
            {
                hidden |= e.Hidden;
                shownSince = null;
                continue;
            }
            if (hidden && shownSince is null) shownSince = e.From;
            var point = new PublicState(e.From, e.Rag, e.Deadline, e.Complete);
            if (follows && points[^1] with { AsOf = point.AsOf } == point) continue;
            points.Add(point);
        }
        return (points, shownSince);
    }

    private static List<TrendDay> Trend(RunReport report, RagCounts today)
    {
        var points = report.History.Days.Where(d => d.AsOf < report.AsOf)
            .Select(d => new TrendDay(d.AsOf, d.Counts))
            .ToList();
        points.Add(new TrendDay(report.AsOf, today));
        return points;
    }

    // The value a finding quotes is the raw cell (a deadline or RAG that could not be read), as free as a comment.
    private static Finding ToItem(Finding f, PublicScreen screen) =>
        new(PublicText.Redact(f.Id), f.Field, f.Problem, f.Value is null ? null : screen.Text(f.Id, f.Field, f.Value));
}

/// <summary>The public model and the values withheld from it.</summary>
public sealed record ScreenedDashboard(PublicDashboard Model, IReadOnlyList<WithheldValue> Withheld);
