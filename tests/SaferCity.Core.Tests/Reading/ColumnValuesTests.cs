using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>Values as each column type takes them, checked before any write.</summary>
public sealed class ColumnValuesTests
{
    private static readonly ListColumn RagWords =
        new("RAG", "RAG", ColumnKind.Choice) { Choices = ["Green", "Amber", "Red"], AllowTextEntry = false };
    private static readonly ListColumn Leads = new("Lead_x0020_Service", "Lead Service", ColumnKind.MultiChoice)
    {
        Choices = ["Community Safety Team", "City of London Police", "Trading Standards"], AllowTextEntry = false,
    };

    [Theory]
    [InlineData("A", "Amber")]
    [InlineData("amber", "Amber")]
    [InlineData("G", "Green")]
    public void For_RagLetterIntoSpelledOutChoices_TheColumnsSpelling(string value, string written) =>
        Assert.Equal(written, ColumnValues.For(RagWords, TrackerField.Rag, value).Value);

    [Fact]
    public void For_ValueNotAChoice_RefusedNamingTheChoices()
    {
        var value = ColumnValues.For(RagWords, TrackerField.Rag, "Purple");

        Assert.Null(value.Value);
        Assert.Equal("'Purple' is not one of the choices of the column RAG (Green, Amber, Red)", value.Refusal);
    }

    [Fact]
    public void For_ChoiceColumnTakingAnyText_WrittenAsItIs() =>
        Assert.Equal("Purple", ColumnValues.For(RagWords with { AllowTextEntry = true }, TrackerField.Rag, "Purple").Value);

    [Fact]
    public void For_StatusCompleteIntoCompletedChoice_Completed()
    {
        var status = new ListColumn("Status", "Status", ColumnKind.Choice)
        {
            Choices = ["Not started", "In progress", "Completed"], AllowTextEntry = false
        };
        Assert.Equal("Completed", ColumnValues.For(status, TrackerField.Status, "Complete").Value);
    }

    [Fact]
    public void For_MultiChoiceLeads_AListOfTheChoices()
    {
        var value = ColumnValues.For(Leads, TrackerField.LeadService, "community safety team; City of London Police");

        Assert.True(value.IsCollection);
        Assert.Equal(["Community Safety Team", "City of London Police"], (IReadOnlyList<string>)value.Value!);
    }

    [Fact]
    public void For_MultiChoiceWithOneUnknownLead_RefusedNamingIt() =>
        Assert.Equal("'CST' is not one of the choices of the column Lead_x0020_Service (\"Lead Service\") " +
            "(Community Safety Team, City of London Police, Trading Standards)",
            ColumnValues.For(Leads, TrackerField.LeadService, "CST; Trading Standards").Refusal);

    [Theory]
    [InlineData(ColumnKind.Person)]
    [InlineData(ColumnKind.Lookup)]
    public void For_PersonOrLookupLead_RefusedPlainly(ColumnKind kind) =>
        Assert.StartsWith($"the column Lead (\"Lead service\") is a {kind} column, which takes ids from another list",
            ColumnValues.For(new ListColumn("Lead", "Lead service", kind), TrackerField.LeadService, "Trading Standards").Refusal);

    [Theory]
    [InlineData(ColumnKind.Date, "")]
    [InlineData(ColumnKind.Note, "")]
    [InlineData(ColumnKind.Text, null)]
    [InlineData(ColumnKind.Choice, null)]
    [InlineData(ColumnKind.Number, null)]
    public void For_Blank_ClearedAsTheColumnTypeHonours(ColumnKind kind, string? cleared)
    {
        var value = ColumnValues.For(new ListColumn("X", "X", kind), TrackerField.Comments, " ");
        Assert.Equal(cleared, value.Value);
        Assert.Null(value.Refusal);
    }
}
