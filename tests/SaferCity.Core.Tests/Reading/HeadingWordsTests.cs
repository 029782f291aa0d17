using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

public sealed class HeadingWordsTests
{
    [Theory]
    [InlineData("Ref", TrackerField.Number)]
    [InlineData("No.", TrackerField.Number)]
    [InlineData("ACTION NO", TrackerField.Number)]
    [InlineData("ID", TrackerField.Number)]
    [InlineData("Objective", TrackerField.Theme)]
    [InlineData("Priority", TrackerField.Theme)]
    [InlineData("Workstream", TrackerField.Theme)]
    [InlineData("Description", TrackerField.KeyAction)]
    [InlineData("Target date", TrackerField.DeliveryDeadline)]
    [InlineData("Due", TrackerField.DeliveryDeadline)]
    [InlineData("Timescale", TrackerField.DeliveryDeadline)]
    [InlineData("Completion date", TrackerField.DeliveryDeadline)]
    [InlineData("Lead officer/service", TrackerField.LeadService)]
    [InlineData("Lead Officer - Service", TrackerField.LeadService)]
    [InlineData("Responsible officer", TrackerField.LeadService)]
    [InlineData("Owner", TrackerField.LeadService)]
    [InlineData("Responsibility", TrackerField.LeadService)]
    [InlineData("Status (RAG)", TrackerField.Rag)]
    [InlineData("RAG status", TrackerField.Rag)]
    [InlineData("rag rating", TrackerField.Rag)]
    [InlineData("Progress update", TrackerField.Comments)]
    [InlineData("Latest update", TrackerField.Comments)]
    [InlineData("Commentary", TrackerField.Comments)]
    [InlineData("Notes", TrackerField.Comments)]
    [InlineData("Status", TrackerField.Status)]
    [InlineData("Hide from dashboard", TrackerField.HideFromDashboard)]
    [InlineData("Hide_x0020_from_x0020_dashboard", TrackerField.HideFromDashboard)]
    [InlineData("Confidential", TrackerField.HideFromDashboard)]
    [InlineData("Restricted", TrackerField.HideFromDashboard)]
    [InlineData("Not for publication", TrackerField.HideFromDashboard)]
    [InlineData("Private", TrackerField.HideFromDashboard)]
    public void Match_HeadingAsPeopleWriteIt_Field(string heading, TrackerField expected) =>
        Assert.Equal(expected, HeadingWords.Match(heading));

    [Theory]
    [InlineData("Budget")]
    [InlineData("")]
    [InlineData(null)]
    public void Match_NotAHeadingWord_Null(string? heading) => Assert.Null(HeadingWords.Match(heading));

    [Fact]
    public void Words_EachWordMatchesItsOwnField()
    {
        foreach (var (field, words) in HeadingWords.Words)
        {
            foreach (var word in words) Assert.Equal(field, HeadingWords.Match(word));
        }
    }

    [Theory]
    [InlineData("deadline", TrackerField.DeliveryDeadline)]
    [InlineData("DeliveryDeadline", TrackerField.DeliveryDeadline)]
    [InlineData("lead", TrackerField.LeadService)]
    [InlineData("keyAction", TrackerField.KeyAction)]
    [InlineData("text", TrackerField.KeyAction)]
    [InlineData("hide", TrackerField.HideFromDashboard)]
    [InlineData("RAG", TrackerField.Rag)]
    public void ParseField_SettingOrShortName_Field(string name, TrackerField expected) =>
        Assert.Equal(expected, HeadingWords.ParseField(name));

    [Fact]
    public void ParseField_Unknown_Null() => Assert.Null(HeadingWords.ParseField("budget"));

    [Fact]
    public void IsBareAction_OnlyTheWordAction() =>
        Assert.Equal([true, true, false], new[] { "Action", " action: ", "Key action" }.Select(HeadingWords.IsBareAction));
}
