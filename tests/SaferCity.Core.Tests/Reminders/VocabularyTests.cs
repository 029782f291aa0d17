using System.Text;
using System.Text.RegularExpressions;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>
/// One vocabulary for ratings: Green "on track", Amber "at risk", Red "off track", and a mismatch named by the rating
/// it has ("overdue, but rated Amber (at risk), not Red"). The page, the CSV, the digests, the summary and the README agree.
/// </summary>
public sealed partial class VocabularyTests
{
    [GeneratedRegex(@"amber[^.\n]{0,12}on track|rated on track|rated ""on target""", RegexOptions.IgnoreCase)]
    private static partial Regex AmberOnTrack();

    [Fact]
    public void RagWords_EachRating_HasItsOwnMeaning()
    {
        Assert.Equal("Green (on track)", RagWords.Described(Rag.Green));
        Assert.Equal("Amber (at risk)", RagWords.Described(Rag.Amber));
        Assert.Equal("Red (off track)", RagWords.Described(Rag.Red));
        Assert.Equal("overdue, but rated Amber (at risk), not Red", RagWords.Mismatch(Rag.Amber));
        Assert.Equal("overdue, but rated Green (on track), not Red", RagWords.Mismatch(Rag.Green));
        Assert.Equal("overdue, and not rated", RagWords.Mismatch((Rag?)null));
        Assert.Throws<ArgumentException>(() => RagWords.Mismatch(Rag.Red));
    }

    [Fact]
    public void Sample_MismatchPhrases_AgreeAcrossPageCsvDigestsSummaryAndReadme()
    {
        // The sample's two mismatches are both Amber; 4.2 rated Green gives the other phrase too.
        var report = SampleReports.Report(SampleReports.Edit(SampleReports.Lists(), "4.2", ("RAG", "G")));
        var document = DashboardBuilder.Public(report);
        var page = DashboardHtml.Render(document, new DashboardOptions(), new Dictionary<string, string>());
        var csv = Encoding.UTF8.GetString(DashboardCsv.Render(document).Span);
        var digests = DigestPlanner.ForLeads(report).Select(d => (Digest: d, Email: DigestRenderer.Render(d, report.AsOf, null, null))).ToList();
        var summary = CoordinatorSummary.Render(report, new RemindersOptions(), document.Summary, [], null);
        var readme = File.ReadAllText(Path.Combine(RepoRoot(), "README.md"));

        var mismatched = report.Assessments.Where(a => a.RagMismatch).ToList();
        Assert.Equal(["2.5", "4.2"], mismatched.Select(a => a.Action.Number).Order());
        Assert.Equal([Rag.Green, Rag.Amber], mismatched.Select(a => a.Action.Rag!.Value).Distinct().Order()); // both phrases are exercised
        foreach (var a in mismatched)
        {
            var phrase = RagWords.Mismatch(a.Action.Rag);
            Assert.Contains(RagWords.Capitalised(phrase), page);
            Assert.Contains($"\"{phrase}\"", csv.Split("\r\n").Single(row => row.StartsWith($"{a.Action.Number},", StringComparison.Ordinal)));
            var leads = digests.Where(d => d.Digest.All.Contains(a)).ToList();
            Assert.NotEmpty(leads);
            Assert.All(leads, d => Assert.Contains($"Check the rating: {phrase}", d.Email.Text));
            Assert.All(leads, d => Assert.Contains(phrase, d.Email.Html));
        }
        Assert.Contains($"{document.Summary.RagMismatch} {RagWords.MismatchCount}", summary.Text);
        Assert.Contains(RagWords.MismatchCount, page);
        Assert.Contains("overdue, but rated Amber (at risk), not Red", readme);
        Assert.Contains("Amber (at risk)", csv);

        foreach (var (name, text) in new[]
                     { ("page", page), ("CSV", csv), ("summary", summary.Text), ("summary HTML", summary.Html), ("README", readme) }
                     .Concat(digests.SelectMany(d => new[] { (d.Digest.Lead.Name, d.Email.Text), (d.Digest.Lead.Name + " HTML", d.Email.Html) })))
        {
            Assert.False(AmberOnTrack().IsMatch(text), $"{name} calls a rating on track that is not Green: {AmberOnTrack().Match(text).Value}");
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SaferCity.Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException("The repository root (SaferCity.Functions.sln) is not above the test assembly.");
    }
}
