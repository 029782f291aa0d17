using SaferCity.Core.Dashboard;
using SaferCity.Core.History;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>Small hand-built public models for rendering tests.</summary>
internal static class DashboardFixtures
{
    public static readonly DashboardOptions Options = new();

    public static readonly IReadOnlyDictionary<string, string> NoVersions = new Dictionary<string, string>();

    public static readonly DateOnly Deadline = new(2017, 3, 31);

    public static PublicAction Action(string id, string theme, bool complete = false, Rag? rag = Rag.Green,
        IReadOnlyList<string>? leads = null, string text = "Do the thing", string comments = "", IReadOnlyList<DriftChange>? drift = null,
        bool overdue = false, bool dueSoon = false) =>
        new(id, theme, text, Deadline, leads ?? ["Community Safety Team"], rag, complete, overdue, overdue ? 16 : 0, dueSoon,
            overdue && rag != Rag.Red, comments, drift ?? []);

    public static PublicDashboard Document(IReadOnlyList<PublicAction> actions, IReadOnlyList<string>? themes = null,
        DateOnly? driftSince = null) =>
        new(new DateOnly(2017, 1, 16), new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero),
            new DashboardSummary(actions.Count, actions.Count(a => a.Complete), actions.Count(a => a.Open), 0, 0, 0, 0, 0, 0),
            actions, [], [])
        {
            Themes = themes ?? actions.Select(a => a.Theme).Distinct().ToList(),
            DriftSince = driftSince,
            Trend =
            [
                new TrendDay(new DateOnly(2017, 1, 9), new RagCounts(1, 2, 3, 4)),
                new TrendDay(new DateOnly(2017, 1, 16), new RagCounts(0, 2, 4, 5)),
            ],
        };

    public static string Render(PublicDashboard doc) => DashboardHtml.Render(doc, Options, NoVersions);
}
