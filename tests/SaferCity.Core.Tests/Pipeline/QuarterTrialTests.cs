using System.Text.RegularExpressions;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;
using Xunit.Abstractions;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// A quarter of Monday digests on the sample, as a partnership lives with them: 13 weekly runs from 2 January 2017, with
/// a completion made on a Monday after the digests, a rating changed mid-week by someone else, and a lead's own update
/// through its link. What each week sent is printed (emails and words), the figures docs/reminders.md records.
/// </summary>
public sealed partial class QuarterTrialTests(ITestOutputHelper output)
{
    private static readonly DateOnly First = new(2017, 1, 2);

    private sealed record Week(DateOnly Monday, IReadOnlyList<EmailMessage> Emails, RunOutcome Outcome);

    private static async Task<(Harness Harness, List<Week> Weeks)> QuarterAsync()
    {
        var harness = Harness.ForSample();
        var weeks = new List<Week>();
        for (var i = 0; i < 13; i++)
        {
            var monday = First.AddDays(7 * i);
            await EditsBeforeAsync(harness, monday);
            harness.Email.Sent.Clear();
            var outcome = await harness.RunAsync(monday.ToString("yyyy-MM-dd"));
            weeks.Add(new Week(monday, [.. harness.Email.Sent], outcome));
        }
        return (harness, weeks);
    }

    /// <summary>The scripted edits due before this Monday's digests, each followed by a refresh run as the host would make.</summary>
    private static async Task EditsBeforeAsync(Harness harness, DateOnly monday)
    {
        if (monday == new DateOnly(2017, 1, 23))
        {
            // Monday 16 January, 10:00, after that day's digests: 3.1 completed, then the hourly refresh.
            harness.Time.SetUtcNow(new DateTimeOffset(2017, 1, 16, 10, 0, 0, TimeSpan.Zero));
            harness.Edit("3.1", item => Harness.With(item, "Comments", "Complete – delivered on Monday morning"));
            await harness.RunAsync("2017-01-16", remind: false);
        }
        if (monday == new DateOnly(2017, 2, 6))
        {
            // Wednesday 1 February: someone else rates 2.7 Red in the list.
            harness.Edit("2.7", item => Harness.With(item, "RAG", "R"));
            await harness.RunAsync("2017-02-01", remind: false);
        }
        if (monday == new DateOnly(2017, 2, 20))
        {
            // Friday 17 February: Licensing rates 2.8 Amber through its update link.
            var at = new DateTimeOffset(2017, 2, 17, 11, 0, 0, TimeSpan.Zero);
            harness.Time.SetUtcNow(at);
            harness.Edit("2.8", item => Harness.With(item, "RAG", "A"));
            var itemId = harness.Source.Tracker.Single(i => Equals(i["Title"], "2.8")).Id;
            await UpdateAudit.AppendAsync(harness.State, new AppliedUpdate(at, "link-1", "licensing", "Licensing", itemId, "2.8",
                new UpdateFields("green", "", "open", "2017-03-31"), new UpdateFields("amber", "", "open", "2017-03-31")), CancellationToken.None);
            await harness.RunAsync("2017-02-17", remind: false);
        }
    }

    private static IEnumerable<(Week Week, EmailMessage Email)> Digests(List<Week> weeks, string lead) =>
        weeks.SelectMany(w => w.Emails.Where(m => m.DigestId.EndsWith("/" + lead, StringComparison.Ordinal)).Select(m => (w, m)));

    private static IEnumerable<(Week Week, EmailMessage Email)> Summaries(List<Week> weeks) => Digests(weeks, "coordinator");

    [GeneratedRegex(@"\S+")]
    private static partial Regex Word();

    private static int Words(string text) => Word().Count(text);

    [Fact]
    public async Task Quarter_EveryChange_ReportedOnceInTheNextDigestSinceItsPredecessor()
    {
        var (_, weeks) = await QuarterAsync();
        foreach (var w in weeks)
            output.WriteLine($"{w.Monday:yyyy-MM-dd}: {w.Emails.Count} emails, {w.Emails.Sum(m => Words(m.Text))} words " +
                             $"(leads {w.Emails.Where(m => m.Tags["kind"] == "digest").Sum(m => Words(m.Text))})");

        // The weekly full list sent leads 42,505 words over this quarter (docs/digests.md): now at most half of that.
        Assert.True(weeks.Sum(w => w.Emails.Where(m => m.Tags["kind"] == "digest").Sum(m => Words(m.Text))) <= 42_505 / 2);

        // The Monday-after-07:00 completion: thanked once in each lead's next digest, and once in the summary.
        var thanked = weeks.SelectMany(w => w.Emails.Where(m => m.Text.Contains("- 3.1 completed: thank you", StringComparison.Ordinal))
            .Select(m => (w.Monday, m.DigestId))).ToList();
        Assert.Equal([(new DateOnly(2017, 1, 23), "2017-W04/community-safety-team"), (new DateOnly(2017, 1, 23), "2017-W04/city-of-london-police")],
            thanked);
        Assert.Single(Summaries(weeks), s => s.Email.Text.Contains("- 3.1: completed", StringComparison.Ordinal));
        Assert.StartsWith("Community Safety Team: 3.1 completed, thank you",
            weeks[3].Emails.Single(m => m.DigestId == "2017-W04/community-safety-team").Subject);

        // The mid-week change by someone else: once per lead, the following Monday, since each lead's previous digest.
        var changed = weeks.SelectMany(w => w.Emails
            .Where(m => m.Tags["kind"] == "digest" && m.Text.Contains("- 2.7: rating worse", StringComparison.Ordinal))
            .Select(m => (w.Monday, m))).ToList();
        Assert.Equal(2, changed.Count);
        Assert.All(changed, c => Assert.Equal(new DateOnly(2017, 2, 6), c.Monday));
        foreach (var (_, m) in changed)
        {
            var previous = Digests(weeks, m.DigestId.Split('/')[1]).Last(d => d.Week.Monday < new DateOnly(2017, 2, 6)).Week.Monday;
            Assert.Contains($"Worse: Green → Red since {previous:d MMMM yyyy}", m.Text);
        }
        Assert.Single(Summaries(weeks), s => s.Email.Text.Contains("- 2.7: rating worse", StringComparison.Ordinal));

        // The lead's own change: acknowledged once, never asked for review.
        var licensing = Digests(weeks, "licensing").ToList();
        Assert.Single(licensing, d =>
            d.Email.Text.Contains("You changed the rating to Amber (at risk) on 17 February 2017", StringComparison.Ordinal));
        Assert.DoesNotContain(licensing, d => d.Email.Text.Contains("- 2.8: rating worse", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quarter_NeverUpdatingLead_MilestoneRemindersAndTheEscalationLine()
    {
        var (_, weeks) = await QuarterAsync();

        // Trading Standards leads 3.4 alone (due 31 January) and never updates it.
        var overdue = Digests(weeks, "trading-standards").Where(d => d.Week.Monday > new DateOnly(2017, 1, 31)).ToList();
        Assert.Equal([new DateOnly(2017, 2, 6), new DateOnly(2017, 2, 20), new DateOnly(2017, 3, 6)], overdue.Select(d => d.Week.Monday));
        Assert.Equal("Trading Standards: 3.4 newly overdue", overdue[0].Email.Subject);
        Assert.Equal("Trading Standards: 3.4 escalated to the coordinator", overdue[2].Email.Subject);
        Assert.Contains("Escalated to the coordinator on 6 March 2017", overdue[2].Email.Text);
        Assert.DoesNotContain("Escalated", overdue[1].Email.Text);

        // London Ambulance Service leads 2.5 alone, overdue from 1 January: 3 to 5 digests in the first 9 weeks.
        var ambulance = Digests(weeks, "london-ambulance-service").Where(d => d.Week.Monday <= First.AddDays(7 * 8)).ToList();
        Assert.InRange(ambulance.Count, 3, 5);
        Assert.Single(ambulance, d => d.Email.Text.Contains("Escalated to the coordinator on 30 January 2017", StringComparison.Ordinal)
                                      && d.Email.Subject == "London Ambulance Service: 2.5 escalated to the coordinator");
    }

    [Fact]
    public async Task Quarter_EveryOverdueAction_ReachesEachLeadAtLeastEvery28Days()
    {
        var (_, weeks) = await QuarterAsync();

        var lastTold = new Dictionary<(string Lead, string Action), DateOnly>();
        foreach (var w in weeks)
        {
            foreach (var m in w.Emails.Where(m => m.Tags["kind"] == "digest"))
                foreach (var number in m.Tags["actions"].Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    lastTold[(m.Tags["digest"], number)] = w.Monday;
            var report = w.Outcome.Report!;
            foreach (var a in report.Assessments.Where(a => a.Overdue))
            {
                foreach (var lead in report.Directory.Leads.Where(l => l.Emails.Count > 0 && a.Action.Leads.Contains(l.Name)))
                {
                    Assert.True(lastTold.TryGetValue((lead.Key, a.Action.Number), out var told), $"{a.Action.Number} never reached {lead.Name}");
                    Assert.True(w.Monday.DayNumber - told.DayNumber <= 28, $"{a.Action.Number} last reached {lead.Name} on {told}, {w.Monday}");
                }
            }
        }
    }

    [Fact]
    public async Task Quarter_Week13Summary_Under800WordsCountingEveryOverdueAction()
    {
        var (_, weeks) = await QuarterAsync();

        var last = weeks[^1];
        var summary = last.Emails.Single(m => m.Tags["kind"] == "coordinator").Text;
        var report = last.Outcome.Report!;
        var overdue = report.Assessments.Where(a => a.Overdue).ToList();
        Assert.True(Words(summary) < 800, $"{Words(summary)} words");
        Assert.Contains($"; {overdue.Count} overdue, ", summary);
        // Each overdue action is either a new escalation, listed in full, or counted under each of its leads.
        var listed = overdue.Where(a => summary.Contains($"- {a.Action.Number}: ", StringComparison.Ordinal)).ToList();
        foreach (var lead in overdue.SelectMany(a => a.Action.Leads).Distinct())
        {
            var count = overdue.Except(listed).Count(a => a.Action.Leads.Contains(lead));
            if (count > 0) Assert.Contains($"- {lead}: {count} overdue", summary);
        }
        // Problems on completed actions (the sample's 1.3 and 4.1) are never reported.
        Assert.DoesNotContain(Summaries(weeks), s => s.Email.Text.Contains("1.3: lead missing", StringComparison.Ordinal));
        Assert.DoesNotContain(Summaries(weeks), s => s.Email.Text.Contains("4.1: lead unknown", StringComparison.Ordinal));
    }
}
