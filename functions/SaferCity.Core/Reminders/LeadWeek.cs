using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>
/// Sorts one lead's actions into the groups of its digest. New is counted from the lead's previous digest
/// (<paramref name="since"/>): an action that became overdue or due soon after it is newly so; one changed since is
/// changed (by someone else, unless the audit says the lead made the change through its link). Everything else is
/// only told at a milestone (<see cref="Milestones"/>), except that overdue actions ride along as one line each.
/// </summary>
internal sealed class LeadWeek(DateOnly asOf, RemindersOptions options, DateOnly? since, IReadOnlyList<OwnUpdate> ownUpdates)
{
    private readonly List<Assessment> _completed = [], _changed = [], _newlyOverdue = [], _newlyDueSoon = [],
        _overdue = [], _dueSoon = [], _stale = [], _stillOverdue = [], _yours = [];
    private readonly Dictionary<string, DateOnly> _escalated = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _acknowledged = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _milestones = new(StringComparer.Ordinal);
    private readonly List<string> _escalatedThisWeek = [];
    private readonly DateOnly _weekStart = Milestones.WeekStart(asOf);

    public LeadDigest Plan(Lead lead, IEnumerable<Assessment> actions)
    {
        foreach (var a in actions) Sort(a);
        return new LeadDigest(lead, _overdue, _dueSoon, _changed)
        {
            Completed = _completed, NewlyOverdue = _newlyOverdue, NewlyDueSoon = _newlyDueSoon, NeedsUpdate = _stale,
            StillOverdue = _stillOverdue, YourChanges = _yours, Escalated = _escalated, Acknowledged = _acknowledged,
            EscalatedThisWeek = _escalatedThisWeek, Compact = since is not null, Milestone = _milestones,
        };
    }

    private void Sort(Assessment a)
    {
        var number = a.Action.Number;
        if (Acknowledgement(a) is { } yours) _acknowledged[number] = yours;
        if (!a.Action.Open)
        {
            _completed.Add(a);
            return;
        }
        var escalatedThisWeek = false;
        if (Milestones.EscalatedOn(a, asOf, options) is { } escalated)
        {
            _escalated[number] = escalated;
            // As Milestones.EscalatedThisWeek has it, from the day already worked out.
            escalatedThisWeek = escalated >= _weekStart;
            if (escalatedThisWeek) _escalatedThisWeek.Add(number);
        }
        var changedByOthers = a.Drift.Count > 0 && !_acknowledged.ContainsKey(number);
        var reached = Milestones.Reached(a, asOf, options);
        if (reached is not null) _milestones[number] = reached;
        var milestone = since is null || reached is not null || escalatedThisWeek;
        var group = (a.Overdue, a.DueSoon) switch
        {
            _ when changedByOthers => _changed,
            (true, _) when since is { } s && a.Action.Deadline >= s => _newlyOverdue,
            (true, _) => milestone ? _overdue : _stillOverdue,
            (_, true) when since is { } s && a.Action.Deadline!.Value.DayNumber - s.DayNumber > options.DueSoonDays => _newlyDueSoon,
            (_, true) when milestone => _dueSoon,
            _ when a.Stale && milestone => _stale,
            _ when _acknowledged.ContainsKey(number) => _yours,
            _ => null,
        };
        group?.Add(a);
    }

    /// <summary>"You changed the rating to Amber on 17 February 2017": the lead's latest own change to the action since its previous
    /// digest.</summary>
    private string? Acknowledgement(Assessment a)
    {
        if (a.Drift.Count == 0 || ownUpdates.Count == 0) return null;
        var update = ownUpdates.LastOrDefault(u => u.ItemId == a.Action.ItemId || u.Action == a.Action.Number);
        if (update is null) return null;
        var what = new List<string>();
        if (update.RagChanged) what.Add($"the rating to {RagWords.Described(update.Rag)}");
        if (update.DeadlineChanged && update.Deadline is { } d) what.Add($"the deadline to {DigestRenderer.Long(d)}");
        if (update.CommentChanged) what.Add("the comment");
        var words = update.Completed switch
        {
            true => "You marked it complete",
            false => "You reopened it",
            null => "You changed " + (what.Count == 0 ? "it" : string.Join(", ", what)),
        };
        return $"{words} on {DigestRenderer.Long(UkClock.DateOf(update.At))}";
    }
}
