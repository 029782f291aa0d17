using System.Text.RegularExpressions;
using SaferCity.Core.Dashboard;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>The actions table's rows are rendered a chunk at a time: no row is lost, repeated or moved at a chunk's edge.</summary>
public sealed class DashboardRowsTests
{
    [Fact]
    public void Render_ThemesLongerThanAChunk_EveryRowOnceInTrackerOrder()
    {
        // 250 and 101 rows: two chunks and a half, and one row past a chunk; then a theme of one.
        var actions = Enumerable.Range(1, 250).Select(i => DashboardFixtures.Action($"1.{i}", "Theme one", overdue: i % 7 == 0))
            .Concat(Enumerable.Range(1, 101).Select(i => DashboardFixtures.Action($"2.{i}", "Theme two", complete: i % 3 == 0)))
            .Append(DashboardFixtures.Action("3.1", "Theme three"))
            .ToList();
        var html = DashboardHtml.Render(DashboardFixtures.Document(actions), DashboardFixtures.Options, DashboardFixtures.NoVersions);

        var rows = Regex.Matches(html, "<tr id=\"action-([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(actions.Select(a => a.Id), rows);
        // Each theme's rows are in its own table body, which ends after its last row.
        Assert.Equal(3, Regex.Count(html, "<tbody>\n<tr id=\"action-"));
        Assert.Equal(3, Regex.Count(html, "</tr>\n</tbody></table></div>\n"));
    }
}
