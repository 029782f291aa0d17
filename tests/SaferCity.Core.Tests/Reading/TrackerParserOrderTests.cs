using SaferCity.Core.Model;
using SaferCity.Core.Reading;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reading;

/// <summary>A list already in number order is not sorted again; the actions must come out in order whatever the list's order.</summary>
public class TrackerParserOrderTests
{
    private static List<string> Numbers(params string[] numbers) =>
        [.. new TrackerParser().Parse(new TrackerLists([.. numbers.Select(n => Items.Action(n))], Items.StandardLeads))
            .Actions.Select(a => a.Number)];

    [Fact]
    public void Parse_OnlyTheLastTwoOutOfOrder_SortsThem()
    {
        Assert.Equal(["1.1", "1.2", "1.9", "1.10"], Numbers("1.1", "1.2", "1.10", "1.9"));
    }

    [Fact]
    public void Parse_OnlyTheFirstTwoOutOfOrder_SortsThem()
    {
        Assert.Equal(["1.2", "1.10", "2", "2.1"], Numbers("1.10", "1.2", "2", "2.1"));
    }

    [Fact]
    public void Parse_InNumberOrderAsPeopleRead_KeepsThatOrder()
    {
        Assert.Equal(["1", "1.2", "1.10", "1.10.1", "2.a", "2.B", "10"], Numbers("1", "1.2", "1.10", "1.10.1", "2.a", "2.B", "10"));
    }
}
