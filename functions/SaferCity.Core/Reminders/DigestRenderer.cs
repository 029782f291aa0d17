using System.Globalization;
using System.Text;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Model;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>What a section lists, which decides each action's heading ("overdue by 16 days", "due in 15 days", "rating worse").</summary>
public enum SectionKind
{
    Overdue,
    DueSoon,
    Changed,
    Stale,

    /// <summary>Completed since the previous digest: one line of thanks.</summary>
    Completed,

    /// <summary>Overdue with nothing new: one line ("3.4 overdue 62 days; no update since 9 January 2017").</summary>
    StillOverdue,

    /// <summary>The lead's own change: one line acknowledging it.</summary>
    Yours,

    /// <summary>A milestone reminder to a lead told of the action before: one line ("3.4 overdue by 14 days: Deliver …").</summary>
    Reminder,
}

/// <summary>Whom a lead can ask about a digest: the coordinator's name and address, as far as the settings give them.</summary>
public sealed record CoordinatorContact(string? Name, string? Email)
{
    public static CoordinatorContact From(RemindersOptions options)
    {
        var first = (options.Coordinator ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault();
        var address = first is not null && System.Net.Mail.MailAddress.TryCreate(first, out var parsed) ? parsed : null;
        var name = string.IsNullOrWhiteSpace(options.CoordinatorName) ? address?.DisplayName : options.CoordinatorName;
        return new(string.IsNullOrWhiteSpace(name) ? null : EmailText.Clip(name, EmailText.MaxShortLength, null), address?.Address);
    }
}

/// <summary>
/// Writes a lead's digest (and, through <see cref="EmailLayout"/>, the coordinator's summary) as text and as HTML.
/// The HTML follows GOV.UK Notify's email: one column, 19 px text, one block per action, inline styles only.
/// Every value from the list passes through <see cref="EmailText"/> first: one line, and long text clipped,
/// so a 200 KB comment makes a short email and nothing in a comment can fake a line of the text part.
/// </summary>
public static class DigestRenderer
{
    public const string LeadWhy =
        "the partnership's action tracker names your service as a lead. It is sent on a Monday only when something is new for one " +
        "of your actions or a reminder is due: 14, 7 and 1 days before a deadline, and 1, 14 and 28 days after it, then every 4 weeks.";

    /// <summary>An email stays readable: past this many actions (or notes) a section lists the most urgent and counts the rest.</summary>
    public const int MaxPerSection = 100;

    public sealed record Section(string Title, IReadOnlyList<Assessment> Items, SectionKind Kind)
    {
        /// <summary>The items to list: all of them, or the most overdue and soonest due when there are too many.</summary>
        public IReadOnlyList<Assessment> Shown { get; } = Items.Count <= MaxPerSection
            ? Items
            : Items.OrderByDescending(a => a.DaysOverdue).ThenBy(a => a.Action.Deadline ?? DateOnly.MaxValue).Take(MaxPerSection).ToList();
    }

    internal static string MoreLine(int more) =>
        $"…and {more:N0} more: see the dashboard or its CSV download for every one.";

    public static string WeekLabel(DateOnly asOf)
    {
        var monday = asOf.AddDays(-(((int)asOf.DayOfWeek + 6) % 7));
        return $"week beginning {Wording.LongDate(monday)}";
    }

    /// <summary>
    /// What is new, so one week's digest can be told from the last in an inbox: "Trading Standards: 3.4 escalated to the
    /// coordinator", "City of London Police: 2 newly overdue, 15 still overdue", "Housing: 4.4 completed, thank you".
    /// One line, whatever the lead is called; the week is in the body.
    /// </summary>
    public static string Subject(LeadDigest digest, DateOnly asOf)
    {
        var escalated = digest.EscalatedThisWeek.ToHashSet();
        var reminders = digest.Overdue.Where(a => !escalated.Contains(a.Action.Number)).Concat(digest.DueSoon).Concat(digest.NeedsUpdate).ToList();
        var parts = new[]
        {
            Counted(escalated.Order(StringComparer.Ordinal).ToList(), "escalated to the coordinator"),
            Counted(digest.Completed, "completed, thank you"),
            Counted(digest.Drifting, "changed"),
            Counted(digest.NewlyOverdue, "newly overdue"),
            Counted(digest.NewlyDueSoon, "newly due soon"),
            reminders.Count == 1 ? OneReminder(digest, reminders[0], asOf) : reminders.Count > 1 ? Reminders(reminders) : null,
            digest.StillOverdue.Count > 0 ? $"{digest.StillOverdue.Count} still overdue" : null,
        };
        return $"{EmailText.Clip(digest.Lead.Name, EmailText.MaxShortLength, null)}: {string.Join(", ", parts.Where(p => p is not null))}";
    }

    /// <summary>"3.4 overdue 14 days": the one reminder, by the milestone it meets.</summary>
    private static string OneReminder(LeadDigest digest, Assessment a, DateOnly asOf) =>
        $"{Number(a)} {digest.Milestone.GetValueOrDefault(a.Action.Number) ?? Heading(a, Kind(a), asOf)}";

    /// <summary>"2 overdue, 3 due soon, 1 needs an update": reminders counted by what they remind of.</summary>
    private static string Reminders(List<Assessment> reminders)
    {
        var (overdue, dueSoon) = (reminders.Count(a => a.Overdue), reminders.Count(a => a.DueSoon));
        var stale = reminders.Count - overdue - dueSoon;
        return string.Join(", ", new[]
        {
            overdue > 0 ? $"{overdue} overdue" : null,
            dueSoon > 0 ? $"{dueSoon} due soon" : null,
            stale > 0 ? $"{stale} {(stale == 1 ? "needs" : "need")} an update" : null,
        }.Where(p => p is not null));
    }

    private static SectionKind Kind(Assessment a) => a.Overdue ? SectionKind.Overdue : a.DueSoon ? SectionKind.DueSoon : SectionKind.Stale;

    /// <summary>As <see cref="Counted(List{string}, string)"/> for actions: only a lone action's number is said, so only it is made.</summary>
    private static string? Counted(IReadOnlyList<Assessment> actions, string what) => actions.Count switch
    {
        0 => null,
        1 => Counted([Number(actions[0])], what),
        _ => $"{actions.Count} {what}",
    };

    /// <summary>"3.4 newly overdue" for one action, "2 newly overdue" for more; null for none.</summary>
    private static string? Counted(List<string> numbers, string what) => numbers.Count switch
    {
        0 => null,
        1 => $"{EmailText.Clip(numbers[0], EmailText.MaxShortLength, null)} {what}",
        _ => $"{numbers.Count} {what}",
    };

    /// <summary>The inbox preview: "1 completed, 2 overdue, 1 due soon, 15 still overdue".</summary>
    public static string Preheader(LeadDigest digest)
    {
        var parts = new List<string>();
        if (digest.Completed.Count > 0) parts.Add($"{digest.Completed.Count} completed");
        if (digest.Drifting.Count > 0) parts.Add($"{digest.Drifting.Count} changed");
        if (digest.NewlyOverdue.Count + digest.Overdue.Count > 0) parts.Add($"{digest.NewlyOverdue.Count + digest.Overdue.Count} overdue");
        if (digest.NewlyDueSoon.Count + digest.DueSoon.Count > 0) parts.Add($"{digest.NewlyDueSoon.Count + digest.DueSoon.Count} due soon");
        if (digest.NeedsUpdate.Count > 0) parts.Add($"{digest.NeedsUpdate.Count} {(digest.NeedsUpdate.Count == 1 ? "needs" : "need")} an update");
        if (digest.StillOverdue.Count > 0) parts.Add($"{digest.StillOverdue.Count} still overdue");
        return string.Join(", ", parts) + ": please review and update the tracker.";
    }

    /// <param name="links">The update and item links for each listed action; null when digests carry none.</param>
    /// <param name="coordinator">Whom the lead can ask; null gives "the partnership's coordinator" without a name or address.</param>
    public static (string Text, string Html) Render(LeadDigest digest, DateOnly asOf, DateOnly? since, string? dashboardUrl,
        Func<Assessment, ActionLinks>? links = null, CoordinatorContact? coordinator = null, string? privacyLine = null,
        string? partnership = null)
    {
        var name = EmailText.Clip(digest.Lead.Name, EmailText.MaxShortLength, null);
        var email = new EmailLayout.Content(
            Heading: name,
            AsOf: asOf,
            Intro: $"These actions in the partnership's tracker name {name} as a lead. " +
                   "Please review them and update the tracker: deadline, RAG rating and a comment on progress.",
            Preheader: Preheader(digest),
            Sections:
            [
                new Section("Completed: thank you", digest.Completed, SectionKind.Completed),
                new Section("Changed by someone else", digest.Drifting, SectionKind.Changed),
                new Section("Newly overdue", digest.NewlyOverdue, SectionKind.Overdue),
                new Section("Newly due soon", digest.NewlyDueSoon, SectionKind.DueSoon),
                .. digest.Compact
                    ? new[] { new Section("Reminders", [.. digest.Overdue, .. digest.DueSoon, .. digest.NeedsUpdate], SectionKind.Reminder) }
                    : [
                        new Section("Overdue", digest.Overdue, SectionKind.Overdue),
                        new Section("Due soon", digest.DueSoon, SectionKind.DueSoon),
                        new Section("Needs an update", digest.NeedsUpdate, SectionKind.Stale),
                    ],
                new Section("Still overdue", digest.StillOverdue, SectionKind.StillOverdue),
                new Section("Your changes", digest.YourChanges, SectionKind.Yours),
            ],
            Since: since,
            DashboardUrl: dashboardUrl,
            Why: "You get this email because " + LeadWhy,
            Ask: AskLine(coordinator ?? new CoordinatorContact(null, null)),
            AskEmail: coordinator?.Email,
            Notes: [],
            Links: links)
        {
            PrivacyLine = privacyLine,
            DocumentTitle = EmailLayout.TitleOf("Actions to review", asOf, partnership),
            Extra = a => ExtraLines(digest, a),
        };
        return (EmailLayout.Text(email), EmailLayout.Html(email));
    }

    /// <summary>What a block says beyond the action's fields: its escalation, and the lead's own change.</summary>
    private static List<string> ExtraLines(LeadDigest digest, Assessment a)
    {
        var lines = new List<string>(2);
        if (digest.Escalated.TryGetValue(a.Action.Number, out var on)) lines.Add($"Escalated to the coordinator on {Long(on)}");
        if (digest.Acknowledged.TryGetValue(a.Action.Number, out var yours)) lines.Add(yours);
        return lines;
    }

    /// <summary>
    /// The one line of a short item: "3.4 overdue 62 days; no update since 9 January 2017", "4.4 completed: thank you",
    /// "2.8: You changed the rating to Amber (at risk) on 17 February 2017".
    /// </summary>
    public static string ShortLine(Assessment a, SectionKind kind, DateOnly asOf, Func<Assessment, IReadOnlyList<string>>? extra)
    {
        var more = extra?.Invoke(a) ?? [];
        if (kind == SectionKind.Yours) return $"{Number(a)}: {string.Join("; ", more)}";
        var line = kind switch
        {
            SectionKind.Completed => $"{Number(a)} completed: thank you",
            SectionKind.Reminder => $"{Number(a)} {Heading(a, Kind(a), asOf)}: " +
                                    EmailText.Clip(a.Action.Text, ReminderTextLength, null) +
                                    (MismatchText(a) is { } m ? $"; {m}" : "") +
                                    (StaleLine(a) is { } s ? $"; {char.ToLowerInvariant(s[0])}{s[1..]}" : ""),
            _ => $"{Number(a)} overdue {Plural(a.DaysOverdue, "day")}" + (a.LastUpdated is { } d ? $"; no update since {Long(d)}" : ""),
        };
        // An escalated action says so on its line too ("…. Escalated to the coordinator on 6 March 2017").
        var escalated = more.FirstOrDefault(m => m.StartsWith("Escalated", StringComparison.Ordinal));
        return escalated is null ? line : $"{line}. {escalated}";
    }

    /// <summary>Sections listed one line an action, without the action's fields.</summary>
    public static bool IsShort(SectionKind kind) =>
        kind is SectionKind.Completed or SectionKind.StillOverdue or SectionKind.Yours or SectionKind.Reminder;

    /// <summary>Enough of the key action in a one-line reminder to know which it is; the update form shows the rest.</summary>
    private const int ReminderTextLength = 90;

    /// <summary>"Questions? Ask Sam Patel, the partnership's coordinator:" and the address, which the layout writes as a link.</summary>
    private static string AskLine(CoordinatorContact c) => (c.Name, c.Email) switch
    {
        ({ } n, { }) => $"Questions about this email or the tracker? Ask {n}, the partnership's coordinator:",
        ({ } n, null) => $"Questions about this email or the tracker? Ask {n}, the partnership's coordinator.",
        (null, { }) => "Questions about this email or the tracker? Ask the partnership's coordinator:",
        _ => "Questions about this email or the tracker? Ask the partnership's coordinator.",
    };

    /// <summary>What needs doing, after the action's number: "overdue by 16 days", "due in 15 days", "rating worse".</summary>
    public static string Heading(Assessment a, SectionKind kind, DateOnly asOf)
    {
        switch (kind)
        {
            case SectionKind.Overdue:
                return $"overdue by {Plural(a.DaysOverdue, "day")}";
            case SectionKind.DueSoon when a.Action.Deadline is { } d:
                var days = d.DayNumber - asOf.DayNumber;
                return days switch { 0 => "due today", 1 => "due tomorrow", _ => $"due in {days} days" };
            case SectionKind.DueSoon:
                return "due soon";
            case SectionKind.Stale:
                return "needs an update";
        }
        var drift = a.WorseningDrift.Any() ? a.WorseningDrift : a.Drift;
        var words = drift.Select(d => Wording.Of(d.Kind).Heading).Distinct().ToList();
        return words.Count == 0 ? "changed" : string.Join(", ", words);
    }

    internal static string Number(Assessment a) => EmailText.Clip(a.Action.Number, EmailText.MaxShortLength, null);

    internal static string CommentText(Assessment a) =>
        EmailText.Line(a.Action.Comments).Length == 0 ? "No comment" : EmailText.Clip(a.Action.Comments);

    internal static string DeadlineText(Assessment a) =>
        a.Action.Deadline is { } d ? Wording.LongDate(d) : "not set";

    /// <summary>"Amber (at risk)": the rating with its meaning, the words the dashboard uses.</summary>
    internal static string RagText(Assessment a) => RagWords.Described(a.Action.Rag);

    /// <summary>"overdue, but rated Amber (at risk), not Red" when the rating and the deadline disagree; else null.</summary>
    internal static string? MismatchText(Assessment a) => a.RagMismatch ? RagWords.Mismatch(a.Action.Rag) : null;

    public static string DriftLine(DriftChange d, DateOnly? since) =>
        EmailText.Line(since is { } day ? $"{Wording.Drift(d)} since {Wording.LongDate(day)}" : Wording.Drift(d));

    /// <summary>A drift line split for HTML: the leading arrow or mark, and the words, with "→" spoken as "to".</summary>
    public static (string Symbol, string Words) DriftWords(DriftChange d, DateOnly? since)
    {
        var line = DriftLine(d, since);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space <= 0 ? ("", line) : (line[..space], line[(space + 1)..].Replace(" \u2192 ", " to ", StringComparison.Ordinal));
    }

    internal static string Long(DateOnly d) => Wording.LongDate(d);

    /// <summary>"No update since 16 January 2017" for a stale action; null for any other.</summary>
    public static string? StaleLine(Assessment a) =>
        a is { Stale: true, LastUpdated: { } d } ? $"No update since {Long(d)}" : null;

    public static string Plural(int n, string word) => Wording.Plural(n, word);
}
