using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Pipeline;

/// <summary>
/// Runs that complete but look wrong: most likely a setting, not the tracker, is at fault. Each warning is one
/// sentence saying what was seen and which setting to check; the run still publishes and sends as usual.
/// </summary>
public static class RunWarnings
{
    /// <summary>What the read saw that the parsed tracker no longer shows.</summary>
    /// <param name="ItemsRead">Tracker items read, before any was dropped.</param>
    /// <param name="ColumnsSeen">Column names found on the items; filled only when the number column looks wrong.</param>
    /// <param name="SourceWarnings">What the source itself noticed (<see cref="TrackerLists.Warnings"/>).</param>
    public sealed record ReadFacts(int ItemsRead, IReadOnlyList<string> ColumnsSeen, IReadOnlyList<string>? SourceWarnings = null);

    public static ReadFacts Observe(TrackerLists lists, ParsedTracker tracker)
    {
        var columns = MostlyMissingNumbers(lists.Tracker.Count, tracker)
            ? lists.Tracker.SelectMany(i => i.Fields.Keys).Where(k => !k.StartsWith('@'))
                .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList()
            : [];
        return new ReadFacts(lists.Tracker.Count, columns, lists.Warnings);
    }

    public static IReadOnlyList<string> For(ReadFacts read, ParsedTracker tracker, RemindersOptions reminders, bool remind)
    {
        var warnings = new List<string>(read.SourceWarnings ?? []);
        if (tracker.HoldPublishing)
            warnings.Add("The dashboard was not updated: the tracker list cannot say which items are confidential (see the set-up problem).");
        if (read.ItemsRead == 0)
            warnings.Add("0 actions were read from the tracker: " +
                         "check that Tracker__ListName (or the --tracker file) names the list that holds them.");
        else if (MostlyMissingNumbers(read.ItemsRead, tracker))
            warnings.Add($"{MissingNumbers(tracker)} of {read.ItemsRead} tracker items have no action number and were left out: " +
                         "the column mapping is probably wrong. Set Tracker__Columns__Number to the column holding the action number " +
                         $"(columns seen: {string.Join(", ", read.ColumnsSeen)}).");
        if (remind && string.IsNullOrWhiteSpace(reminders.Coordinator))
            warnings.Add("No coordinator is set (Reminders__Coordinator), " +
                         "so no one gets the summary of escalations, unrouted actions and data problems.");
        return warnings;
    }

    private static bool MostlyMissingNumbers(int itemsRead, ParsedTracker tracker) => itemsRead > 0 && MissingNumbers(tracker) * 2 > itemsRead;

    private static int MissingNumbers(ParsedTracker tracker) => tracker.Findings.Count(f => f is { Field: "number", Problem: "missing" });
}
