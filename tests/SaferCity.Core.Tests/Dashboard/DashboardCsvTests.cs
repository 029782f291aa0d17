using System.Text;
using SaferCity.Core.Dashboard;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>
/// actions.csv's cells: formulas defused with an apostrophe, quoted only where RFC 4180 needs it or a space ends the
/// cell. The cells are written as they are made (no defused copy first): the bytes must stay what they were.
/// </summary>
public sealed class DashboardCsvTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("=SUM(A1)", "'=SUM(A1)")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("-1", "'-1")]
    [InlineData("@me", "'@me")]
    [InlineData("\ttab", "'\ttab")]
    [InlineData("\rreturn", "\"'\rreturn\"")]
    [InlineData("=a,b", "\"'=a,b\"")]
    [InlineData("=ends in space ", "\"'=ends in space \"")]
    [InlineData(" starts with space", "\" starts with space\"")]
    [InlineData("ends with space ", "\"ends with space \"")]
    [InlineData(" ", "\" \"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("=\"x\"", "\"'=\"\"x\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("café “quoted” 👮", "café “quoted” 👮")]
    public void Render_AwkwardComment_CellAsSpreadsheetsNeedIt(string comment, string cell)
    {
        var doc = DashboardFixtures.Document([DashboardFixtures.Action("1.1", "Theme", comments: comment)]);

        var csv = Encoding.UTF8.GetString(DashboardCsv.Render(doc).Span);

        var row = csv.Split("\r\n")[1];
        Assert.StartsWith("\uFEFF", csv);
        // Comments, then Last updated (none here): the row ends with the comment's cell and an empty one.
        Assert.EndsWith($",{cell},", row);
    }
}
