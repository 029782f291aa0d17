using SaferCity.Core.Model;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

public class RagAndCompletionTests
{
    [Theory]
    [InlineData("G", Rag.Green)]
    [InlineData("g", Rag.Green)]
    [InlineData("Green", Rag.Green)]
    [InlineData("GREEN", Rag.Green)]
    [InlineData(" A ", Rag.Amber)]
    [InlineData("amber", Rag.Amber)]
    [InlineData("R", Rag.Red)]
    [InlineData("Red", Rag.Red)]
    public void RagParse_AnyCaseLetterOrWord_Reads(string text, Rag expected) => Assert.Equal(expected, RagParser.Parse(text));

    [Theory]
    [InlineData("Blue")]
    [InlineData("GA")]
    [InlineData("")]
    [InlineData(null)]
    public void RagParse_Unknown_ReturnsNull(string? text) => Assert.Null(RagParser.Parse(text));

    [Theory]
    [InlineData("Complete")]
    [InlineData("Complete – the strategy underwent consultation")]
    [InlineData("Complete - Safety Thirst Awards delivered")]
    [InlineData("Complete: as above")]
    [InlineData("complete -as above")]
    [InlineData("  Complete")]
    [InlineData("Complete-x")] // no space after the dash: the dash alone ends the word
    [InlineData("Complete\u2013x")] // en dash, no space
    [InlineData("Complete:x")]
    public void IsComplete_CommentStartingWithComplete_IsComplete(string comment) =>
        Assert.True(Completion.IsComplete(null, comment));

    [Theory]
    [InlineData("Completed phase one, phase two next")]
    [InlineData("Incomplete – awaiting data")]
    [InlineData("Progressing – not yet complete")]
    [InlineData("Completeness review under way")]
    [InlineData("Completex")]
    [InlineData("Complete_x")]
    [InlineData("")]
    [InlineData(null)]
    public void IsComplete_OtherComments_IsOpen(string? comment) => Assert.False(Completion.IsComplete(null, comment));

    [Theory]
    [InlineData("Complete", null, true)]
    [InlineData("Completed", "Progressing", true)]
    [InlineData("completed", null, true)]
    [InlineData("In progress", "Complete – but the status says otherwise", false)]
    [InlineData("Open", "Complete", false)]
    public void IsComplete_StatusColumn_Wins(string status, string? comment, bool expected) =>
        Assert.Equal(expected, Completion.IsComplete(status, comment));
}

public sealed class BragAndStatusWordsTests
{
    [Theory]
    [InlineData("Blue", true)]
    [InlineData(" b ", true)]
    [InlineData("Green", false)]
    [InlineData(null, false)]
    public void IsBlue_BragBlue_MeansComplete(string? text, bool expected) => Assert.Equal(expected, RagParser.IsBlue(text));

    [Theory]
    [InlineData("Closed")]
    [InlineData("Done")]
    [InlineData("completed.")]
    public void IsComplete_StatusWordsForDone_IsComplete(string status) => Assert.True(Completion.IsComplete(status, null));

    [Fact]
    public void IsComplete_StatusInProgress_NotComplete() => Assert.False(Completion.IsComplete("In progress", "Complete – but status says not"));
}
