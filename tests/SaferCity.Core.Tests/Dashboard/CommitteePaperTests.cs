using System.Text;
using System.Text.RegularExpressions;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;
using SaferCity.Core.Html;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reading;
using SaferCity.Core.Rules;
using SaferCity.Core.Tests.Support;
using SaferCity.Synthetic;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>The committee paper stays printable at any size: capped like the page, with a pointer to the CSV for the rest.</summary>
public sealed class CommitteePaperTests
{
    private static readonly DateOnly LastWeek = new(2017, 1, 9);
    private static readonly DateOnly AsOf = new(2017, 1, 16);

    /// <summary>Two weekly runs over a synthetic plan; the second week's tracker differs in almost every action.</summary>
    private static (PublicDashboard Doc, TrackerHistory History) TwoWeeks(int actions, Func<string, string>? longer = null,
        string? leadCell = null)
    {
        var reminders = new RemindersOptions { Coordinator = "coordinator@example.gov.uk" };
        var history = TrackerHistory.Empty;
        RunReport report = null!;
        foreach (var (day, seed) in new[] { (LastWeek, 2018), (AsOf, 2017) })
        {
            var generated = SyntheticTracker.Generate(actions, seed: seed);
            var tracker = ListItemJson.Parse(generated.TrackerJson);
            if (longer is not null)
                tracker = tracker.Select(i => Harness.With(i, "KeyAction", longer((string)i["KeyAction"]!))).ToList();
            if (leadCell is not null) tracker = tracker.Select(i => Harness.With(i, "LeadService", leadCell)).ToList();
            var parsed = new TrackerParser().Parse(new TrackerLists(tracker, ListItemJson.Parse(generated.LeadsJson)));
            var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero);
            report = RunReport.Build(day, at, parsed, history, reminders, new DriftOptions());
            history = history.Record(report.Snapshot(), report.PublicCounts());
        }
        return (DashboardBuilder.Public(report with { History = history }), history);
    }

    private static string Render(PublicDashboard doc, TrackerHistory history) =>
        CommitteePaper.Render(doc, history, DashboardFixtures.Options, DashboardFixtures.NoVersions);

    [Fact]
    [Trait(Cost.Category, Cost.Scale)]
    public void Render_LargePlan_MostUrgentOpenUpToThePapersCapAndHowManyMoreInTheCsv()
    {
        var (doc, history) = TwoWeeks(20_000);
        var html = Render(doc, history);

        // The paper's caps are its own, below the page's: a paper the committee reads, that prints in seconds.
        Assert.True(CommitteePaper.MaxOpenActions < DashboardHtml.MaxRows && CommitteePaper.MaxChanges < DashboardHtml.MaxRows);
        var open = doc.Summary.Open;
        Assert.True(open > CommitteePaper.MaxOpenActions);
        var cap = CommitteePaper.MaxOpenActions;
        Assert.Contains($"This plan has {open:N0} open actions; this paper lists the {cap:N0} most urgent " +
            $"(overdue first, then due soon). The other {open - cap:N0} are in actions.csv", html, StringComparison.Ordinal);
        Assert.Equal(CommitteePaper.MaxOpenActions, Regex.Count(html, "<tr><th scope=\"row\">"));
        // The most overdue open action is among them; a not-overdue one is not, as there are more overdue ones than fit.
        var mostOverdue = doc.Actions.Where(a => a.Open).MaxBy(a => a.DaysOverdue)!;
        Assert.Contains($"<tr><th scope=\"row\">{mostOverdue.Id}</th>", html, StringComparison.Ordinal);
        var notOverdue = doc.Actions.First(a => a.Open && !a.Overdue);
        Assert.DoesNotContain($"<tr><th scope=\"row\">{notOverdue.Id}</th>", html, StringComparison.Ordinal);
        // Changes are capped too, and the week says exactly how many it leaves out.
        var week = AtomFeed.Entries(history, AsOf).Single();
        Assert.Equal(CommitteePaper.MaxChanges, Regex.Count(html, "<li>Action "));
        Assert.Contains($"{week.Changes.Count - CommitteePaper.MaxChanges:N0} more changes on this day are not listed here", html,
            StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(html) < 2_000_000, $"{Encoding.UTF8.GetByteCount(html):N0} bytes");
    }

    [Fact]
    public void Render_Changes_EachNamesItsActionsKeyAction()
    {
        var (doc, history) = TwoWeeks(200);
        var html = Render(doc, history);

        // Only the actions a change names are looked up: each listed change still carries its own key action.
        var named = Regex.Matches(html, "<li>Action ([0-9.]+): ").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(named);
        foreach (var id in named.Distinct())
        {
            var text = doc.Actions.Single(a => a.Id == id).Text;
            Assert.Contains($"<li>Action {id}: {HtmlWriter.Encoder.Encode(text[..Math.Min(40, text.Length)])}", html,
                StringComparison.Ordinal);
        }
    }

    [Fact]
    [Trait(Cost.Category, Cost.Scale)]
    public void Render_LongTexts_StaysUnderTwoMegabytes()
    {
        var (doc, history) = TwoWeeks(3_000, text => string.Concat(Enumerable.Repeat(text + " & ", 40)));
        var html = Render(doc, history);

        var bytes = Encoding.UTF8.GetByteCount(html);
        Assert.True(bytes < 2_000_000, $"{bytes:N0} bytes");
        // Key actions are cut as the feed cuts them (a dozen rows a printed page), and the paper says where they are in full.
        Assert.Contains(CommitteePaper.ShortenedNote, html, StringComparison.Ordinal);
        var keyActions = Regex.Matches(html, "<tr><th scope=\"row\">[^<]*</th><td>([^<]*)</td>").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(keyActions);
        Assert.All(keyActions, text => Assert.True(System.Net.WebUtility.HtmlDecode(text).Length <= 141, text));
    }

    [Fact]
    [Trait(Cost.Category, Cost.Scale)]
    public void Render_TextsThatEncodeLongAndWideCharacters_StaysUnderTwoMegabytes()
    {
        // Quotes take six bytes each once encoded and these characters three in UTF-8: the budgets count bytes, not characters.
        var (doc, history) = TwoWeeks(3_000, _ => new string('"', 200) + string.Concat(Enumerable.Repeat("安全", 100)));
        var html = Render(doc, history);

        var bytes = Encoding.UTF8.GetByteCount(html);
        Assert.True(bytes < 2_000_000, $"{bytes:N0} bytes");
        Assert.Contains("&quot;&quot;&quot;", html, StringComparison.Ordinal);
        Assert.Matches(@"The other [\d,]+ are in actions\.csv", html);
    }

    [Fact]
    [Trait(Cost.Category, Cost.Scale)]
    public void Render_RowsTooLargeForTheirCount_StopsAtTheByteBudgetAndCountsTheRestInTheCsv()
    {
        // Key actions and lead cells at their cuts, all quotes (six bytes each once encoded): 500 such rows and the week's
        // changes would pass 2 MB, so the paper stops at its budget, short of its 500 rows, and says how many more.
        var (doc, history) = TwoWeeks(3_000, _ => new string('"', 400), leadCell: new string('"', 400));
        var html = Render(doc, history);

        Assert.True(Encoding.UTF8.GetByteCount(html) < 2_000_000, $"{Encoding.UTF8.GetByteCount(html):N0} bytes");
        var rows = Regex.Count(html, "<tr><th scope=\"row\">");
        Assert.InRange(rows, 1, CommitteePaper.MaxOpenActions - 1);
        var rest = (doc.Summary.Open - rows).ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains($"The other {rest} are in actions.csv", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SmallPlan_ListsEveryOpenActionWithoutANotice()
    {
        var (doc, history) = TwoWeeks(200);
        var html = Render(doc, history);

        Assert.Equal(doc.Summary.Open, Regex.Count(html, "<tr><th scope=\"row\">"));
        Assert.DoesNotContain("most urgent", html, StringComparison.Ordinal);
        Assert.DoesNotContain("not listed here", html, StringComparison.Ordinal);
        // A plan that fits the paper keeps its key actions as written (cut only past 300 characters).
        Assert.DoesNotContain(CommitteePaper.ShortenedNote, html, StringComparison.Ordinal);
        var longest = doc.Actions.Where(a => a.Open && a.Text.Length is > 141 and <= CommitteePaper.CellLength).MaxBy(a => a.Text.Length)!;
        Assert.Contains($"<td>{longest.Text}</td>", html, StringComparison.Ordinal); // synthetic texts are words: nothing to encode
    }
}
