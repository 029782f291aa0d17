using SaferCity.Core.Model;

namespace SaferCity.Core.Tests.Support;

/// <summary>List items as a source would deliver them, built in one line each.</summary>
internal static class Items
{
    private static int _nextId = 1000;

    public static ListItem Action(string? number, string? deadline = "March 2017", object? lead = null,
        string? rag = "G", string? comments = null, string? theme = "1. Violence Against the Person", string? text = "Do the thing",
        string? status = null, object? hidden = null)
    {
        var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Title"] = number,
            ["Theme"] = theme,
            ["KeyAction"] = text,
            ["DeliveryDeadline"] = deadline,
            ["LeadService"] = lead ?? "Community Safety Team",
            ["RAG"] = rag,
            ["Comments"] = comments,
        };
        if (status is not null) fields["Status"] = status;
        if (hidden is not null) fields["HideFromDashboard"] = hidden;
        return new ListItem((++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), null, fields);
    }

    public static ListItem Lead(string name, string? aliases = null, string? email = "lead@example.gov.uk") =>
        new((++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture), null,
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Title"] = name, ["Aliases"] = aliases, ["Email"] = email });

    public static IReadOnlyList<ListItem> StandardLeads { get; } =
    [
        Lead("Community Safety Team", "CST; Community Safety", "cst@example.gov.uk"),
        Lead("City of London Police", "CoLP; Police", "police@example.gov.uk; police2@example.gov.uk"),
        Lead("Department of Community and Children's Services", "DCCS", "dccs@example.gov.uk"),
    ];
}
