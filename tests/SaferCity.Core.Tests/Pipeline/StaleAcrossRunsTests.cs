using System.Text;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;
using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// lastUpdated and the stale flag across runs with the injected clock. Every sample item says it was last modified on
/// 13 January 2017 at 16:30; the default stale period is 42 days.
/// </summary>
public class StaleAcrossRunsTests
{
    private static DashboardAction Published(Harness harness, string id) => harness.PublishedDashboard().Actions.Single(a => a.Id == id);

    private static string Html(Harness harness) => Encoding.UTF8.GetString(harness.Site.Files["index.html"].Content.Span);

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Two open actions of the sample, after a first run as of 16 January 2017.</summary>
    private static async Task<(Harness Harness, string First, string Second)> SampleAfterJanuaryAsync()
    {
        var harness = Harness.ForSample();
        await harness.RunAsync("2017-01-16", remind: false);
        var open = harness.PublishedDashboard().Actions.Where(a => a.Status == "open").Select(a => a.Id).ToList();
        return (harness, open[0], open[1]);
    }

    [Theory]
    [InlineData("2017-02-25", true)]  // 43 days after 13 January
    [InlineData("2017-02-24", false)] // 42 days
    [InlineData("2017-02-23", false)] // 41 days
    public async Task RunAsync_UntouchedSinceLastModified_StaleOnlyPastStaleAfterDays(string day, bool stale)
    {
        var (harness, _, _) = await SampleAfterJanuaryAsync();

        await harness.RunAsync(day, remind: false);

        var doc = harness.PublishedDashboard();
        var open = doc.Actions.Where(a => a.Status == "open").ToList();
        Assert.All(open, a => Assert.Equal(("2017-01-13", stale), (a.LastUpdated, a.Stale)));
        Assert.Equal(stale ? open.Count : 0, doc.Summary.Stale);
    }

    /// <summary>The "done when": run on 16 January and again, unchanged but for one comment, on 6 March.</summary>
    [Fact]
    public async Task RunAsync_JanuaryThenMarch_FlagsEveryOpenActionButTheOneCommentedOn27February()
    {
        var (harness, commented, _) = await SampleAfterJanuaryAsync();
        harness.Edit(commented, item =>
            Harness.With(item, "Comments", "Visits done; report due in April") with { LastModified = At("2017-02-27T10:15:00Z") });
        harness.Email.Sent.Clear();

        await harness.RunAsync("2017-03-06");

        var doc = harness.PublishedDashboard();
        Assert.Equal(("2017-02-27", false), (Published(harness, commented).LastUpdated, Published(harness, commented).Stale));
        var others = doc.Actions.Where(a => a.Status == "open" && a.Id != commented).ToList();
        Assert.All(others, a => Assert.True(a.Stale, a.Id));
        Assert.Equal(others.Count, doc.Summary.Stale);

        var html = Html(harness);
        Assert.Contains("Last updated 27 February 2017", html);
        Assert.Equal(others.Count, html.Split("data-stale=\"\"").Length - 1);
        Assert.Contains("<li data-summary=\"stale\"><span class=\"summary-card__value\">" + others.Count +
            "</span> <span>not updated in 6 weeks</span></li>", html);

        var digests = harness.Email.Sent.Where(m => m.Tags["kind"] == "digest").ToList();
        Assert.Contains(digests, m => m.Text.Contains("  No update since 13 January 2017", StringComparison.Ordinal));
        Assert.DoesNotContain(digests, m => m.Text.Contains($"- {commented}:", StringComparison.Ordinal) &&
                                            m.Text.Contains("No update since 27 February", StringComparison.Ordinal));
        var summary = harness.Email.Sent.Single(m => m.Tags["kind"] == "coordinator");
        Assert.Contains($"NOT UPDATED IN 6 WEEKS: {others.Count} ACTIONS, BY LEAD", summary.Text);
    }

    [Fact]
    public async Task RunAsync_CommentChangedInWeek5_ClearsTheFlag_ThemeChangeDoesNot_AndNeitherIsDrift()
    {
        var (harness, commented, renamed) = await SampleAfterJanuaryAsync();
        // Edited in the list without its modified date moving on: dated by the run that first sees it.
        harness.Edit(commented, item => Harness.With(item, "Comments", "New venue agreed"));
        harness.Edit(renamed, item =>
            Harness.With(item, "Theme", "1. Violence against the person (renamed)") with { LastModified = At("2017-01-27T09:00:00Z") });

        var week5 = await harness.RunAsync("2017-01-30", remind: false);
        Assert.Empty(Published(harness, commented).Drift);
        Assert.Empty(Published(harness, renamed).Drift);
        Assert.Empty(AtomFeed.Entries(week5.Report!.History, new DateOnly(2017, 1, 30)));

        await harness.RunAsync("2017-03-06", remind: false);

        Assert.Equal(("2017-01-30", false), (Published(harness, commented).LastUpdated, Published(harness, commented).Stale));
        Assert.Equal(("2017-01-13", true), (Published(harness, renamed).LastUpdated, Published(harness, renamed).Stale));
    }

    [Fact]
    public async Task RunAsync_UpdateThroughLink_CountsOnTheDayItWasMade()
    {
        var (harness, updated, _) = await SampleAfterJanuaryAsync();
        var item = harness.Source.Tracker.Single(i => Equals(i["Title"], updated));
        await UpdateAudit.AppendAsync(harness.State, new AppliedUpdate(At("2017-01-25T15:00:00Z"), "link-1", "lead/1", "Community Safety Team",
            item.Id, updated, new UpdateFields("green", "old", "open", null),
            new UpdateFields("amber", "Delayed by the venue", "open", null)), CancellationToken.None);
        // The list's own date moved on later (an admin renamed the theme), so only the audit knows the update's day.
        harness.Edit(updated, i =>
            Harness.With(Harness.With(i, "Comments", "Delayed by the venue"), "RAG", "A") with { LastModified = At("2017-02-20T11:00:00Z") });

        await harness.RunAsync("2017-03-06", remind: false);
        Assert.Equal(("2017-01-25", false), (Published(harness, updated).LastUpdated, Published(harness, updated).Stale));
        await harness.RunAsync("2017-03-09", remind: false);
        Assert.Equal(("2017-01-25", true), (Published(harness, updated).LastUpdated, Published(harness, updated).Stale));
    }

    [Fact]
    public async Task RunAsync_CompleteAndHiddenActions_AreNeverFlaggedInPublic()
    {
        var (harness, hidden, _) = await SampleAfterJanuaryAsync();
        harness.Edit(hidden, i => Harness.With(i, "HideFromDashboard", true));

        var outcome = await harness.RunAsync("2017-03-06", remind: false);

        var doc = harness.PublishedDashboard();
        Assert.DoesNotContain(doc.Actions, a => a.Id == hidden);
        Assert.All(doc.Actions.Where(a => a.Status == "complete"), a => Assert.False(a.Stale, a.Id));
        Assert.Equal(doc.Actions.Count(a => a.Status == "open"), doc.Summary.Stale);
        Assert.All(outcome.Report!.Assessments.Where(a => a.Action.Complete), a => Assert.False(a.Stale));
    }

    [Fact]
    public async Task RunAsync_UpdatedWhileHidden_PublicDateIsTheDayItWasShownAgain()
    {
        var harness = new Harness([Items.Action("1.1", deadline: "December 2017", hidden: true) with { LastModified = At("2017-01-13T16:30:00Z") }]);
        await harness.RunAsync("2017-01-16", remind: false);
        harness.Edit("1.1", i => Harness.With(i, "Comments", "Reviewed in private"));
        await harness.RunAsync("2017-01-23", remind: false);
        harness.Edit("1.1", i => Harness.With(i, "HideFromDashboard", false));

        var shown = await harness.RunAsync("2017-01-30", remind: false);

        Assert.Equal(new DateOnly(2017, 1, 23), shown.Report!.Assessments.Single().LastUpdated); // its leads know the real day
        Assert.Equal("2017-01-30", Published(harness, "1.1").LastUpdated);
    }

    [Fact]
    public async Task RunAsync_FirstRun_ReadsLastModifiedDateTime_OrTheAsOfDayWithoutOne()
    {
        var harness = Harness.ForSample();
        harness.Source.Tracker.Add(Items.Action("7.1", deadline: "December 2017")); // no lastModifiedDateTime

        await harness.RunAsync("2017-03-06", remind: false);

        Assert.Equal(("2017-01-13", true), (Published(harness, "1.6").LastUpdated, Published(harness, "1.6").Stale));
        Assert.Equal(("2017-03-06", false), (Published(harness, "7.1").LastUpdated, Published(harness, "7.1").Stale));
    }

    [Fact]
    public async Task RunAsync_StaleAfterDaysZero_FlagsNothing()
    {
        var harness = Harness.ForSample();
        harness.Reminders.StaleAfterDays = 0;

        await harness.RunAsync("2017-03-06");

        var doc = harness.PublishedDashboard();
        Assert.Equal(0, doc.Summary.Stale);
        Assert.DoesNotContain(doc.Actions, a => a.Stale);
        Assert.Equal("2017-01-13", Published(harness, "1.6").LastUpdated);
        Assert.DoesNotContain("data-summary=\"stale\"", Html(harness));
        Assert.DoesNotContain(harness.Email.Sent, m => m.Text.Contains("No update since", StringComparison.Ordinal) ||
                                                      m.Text.Contains("NOT UPDATED", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RunAsync_LeadWhoseOnlyActionIsStale_GetsANeedsAnUpdateDigest()
    {
        var harness = new Harness([Items.Action("1.1", deadline: "December 2017") with { LastModified = At("2017-01-13T16:30:00Z") }]);
        await harness.RunAsync("2017-01-16");
        Assert.DoesNotContain(harness.Email.Sent, m => m.Tags["kind"] == "digest");

        await harness.RunAsync("2017-03-06");
        await harness.RunAsync("2017-03-07"); // a rerun in the same week sends nothing more

        var digest = Assert.Single(harness.Email.Sent, m => m.Tags["kind"] == "digest");
        Assert.Contains("NEEDS AN UPDATE (1)", digest.Text);
        Assert.Contains("- 1.1: needs an update", digest.Text);
        Assert.Contains("  No update since 13 January 2017", digest.Text);
        Assert.Contains(">Needs an update (1)</h2>", digest.Html);
    }
}
