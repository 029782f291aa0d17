using SaferCity.Core.Import;
using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Import;

/// <summary>Action numbers the list already holds twice (a create applied twice, an admin's copy): one plain line each in the plan.</summary>
public sealed class ImportPlanDuplicatesTests
{
    private static readonly HashSet<TrackerField> Fields = [TrackerField.Number, TrackerField.KeyAction, TrackerField.Rag];

    private static ImportedRow Row(string number) =>
        new(number, $"row {number}",
            new Dictionary<TrackerField, string?> { [TrackerField.KeyAction] = $"Action {number}", [TrackerField.Rag] = "G" });

    private static ListItem Item(string id, string number, string rag = "G") =>
        new(id, null, new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Title"] = number, ["KeyAction"] = $"Action {number}", ["RAG"] = rag
        });

    private static ImportPlan Plan(params ListItem[] existing) =>
        new ImportPlanner(new TrackerColumns())
            .Plan(new ImportedTable("t", [Row("1.1"), Row("2.5")], Fields, [], []), existing, deadlineIsDate: false);

    [Fact]
    public void Plan_NumberTwiceInTheList_OneLineNamingBothItemsAndOnlyTheFirstIsUpdated()
    {
        var plan = Plan(Item("1", "1.1"), Item("7", "2.5", rag: "A"), Item("43", "2.5 "));

        Assert.Equal(
            ["2.5 is item 7 and item 43; only item 7 is compared and updated (a run reads only it too): delete the other in the list."],
            plan.DuplicatesInList);
        Assert.Equal("7", Assert.Single(plan.Updates).ItemId);
        Assert.Empty(plan.Creates);
        Assert.Contains("  Duplicate in the list: 2.5 is item 7 and item 43; only item 7 is compared and updated (a run reads only it too): " +
                        "delete the other in the list.", plan.Describe());
    }

    [Fact]
    public void Plan_SeveralNumbersDuplicated_OneLineEachInActionOrder()
    {
        var plan = Plan(Item("1", "10.1"), Item("2", "10.1"), Item("3", "2.5"), Item("4", "2.5"), Item("5", "2.5"));

        Assert.Equal(2, plan.DuplicatesInList.Count);
        Assert.StartsWith("2.5 is item 3 and items 4, 5;", plan.DuplicatesInList[0], StringComparison.Ordinal);
        Assert.EndsWith("delete the others in the list.", plan.DuplicatesInList[0], StringComparison.Ordinal);
        Assert.StartsWith("10.1 is item 1 and item 2;", plan.DuplicatesInList[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NoDuplicates_NoLine()
    {
        var plan = Plan(Item("1", "1.1"), Item("2", "2.5"));

        Assert.Empty(plan.DuplicatesInList);
        Assert.DoesNotContain(plan.Describe(), l => l.Contains("Duplicate", StringComparison.Ordinal));
    }
}
