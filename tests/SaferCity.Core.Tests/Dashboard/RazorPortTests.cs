using SaferCity.Core.Dashboard;
using SaferCity.Core.Reading;
using SaferCity.Core.Tests.Reminders;
using SaferCity.Core.Updates;
using SaferCity.Synthetic;
using static SaferCity.Core.Tests.Dashboard.DashboardFixtures;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>The Razor pages write the very bytes the HtmlWriter pages wrote, whatever the data and settings.</summary>
public sealed class RazorPortTests
{
    private static readonly DashboardOptions EverySetting = new()
    {
        Title = "Safer City <Partnership> & 'friends' + \"others\"",
        PublicUrl = "https://example.gov.uk/scp/",
        Indexable = false,
        ContactUrl = "https://example.gov.uk/contact?a=1&b=2",
        Privacy = { NoticeUrl = "https://example.gov.uk/privacy" },
    };

    private static readonly Dictionary<string, string> Versions = new() { ["assets/site.css"] = "abc", ["assets/preview.png"] = "def" };

    public static TheoryData<string> Documents() => ["sample", "sample-week", "synthetic-cap", "synthetic-large", "hostile", "churn"];

    [Theory]
    [MemberData(nameof(Documents))]
    public void Render_RazorPage_SameBytesAsHtmlWriter(string name)
    {
        var doc = Build(name);
        foreach (var (options, versions) in new[] { (new DashboardOptions(), NoVersions), (EverySetting, Versions) })
        {
            var expected = DashboardHtml.RenderWithWriter(doc, options, versions);
            var actual = DashboardHtml.Render(doc, options, versions);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Form_RazorPage_SameBytesAsHtmlWriter()
    {
        const string Hostile = "<b>\"x\"</b> & 'y' + é’…\U0001F6A8\nline";
        var plain = new FormModel("tok+/=", "17", "v1", "2.5", "Explore " + Hostile, "31 December 2016", "Amber (at risk)", Hostile, "Licensing",
            new DateTimeOffset(2017, 2, 13, 7, 0, 0, TimeSpan.Zero), new UpdateFields("amber", Hostile, "open", "2016-12-31"),
            new DateParts("31", "12", "2016"));
        var conflict = plain with
        {
            Values = new UpdateFields(null, "", "complete", null),
            DeadlineParts = new DateParts("", "13", "x"),
            Changed = new Dictionary<string, string> { ["rag"] = "Red " + Hostile, ["deadline"] = "1 March 2017", ["comment"] = Hostile },
        };
        FormError[] errors =
        [
            new("rag", "Choose a RAG rating"), new("deadline", "Deadline must be a real date", ["month", "year"]),
            new("comment", "Comment " + Hostile), new("status", "conflict", Link: "rag"),
        ];
        foreach (var context in new[]
        {
            new PageContext("Safer City <P>", "the coordinator", "mailto:c@example.gov.uk", "c@example.gov.uk", "https://example.gov.uk/d"),
            new PageContext("P & Q", "Ann 'Co'", null, null, null),
        })
        {
            foreach (var (model, errs, note) in new[] { (plain, Array.Empty<FormError>(), (string?)null), (conflict, errors, "Someone " + Hostile) })
                Assert.Equal(UpdatePages.FormWithWriter(context, model, errs, note), UpdatePages.Form(context, model, errs, note));
        }
    }

    private static PublicDashboard Build(string name) => name switch
    {
        "sample" => DashboardBuilder.Public(SampleReports.Report()),
        "sample-week" => DashboardBuilder.Public(SampleReports.WithWeekOfHistory(SampleReports.Lists(),
            SampleReports.Edit(SampleReports.Lists(), "2.5", ("RAG", "R")))) with { Removed = ["9.9"] },
        "synthetic-cap" => Synthetic(DashboardHtml.MaxRows) with { DriftSince = new DateOnly(2017, 1, 9) },
        "synthetic-large" => Synthetic(DashboardHtml.MaxRows * 2),
        "hostile" => Document(new[] { "<b>x</b>", "\" onmouseover=\"a'+b", "é’…\U0001F6A8" }.Select(
            (p, i) => Action($"{i}.{p}", p, leads: [p, p],
            text: p, comments: p, overdue: i == 1, dueSoon: i == 2, rag: i == 0 ? null : Rag.Amber, complete: i == 2,
            drift: [DriftChange.Rating(Rag.Green, Rag.Amber), new DriftChange(DriftKind.Completed)]) with
            {
                Stale = i == 1,
                LastUpdated = new DateOnly(2016, 12, 1),
                History =
                [
                    new PublicState(new DateOnly(2017, 1, 9), Rag.Green, null, false),
                    new PublicState(new DateOnly(2017, 1, 16), null, Deadline, true),
                ],
            }).ToList(), driftSince: new DateOnly(2017, 1, 9)) with
        {
            StaleAfterDays = 42,
            DataQuality = [new Finding("<1>", "lead", "unknown", "<v>"), new Finding("2", "rag", "missing", null)],
            Removed = ["<r>", "1.1"],
        },
        "churn" => Document(Enumerable.Range(1, 5000).Select(i => Action($"1.{i}", "T", complete: true,
            drift: [new DriftChange(DriftKind.Completed)], text: $"Done {i} <&> {new string('x', i % 3000)}")).ToList(),
            driftSince: new DateOnly(2017, 1, 9)),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    private static PublicDashboard Synthetic(int actions)
    {
        var generated = SyntheticTracker.Generate(actions);
        var lists = new TrackerLists(ListItemJson.Parse(generated.TrackerJson), ListItemJson.Parse(generated.LeadsJson));
        return DashboardBuilder.Public(SampleReports.Report(lists));
    }
}
