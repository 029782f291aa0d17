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
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public const string LeadWhy =
        "the partnership's action tracker names your service as a lead. It is sent once a week, only when one of your actions is overdue, due soon, has got worse or has gone without an update.";

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
        return $"week beginning {monday.ToString("d MMMM yyyy", Uk)}";
    }

    /// <summary>"Community Safety Team: 4 actions to review, week beginning 16 January 2017" (one line, whatever the lead is called).</summary>
    public static string Subject(LeadDigest digest, DateOnly asOf) =>
        $"{EmailText.Clip(digest.Lead.Name, EmailText.MaxShortLength, null)}: {Plural(digest.Count, "action")} to review, {WeekLabel(asOf)}";

    /// <summary>The inbox preview: "2 overdue, 3 due soon, 1 drifting".</summary>
    public static string Preheader(LeadDigest digest)
    {
        var parts = new List<string>();
        if (digest.Overdue.Count > 0) parts.Add($"{digest.Overdue.Count} overdue");
        if (digest.DueSoon.Count > 0) parts.Add($"{digest.DueSoon.Count} due soon");
        if (digest.Drifting.Count > 0) parts.Add($"{digest.Drifting.Count} drifting");
        if (digest.NeedsUpdate.Count > 0) parts.Add($"{digest.NeedsUpdate.Count} {(digest.NeedsUpdate.Count == 1 ? "needs" : "need")} an update");
        return string.Join(", ", parts) + ": please review and update the tracker.";
    }

    /// <param name="links">The update and item links for each listed action; null when digests carry none.</param>
    /// <param name="coordinator">Whom the lead can ask; null gives "the partnership's coordinator" without a name or address.</param>
    public static (string Text, string Html) Render(LeadDigest digest, DateOnly asOf, string? sinceIso, string? dashboardUrl,
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
                new Section("Overdue", digest.Overdue, SectionKind.Overdue),
                new Section("Due soon", digest.DueSoon, SectionKind.DueSoon),
                new Section("Drifting", digest.Drifting, SectionKind.Changed),
                new Section("Needs an update", digest.NeedsUpdate, SectionKind.Stale),
            ],
            SinceIso: sinceIso,
            DashboardUrl: dashboardUrl,
            Why: "You get this email because " + LeadWhy,
            Ask: AskLine(coordinator ?? new CoordinatorContact(null, null)),
            AskEmail: coordinator?.Email,
            Notes: [],
            Links: links)
        {
            PrivacyLine = privacyLine,
            DocumentTitle = EmailLayout.TitleOf("Actions to review", asOf, partnership),
        };
        return (EmailLayout.Text(email), EmailLayout.Html(email));
    }

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
        var words = drift.Select(d => d.Kind switch
        {
            DriftKind.RagWorsened => "rating worse",
            DriftKind.RagImproved => "rating better",
            DriftKind.DeadlineSlipped => "deadline moved later",
            DriftKind.DeadlineBroughtForward => "deadline brought forward",
            DriftKind.Completed => "completed",
            DriftKind.Reopened => "reopened",
            DriftKind.Added => "new action",
            _ => "changed",
        }).Distinct().ToList();
        return words.Count == 0 ? "changed" : string.Join(", ", words);
    }

    internal static string Number(Assessment a) => EmailText.Clip(a.Action.Number, EmailText.MaxShortLength, null);

    internal static string CommentText(Assessment a) =>
        EmailText.Line(a.Action.Comments).Length == 0 ? "No comment" : EmailText.Clip(a.Action.Comments);

    internal static string DeadlineText(Assessment a) =>
        a.Action.Deadline is { } d ? d.ToString("d MMMM yyyy", Uk) : "not set";

    /// <summary>"Amber (at risk)": the rating with its meaning, the words the dashboard uses.</summary>
    internal static string RagText(Assessment a) => RagWords.Described(a.Action.Rag);

    /// <summary>"overdue, but rated Amber (at risk), not Red" when the rating and the deadline disagree; else null.</summary>
    internal static string? MismatchText(Assessment a) => a.RagMismatch ? RagWords.Mismatch(a.Action.Rag) : null;

    public static string DriftLine(DriftChange d, string? sinceIso)
    {
        var since = sinceIso is null ? "" : $" since {Wording.LongDate(sinceIso)}";
        return EmailText.Line(Wording.Drift(d.KindName, d.From, d.To) + since);
    }

    /// <summary>A drift line split for HTML: the leading arrow or mark, and the words, with "→" spoken as "to".</summary>
    public static (string Symbol, string Words) DriftWords(DriftChange d, string? sinceIso)
    {
        var line = DriftLine(d, sinceIso);
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        return space <= 0 ? ("", line) : (line[..space], line[(space + 1)..].Replace(" \u2192 ", " to ", StringComparison.Ordinal));
    }

    internal static string Long(DateOnly d) => d.ToString("d MMMM yyyy", Uk);

    /// <summary>"No update since 16 January 2017" for a stale action; null for any other.</summary>
    public static string? StaleLine(Assessment a) =>
        a is { Stale: true, LastUpdated: { } d } ? $"No update since {Long(d)}" : null;

    public static string Plural(int n, string word) => Wording.Plural(n, word);
}
