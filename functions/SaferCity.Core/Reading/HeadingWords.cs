using System.Globalization;

namespace SaferCity.Core.Reading;

/// <summary>
/// The tracker's fields, named as the <c>Tracker__Columns__*</c> settings name them
/// (<c>Tracker__Columns__DeliveryDeadline</c> → <see cref="DeliveryDeadline"/>).
/// </summary>
public enum TrackerField { Number, Theme, KeyAction, DeliveryDeadline, LeadService, Rag, Comments, Status, HideFromDashboard }

/// <summary>
/// The heading words people give each tracker field, in Word tables, Excel sheets, CSV exports and SharePoint
/// display names. Headings are compared on their letters and digits only, ignoring case, spaces and punctuation
/// ("Lead officer/service", "LEAD OFFICER - SERVICE" and "Lead_x0020_Officer_x0020_Service" are the same heading).
/// <para>
/// One heading word is two-faced: a bare "Action" is the action number when the same row also has a key-action
/// heading ("Action | Key action | …", the seed's layout), and the key action itself otherwise. <see cref="Match"/>
/// answers <see cref="TrackerField.KeyAction"/> for it; <see cref="IsBareAction"/> lets a caller decide.
/// </para>
/// </summary>
public static class HeadingWords
{
    /// <summary>The documented table: every heading word, by field. Add words here, never remove them.</summary>
    public static readonly IReadOnlyDictionary<TrackerField, IReadOnlyList<string>> Words = new Dictionary<TrackerField, IReadOnlyList<string>>
    {
        [TrackerField.Number] =
        [
            "No", "No.", "Number", "Action No", "Action No.", "Action number", "Ref", "Ref.", "Ref no", "Reference",
            "ID", "Item", "Item no", "Title",
        ],
        [TrackerField.Theme] =
        [
            "Theme", "Priority", "Priority area", "Objective", "Workstream", "Work stream", "Strand", "Section",
            "Outcome", "Area",
        ],
        [TrackerField.KeyAction] =
        [
            "Key action", "Key actions", "KeyAction", "Action", "Actions", "Description", "Action description",
            "Activity", "Task", "What we will do",
        ],
        [TrackerField.DeliveryDeadline] =
        [
            "Delivery deadline", "DeliveryDeadline", "Deadline", "Due", "Due date", "Due by", "Target date", "Target",
            "Timescale", "Timescales", "Completion date", "Target completion date", "By when", "Date",
        ],
        [TrackerField.LeadService] =
        [
            "Lead", "Leads", "Lead service", "LeadService", "Lead officer", "Lead officer/service", "Lead agency",
            "Lead organisation", "Lead partner", "Responsibility", "Responsibility/Lead service", "Responsibility/Lead",
            "Responsible officer", "Responsible", "Owner", "Action owner", "Who",
        ],
        [TrackerField.Rag] =
        [
            "RAG", "BRAG", "RAG status", "RAG rating", "Status (RAG)", "BRAG status", "BRAG rating", "RAG/BRAG", "Rating",
        ],
        [TrackerField.Comments] =
        [
            "Comments", "Comment", "Commentary", "Notes", "Progress", "Progress update", "Progress comments",
            "Progress to date", "Update", "Updates", "Latest update",
        ],
        [TrackerField.Status] = ["Status", "Progress status", "Completion status", "State"],
        [TrackerField.HideFromDashboard] =
        [
            "Hide from dashboard", "HideFromDashboard", "Hide", "Hidden", "Confidential", "Restricted",
            "Not for publication", "Private", "Do not publish",
        ],
    };

    // The field names --column and the settings use, with the short forms people type.
    private static readonly Dictionary<string, TrackerField> FieldNames = new(StringComparer.Ordinal)
    {
        ["number"] = TrackerField.Number, ["theme"] = TrackerField.Theme,
        ["keyaction"] = TrackerField.KeyAction, ["text"] = TrackerField.KeyAction, ["action"] = TrackerField.KeyAction,
        ["deliverydeadline"] = TrackerField.DeliveryDeadline, ["deadline"] = TrackerField.DeliveryDeadline,
        ["leadservice"] = TrackerField.LeadService, ["lead"] = TrackerField.LeadService,
        ["rag"] = TrackerField.Rag, ["comments"] = TrackerField.Comments, ["status"] = TrackerField.Status,
        ["hidefromdashboard"] = TrackerField.HideFromDashboard, ["hide"] = TrackerField.HideFromDashboard,
    };

    private static readonly Dictionary<string, TrackerField> ByKey = Words
        .SelectMany(w => w.Value.Select(word => (Key: Key(word), Field: w.Key)))
        .GroupBy(w => w.Key, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.First().Field, StringComparer.Ordinal);

    /// <summary>The field a heading names, or null when it names none.</summary>
    public static TrackerField? Match(string? heading) =>
        heading is not null && ByKey.TryGetValue(Key(heading), out var field) ? field : null;

    /// <summary>The heading is a bare "Action": the number beside a key-action column, else the key action.</summary>
    public static bool IsBareAction(string? heading) => heading is not null && Key(heading) == "action";

    /// <summary>
    /// A field named as <c>--column "HEADING=field"</c> or a setting names it: "deadline", "DeliveryDeadline",
    /// "lead", "keyAction", "text", "hide" … (any case). Null when it is none of them.
    /// </summary>
    public static TrackerField? ParseField(string? name) =>
        name is not null && FieldNames.TryGetValue(Key(name), out var field) ? field : null;

    /// <summary>The short field name people type and messages show ("deadline", "lead", "keyAction").</summary>
    public static string FieldName(TrackerField field) => field switch
    {
        TrackerField.Number => "number", TrackerField.Theme => "theme", TrackerField.KeyAction => "keyAction",
        TrackerField.DeliveryDeadline => "deadline", TrackerField.LeadService => "lead", TrackerField.Rag => "rag",
        TrackerField.Comments => "comments", TrackerField.Status => "status", _ => "hide",
    };

    /// <summary>
    /// A heading as compared: lower-case letters and digits only, after SharePoint's encoded spaces
    /// ("_x0020_") are decoded, so a list column's internal name matches its display name.
    /// </summary>
    public static string Key(string heading) =>
        string.Concat(heading.Replace("_x0020_", " ", StringComparison.OrdinalIgnoreCase).Where(char.IsLetterOrDigit))
            .ToLower(CultureInfo.InvariantCulture);
}
