using SaferCity.Core.Import;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Import;

/// <summary>A table of leads against the leads list: created by name, blanks filled, the list's own values kept.</summary>
public sealed class LeadsPlanTests
{
    private static ImportedLead Lead(string name, string? email, string? aliases = null) => new(name, aliases, email, "row 2");

    private static ListItem Item(string id, string name, string? email, string? aliases = null) =>
        new(id, null,
            new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["Title"] = name, ["Email"] = email, ["Aliases"] = aliases });

    [Fact]
    public void Make_NewAndKnownLeads_CreatesByNameMatchedAsTheRunMatches()
    {
        var plan = LeadsPlan.Make("SCP Leads", [Lead("Police", "p@example.org"), Lead("Children’s Services", "c@example.org")],
            [Item("4", "POLICE", "p@example.org"), Item("5", "Children's Services", "c@example.org")], new LeadColumns(), overwrite: false);

        Assert.Empty(plan.Writes);
        Assert.Equal(["Police", "Children’s Services"], plan.Unchanged);
    }

    [Fact]
    public void Make_AddressTheListLacks_IsFilledInAndANewLeadIsCreated()
    {
        var plan = LeadsPlan.Make("SCP Leads", [Lead("Police", "p@example.org", "CoLP"), Lead("Licensing", "l@example.org")],
            [Item("4", "Police", null, "CoLP")], new LeadColumns(), overwrite: false);

        var update = plan.Writes.Single(w => w.ItemId == "4");
        Assert.Equal(new Dictionary<string, string?> { ["Email"] = "p@example.org" }, update.Fields);
        var create = plan.Writes.Single(w => w.ItemId is null);
        Assert.Equal("Licensing", create.Fields["Title"]);
        Assert.Equal(["Leads list 'SCP Leads': 1 to create, 1 to update, 0 unchanged.", "  Create: Licensing", "  Update Police: Email"],
            plan.Describe());
    }

    [Fact]
    public void Make_AddressChangedInTheList_KeptUnlessOverwrite()
    {
        IReadOnlyList<ListItem> list = [Item("4", "Police", "new@example.org")];

        var kept = LeadsPlan.Make("SCP Leads", [Lead("Police", "old@example.org")], list, new LeadColumns(), overwrite: false);
        var overwritten = LeadsPlan.Make("SCP Leads", [Lead("Police", "old@example.org")], list, new LeadColumns(), overwrite: true);

        Assert.Empty(kept.Writes);
        Assert.Equal(["Police Email \"new@example.org\" (the file has \"old@example.org\")"], kept.Kept);
        Assert.Equal("old@example.org", Assert.Single(overwritten.Writes).Fields["Email"]);
    }
}
