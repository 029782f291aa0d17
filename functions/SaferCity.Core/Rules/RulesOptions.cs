using System.ComponentModel.DataAnnotations;

namespace SaferCity.Core.Rules;

/// <summary>Settings section "Reminders".</summary>
public sealed class RemindersOptions : IValidatableObject
{
    public const string Section = "Reminders";

    /// <summary>Who receives the summary (";"-separated addresses allowed).</summary>
    public string? Coordinator { get; set; }

    /// <summary>The coordinator's name, given in every digest as the person to ask. Optional.</summary>
    [StringLength(120)] public string? CoordinatorName { get; set; }

    [Range(0, 366)] public int DueSoonDays { get; set; } = 30;

    [Range(1, 3660)] public int EscalateAfterDays { get; set; } = 28;

    /// <summary>An open action not updated for more than this many days is stale: flagged to its leads and the coordinator. 0 turns it off.</summary>
    [Range(0, 3660)] public int StaleAfterDays { get; set; } = 42;

    /// <summary>Days before a deadline on which a lead is reminded of an action due soon: "14,7,1".</summary>
    public string DueSoonMilestones { get; set; } = "14,7,1";

    /// <summary>
    /// Days after a deadline on which a lead is reminded of an overdue action: "1,14,28", and every
    /// <see cref="RepeatDays"/> after the last, so nothing overdue goes longer than that without reaching its lead.
    /// </summary>
    public string OverdueMilestones { get; set; } = "1,14,28";

    /// <summary>The longest an overdue or stale action goes without a reminder.</summary>
    public const int RepeatDays = 28;

    /// <summary>The parsed <see cref="DueSoonMilestones"/>, smallest first; empty when unreadable (validation says so).</summary>
    public IReadOnlyList<int> DueSoonMilestoneDays => Parsed(DueSoonMilestones, ref _dueSoonDays);

    /// <summary>The parsed <see cref="OverdueMilestones"/>, smallest first; empty when unreadable (validation says so).</summary>
    public IReadOnlyList<int> OverdueMilestoneDays => Parsed(OverdueMilestones, ref _overdueDays);

    // The digests ask for the milestone days once per open action (50,000 at the largest trackers): each list is parsed
    // once per value of its setting, again only when the setting is given another string. One reference is swapped
    // whole, so a reader on another thread sees a setting's string with its own days.
    private ParsedDays? _dueSoonDays, _overdueDays;

    private sealed record ParsedDays(string? Source, IReadOnlyList<int> Days);

    private static IReadOnlyList<int> Parsed(string? list, ref ParsedDays? cache)
    {
        if (cache is { } cached && ReferenceEquals(cached.Source, list)) return cached.Days;
        var parsed = new ParsedDays(list, Days(list)?.AsReadOnly() ?? (IReadOnlyList<int>)[]);
        cache = parsed;
        return parsed.Days;
    }

    private static List<int>? Days(string? list)
    {
        var days = new List<int>();
        foreach (var part in (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture,
                    out var day))
                return null;
            days.Add(day);
        }
        return days.Distinct().Order().ToList();
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Days(DueSoonMilestones) is not { } dueSoon || dueSoon.Any(d => d > 366))
            yield return new ValidationResult(
                $"Reminders:DueSoonMilestones is '{DueSoonMilestones}'; give days before the deadline as whole numbers 0 to 366, such as 14,7,1.",
                [nameof(DueSoonMilestones)]);
        if (Days(OverdueMilestones) is not { Count: > 0 } overdue || overdue[0] < 1
            || overdue.Prepend(0).Zip(overdue).Any(p => p.Second - p.First > RepeatDays))
            yield return new ValidationResult(
                $"Reminders:OverdueMilestones is '{OverdueMilestones}'; give days after the deadline as whole numbers from 1, " +
                $"at most {RepeatDays} apart " +
                "(nothing overdue may go longer without reaching its lead), such as 1,14,28.", [nameof(OverdueMilestones)]);
        foreach (var address in (Coordinator ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!System.Net.Mail.MailAddress.TryCreate(address, out _))
                yield return new ValidationResult($"Reminders:Coordinator has '{address}', which is not an email address.", [nameof(Coordinator)]);
        }
    }
}

/// <summary>Settings section "Drift".</summary>
public sealed class DriftOptions
{
    public const string Section = "Drift";

    [Range(0, 366)] public int WindowDays { get; set; } = 7;
}
