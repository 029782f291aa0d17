using SaferCity.Core.Reminders;

namespace SaferCity.Core.Tests.Reminders;

public sealed class EmailTextTests
{
    [Theory]
    [InlineData("Review the protocol; report to partners (Q3).", "Review the protocol; report to partners (Q3).")]
    [InlineData("  two\r\nlines\tand  gaps  ", "two lines and gaps")]
    [InlineData("Mungo’s café 🚓 done", "Mungo’s café 🚓 done")]          // non-ASCII and a surrogate pair kept whole
    [InlineData("safe\u202Edesrever", "safedesrever")]                 // a bidi override dropped
    [InlineData("bell\u0007ring", "bell ring")]
    public void Line_Text_OneLineAsShown(string text, string expected) => Assert.Equal(expected, EmailText.Line(text));

    [Fact]
    public void Line_LoneSurrogate_Replaced() =>
        // Built at run time: an attribute argument cannot carry invalid UTF-16.
        Assert.Equal("lone \uFFFD surrogate", EmailText.Line("lone " + (char)0xD800 + " surrogate"));

    [Fact]
    public void Line_AlreadyOneLine_ReturnedWithoutACopy()
    {
        var text = "Deliver the night time economy awareness campaign with partners.";

        Assert.Same(text, EmailText.Line(text));
    }
}
