using SaferCity.Core.Dashboard;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Updates;

/// <summary>
/// What every update page says around its content: whose service it is (the partnership's name, in the header and
/// every title), whom to ask for help, and where the accessibility statement is. From the settings only, so a refusal
/// page is still the same for every link.
/// </summary>
/// <param name="Partnership"><c>Dashboard__Title</c>.</param>
/// <param name="Coordinator">The coordinator's name (<c>Reminders__CoordinatorName</c>), or a description.</param>
/// <param name="ContactHref"><c>Dashboard__ContactUrl</c>, else a mailto: link to the first coordinator address (the form is not public), else
/// null.</param>
/// <param name="ContactText">The link's text: the address itself for mail, else "contact page".</param>
/// <param name="DashboardUrl">The public dashboard, when known.</param>
public sealed record PageContext(string Partnership, string Coordinator, string? ContactHref, string? ContactText, string? DashboardUrl)
{
    public const string ServiceName = "Update an action";

    /// <summary>The dashboard's accessibility statement, which covers these pages too; null without a dashboard address.</summary>
    public string? StatementUrl =>
        DashboardUrl is null ? null : new Uri(new Uri(DashboardUrl.EndsWith('/') ? DashboardUrl : DashboardUrl + "/"),
            AccessibilityStatement.Path).ToString();

    /// <summary>The contact for pages anyone can reach (refusals): the contact page, never the coordinator's address.</summary>
    public string? PublicContactHref => ContactHref?.StartsWith("mailto:", StringComparison.Ordinal) == true ? null : ContactHref;

    public string TitleOf(string heading) => $"{heading} \u2013 {Partnership}";

    public static PageContext From(DashboardOptions dashboard, RemindersOptions reminders)
    {
        var name = string.IsNullOrWhiteSpace(reminders.CoordinatorName) ? "the partnership coordinator" : reminders.CoordinatorName.Trim();
        var address = (reminders.Coordinator
            ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var (href, text) = dashboard.ContactUrl is { Length: > 0 } url ? (url, "contact page")
            : address is not null ? ($"mailto:{address}", address)
            : ((string?)null, (string?)null);
        return new PageContext(dashboard.Title, name, href, text, dashboard.PublicUrl);
    }
}
