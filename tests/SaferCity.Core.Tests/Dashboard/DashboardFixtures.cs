using SaferCity.Core.Dashboard;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>Small hand-built dashboard documents for rendering tests.</summary>
internal static class DashboardFixtures
{
    public static readonly DashboardOptions Options = new();

    public static readonly IReadOnlyDictionary<string, string> NoVersions = new Dictionary<string, string>();

    public static DashboardAction Action(string id, string theme, string status = "open", string? rag = "green",
        IReadOnlyList<string>? leads = null, string text = "Do the thing", string comments = "", IReadOnlyList<DriftItem>? drift = null,
        bool overdue = false, bool dueSoon = false) =>
        new(id, theme, text, "2017-03-31", leads ?? ["Community Safety Team"], rag, status, overdue, overdue ? 16 : 0, dueSoon,
            overdue && rag != "red", comments, drift ?? []);

    public static DashboardDocument Document(IReadOnlyList<DashboardAction> actions, IReadOnlyList<string>? themes = null, string? driftSince = null) =>
        new(1, "2017-01-16", new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero),
            new DashboardSummary(actions.Count, actions.Count(a => a.Status == "complete"), actions.Count(a => a.Status == "open"), 0, 0, 0, 0, 0, 0),
            actions, [], [])
        {
            Themes = themes ?? actions.Select(a => a.Theme).Distinct().ToList(),
            DriftSince = driftSince,
            Trend = [new TrendPoint("2017-01-09", 1, 2, 3, 4), new TrendPoint("2017-01-16", 0, 2, 4, 5)],
        };

    public static string Render(DashboardDocument doc) => DashboardHtml.Render(doc, Options, NoVersions);
}
