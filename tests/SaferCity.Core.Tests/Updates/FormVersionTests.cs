using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

/// <summary>The form's version is the server's: only a value it sealed for the same link and item opens.</summary>
public sealed class FormVersionTests
{
    private static readonly UpdateFields Shown = new("amber", "ARC in planning.", "open", "2017-03-31");
    private readonly FormVersion versions = new(UpdateLinkSignerTests.Key);

    [Fact]
    public void Open_SealedForThisLinkAndItem_GivesTheETagAndTheValuesShown()
    {
        var opened = versions.Open(versions.Seal("link1", "11", "\"abc,3\"", Shown), "link1", "11");

        Assert.Equal(new ShownVersion("\"abc,3\"", "amber", "open", "2017-03-31", opened!.CommentHash), opened);
        Assert.True(opened.CommentWas("ARC in planning."));
        Assert.False(opened.CommentWas("Something else."));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"abc,3\"")]
    [InlineData("\"abc,3\"")]
    [InlineData("")]
    [InlineData("e30.AAAA")]
    public void Open_UnsealedValue_IsRefused(string value) => Assert.Null(versions.Open(value, "link1", "11"));

    [Theory]
    [InlineData("*")]
    [InlineData("W/\"abc,3\"")]
    public void Open_SealedStarOrWeakETag_IsRefused(string etag) =>
        Assert.Null(versions.Open(versions.Seal("link1", "11", etag, Shown), "link1", "11"));

    [Fact]
    public void Open_AnotherLinkOrItemOrKey_IsRefused()
    {
        var value = versions.Seal("link1", "11", "\"abc,3\"", Shown);

        Assert.Null(versions.Open(value, "link2", "11"));
        Assert.Null(versions.Open(value, "link1", "12"));
        Assert.Null(new FormVersion(UpdateLinkSignerTests.Key + "x").Open(value, "link1", "11"));
        Assert.Null(versions.Open(value[..^2] + (value[^2] == 'A' ? "B" : "A") + value[^1], "link1", "11"));
    }
}
