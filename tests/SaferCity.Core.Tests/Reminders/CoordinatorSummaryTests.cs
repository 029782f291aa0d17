using SaferCity.Core.Reminders;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Tests.Reminders;

public sealed class CoordinatorSummaryTests
{
    private const string Url = "https://safercity.example.org/";

    private static string Text(RunReport report, RemindersOptions? options = null, IReadOnlyList<string>? notes = null) =>
        CoordinatorSummary.Render(report, options ?? new RemindersOptions(), SampleReports.Figures(report), notes ?? [], Url).Text;

    [Fact]
    public void Render_Sample_StatesTheTotals()
    {
        var text = Text(SampleReports.Report());

        Assert.Contains("42 actions: 15 complete, 27 open (0 red, 7 amber, 20 green); 2 overdue, 6 due soon, 2 overdue, but not rated Red.", text);
        // Exceptions only: the overdue counted per lead, the due soon in the figures, never as blocks.
        // 4.2 is under escalations, and not repeated: 2.5 is the other overdue action, counted under each of its three leads.
        Assert.Contains("OTHER OVERDUE ACTIONS, BY LEAD (EACH ONE IS ON THE DASHBOARD) (3)", text);
        Assert.Contains("- City of London Police: 1 overdue\n", text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("DUE SOON (", text);
        Assert.Contains($"Dashboard: {Url}", text);
        Assert.Contains("coordinator", text.Split('\n').Last(l => l.Length > 0));
    }

    [Fact]
    public void Render_Sample_EscalatesOnlyWhatIsOverdueByMoreThanTheSetting()
    {
        var text = Text(SampleReports.Report());

        Assert.Contains("ESCALATIONS (OVERDUE BY MORE THAN 28 DAYS) (1)", text);
        Assert.Contains("- 4.2: 47 days overdue; leads: Housing, City of London Police, Licensing, Community Safety Team", text);
        Assert.DoesNotContain("- 2.5: 16 days overdue", text);
    }

    [Fact]
    public void Render_LowerEscalationThreshold_EscalatesBothMostOverdueFirst()
    {
        var options = new RemindersOptions { EscalateAfterDays = 10 };
        var text = Text(SampleReports.Report(options: options), options);

        Assert.Contains("ESCALATIONS (OVERDUE BY MORE THAN 10 DAYS) (2)", text);
        Assert.True(text.IndexOf("- 4.2: 47 days overdue", StringComparison.Ordinal)
            < text.IndexOf("- 2.5: 16 days overdue", StringComparison.Ordinal));
        Assert.Contains("- 2.5: 16 days overdue; leads: Community Safety Team, London Ambulance Service, City of London Police", text);
    }

    [Fact]
    public void Render_OpenActionsNoLeadCanBeFoundFor_ListedAsUnrouted()
    {
        var lists = SampleReports.Edit(SampleReports.Lists(), "3.6", ("LeadService", "Neighbourhood Watch"));
        lists = SampleReports.Edit(lists, "5.2", ("LeadService", null));

        var text = Text(SampleReports.Report(lists));

        Assert.Contains("ACTIONS NO LEAD COULD BE FOUND FOR (2)", text);
        Assert.Contains("- 3.6: no reachable lead for \"Neighbourhood Watch\"", text);
        Assert.Contains("- 5.2: no lead named", text);
    }

    [Fact]
    public void Render_SampleProblemsOnCompletedActions_NotReported()
    {
        var text = Text(SampleReports.Report());

        // 1.3 and 4.1 are complete: nobody needs to fix the lead of finished work.
        Assert.DoesNotContain("DATA PROBLEMS IN THE LISTS", text);
        Assert.DoesNotContain("1.3: lead missing", text);
    }

    [Fact]
    public void Render_ProblemOnAnOpenAction_ListedThenCountedOnceTold()
    {
        var lists = SampleReports.Edit(SampleReports.Lists(), "3.6", ("LeadService", "TS"));
        var report = SampleReports.Report(lists);
        var first = Text(report);

        var told = new PreviousSummary(new DateOnly(2017, 1, 9), CoordinatorSummary.CurrentProblems(report));
        var next = CoordinatorSummary.Render(report, new RemindersOptions(), SampleReports.Figures(report), [], Url, previous: told).Text;

        Assert.Contains("DATA PROBLEMS IN THE LISTS (1)", first);
        Assert.Contains("- 3.6: lead unknown (\"TS\"); did you mean Trading Standards?", first);
        Assert.DoesNotContain("- 3.6: lead unknown", next);
        Assert.Contains("- 1 data problem unchanged since earlier summaries", next);
    }

    [Fact]
    public void Render_AfterAWeek_ListsDriftAndRemovedActions()
    {
        var before = SampleReports.Lists();
        var now = SampleReports.Edit(before, "1.5", ("RAG", "A"));
        now = now with { Tracker = now.Tracker.Where(i => i["Title"] as string != "5.4").ToList() };

        var text = Text(SampleReports.WithWeekOfHistory(before, now));

        Assert.Contains("CHANGED SINCE THE LAST SUMMARY (1)", text);
        Assert.Contains("- 1.5: ", text);
        Assert.Contains("Worse: Green → Amber since 9 January 2017", text);
        Assert.Contains("REMOVED ACTIONS (1)", text);
        Assert.Contains("- 5.4 is no longer in the tracker", text);
    }

    [Fact]
    public void Render_DeliveryNotes_Listed()
    {
        var text = Text(SampleReports.Report(),
            notes: ["Digest for housing could not be sent (SendGrid answered 400 Bad Request); the next run will try again."]);

        Assert.Contains("REMINDER DELIVERY (1)", text);
        Assert.Contains("- Digest for housing could not be sent (SendGrid answered 400 Bad Request); the next run will try again.", text);
    }

    [Fact]
    public void Subject_NamesTheWeek() =>
        Assert.Equal("Action plan summary, week beginning 16 January 2017", CoordinatorSummary.Subject(SampleReports.Report()));
}
