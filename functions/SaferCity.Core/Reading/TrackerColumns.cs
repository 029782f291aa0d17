using System.ComponentModel.DataAnnotations;

namespace SaferCity.Core.Reading;

/// <summary>
/// Internal names of the tracker list's columns. Every name is configurable
/// (<c>Tracker__Columns__KeyAction</c> …) because partnerships name their columns themselves.
/// </summary>
public sealed class TrackerColumns
{
    [Required] public string Number { get; set; } = "Title";
    [Required] public string Theme { get; set; } = "Theme";
    [Required] public string KeyAction { get; set; } = "KeyAction";
    [Required] public string DeliveryDeadline { get; set; } = "DeliveryDeadline";
    [Required] public string LeadService { get; set; } = "LeadService";
    [Required] public string Rag { get; set; } = "RAG";
    [Required] public string Comments { get; set; } = "Comments";
    [Required] public string Status { get; set; } = "Status";
    [Required] public string HideFromDashboard { get; set; } = "HideFromDashboard";

    /// <summary>
    /// The internal name SharePoint gives a column created in its web page as "Hide from dashboard".
    /// Read as well as <see cref="HideFromDashboard"/>: a hide column missed by its name must not show what it hides.
    /// </summary>
    public const string HideFromDashboardUiName = "Hide_x0020_from_x0020_dashboard";

    /// <summary>The configured internal name of <paramref name="field"/>.</summary>
    public string For(TrackerField field) => field switch
    {
        TrackerField.Number => Number, TrackerField.Theme => Theme, TrackerField.KeyAction => KeyAction,
        TrackerField.DeliveryDeadline => DeliveryDeadline, TrackerField.LeadService => LeadService, TrackerField.Rag => Rag,
        TrackerField.Comments => Comments, TrackerField.Status => Status, _ => HideFromDashboard,
    };

    /// <summary>The setting that names <paramref name="field"/>'s column: Tracker__Columns__DeliveryDeadline …</summary>
    public static string Setting(TrackerField field) => $"Tracker__Columns__{field}";

    /// <summary>The columns to ask Graph for, so reads carry only what is mapped.</summary>
    public IEnumerable<string> All() =>
        [Number, Theme, KeyAction, DeliveryDeadline, LeadService, Rag, Comments, Status, HideFromDashboard];
}

/// <summary>Internal names of the leads list's columns.</summary>
public sealed class LeadColumns
{
    [Required] public string Name { get; set; } = "Title";
    [Required] public string Aliases { get; set; } = "Aliases";
    [Required] public string Email { get; set; } = "Email";

    public IEnumerable<string> All() => [Name, Aliases, Email];
}
