using System.Text;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>
/// A tracker carrying the details an information governance review found published: none reaches any public file,
/// the rest of each action still shows, and the coordinator's summary names each withheld value.
/// </summary>
public class PersonalDataPublishingTests
{
    private static readonly string[] Details =
    [
        "DC Jane Smith", "Mr A. Khan", "07700 900123", "020 7946 0958", "EC2V 7HH", "AB 12 34 56 C", "943 476 5919",
        "12/03/1985", "LV67 XYZ", "4201234/17", "j.smith at city dot gov dot uk", "aged 14", "is Muslim",
    ];

    private static Harness TrackerWithPersonalDetails() => new(
    [
        Items.Action("1.1", comments: "Mr A. Khan, victim of the assault, DOB 12/03/1985, mobile 07700 900123; crime ref 4201234/17.", rag: "A"),
        Items.Action("1.2", text: "Support the family at EC2V 7HH (NI AB 12 34 56 C, NHS 943 476 5919)", comments: "On track."),
        Items.Action("1.3", lead: "DC Jane Smith", comments: "Vehicle LV67 XYZ flagged; contact j.smith at city dot gov dot uk."),
        Items.Action("1.4", theme: "Safeguarding: a child aged 14 at risk of CSE", comments: "Referred. Duty desk 020 7946 0958."),
        Items.Action("1.5", deadline: "when the victim is Muslim enough", comments: "Ongoing work with faith groups."),
    ]);

    private static string Published(Harness harness, string file) => Encoding.UTF8.GetString(harness.Site.Files[file].Content.Span);

    [Theory]
    [InlineData("index.html")]
    [InlineData("dashboard.json")]
    [InlineData("actions.csv")]
    [InlineData("committee.html")]
    [InlineData("feed.xml")]
    public async Task Run_PersonalDetailsInEveryField_NoneIsPublished(string file)
    {
        var harness = TrackerWithPersonalDetails();
        await harness.RunAsync("2017-01-09");
        harness.Edit("1.2", item => Harness.With(item, "RAG", "R")); // a change, so the feed carries 1.2's key action
        await harness.RunAsync("2017-01-16");

        var text = Published(harness, file);
        Assert.All(Details, detail => Assert.DoesNotContain(detail, text, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(PublicScreen.Phrase, text);
    }

    [Fact]
    public async Task Run_CommentWithheld_RestOfTheActionShows()
    {
        var harness = TrackerWithPersonalDetails();
        await harness.RunAsync("2017-01-16");

        var action = harness.PublishedDashboard().Actions.Single(a => a.Id == "1.1");
        Assert.Equal(PublicScreen.Phrase, action.Comments);
        Assert.Equal("Do the thing", action.Text);
        Assert.Equal("amber", action.Rag);
        Assert.Equal("2017-03-31", action.Deadline);
        Assert.Equal(["Community Safety Team"], action.Leads);
        Assert.Equal("On track.", harness.PublishedDashboard().Actions.Single(a => a.Id == "1.2").Comments);
    }

    [Fact]
    public async Task Run_ValuesWithheld_SummaryListsEachUnderCheckThisRunQuotingTheMatch()
    {
        var harness = TrackerWithPersonalDetails();
        await harness.RunAsync("2017-01-16");

        var summary = harness.Email.Sent.Single(m => m.DigestId.EndsWith("/coordinator", StringComparison.Ordinal)).Text;
        var check = summary[summary.IndexOf("CHECK THIS RUN", StringComparison.Ordinal)..];
        Assert.Contains("1.1 comments: withheld from the dashboard, it may hold a UK phone number (\"07700 900123\")", check);
        Assert.Contains("1.2 key action: withheld", check);
        Assert.Contains("1.3 lead: withheld from the dashboard, it may hold a person's name (\"DC Jane Smith\")", check);
        Assert.Contains("1.3 comments: withheld", check);
        Assert.Contains("1.4 theme: withheld", check);
        Assert.Contains("1.4 comments: withheld", check);
        Assert.Contains("1.5 deadline: withheld", check);
    }

    [Fact]
    public async Task Run_DryRun_PreviewSummaryListsTheSameAndNothingIsPublished()
    {
        var live = TrackerWithPersonalDetails();
        var liveOutcome = await live.RunAsync("2017-01-16");
        var dry = TrackerWithPersonalDetails();
        var dryOutcome = await dry.RunAsync("2017-01-16", dryRun: true);

        Assert.Empty(dry.Site.Files);
        Assert.Equal(liveOutcome.Report!.Withheld.Select(w => w.Describe()), dryOutcome.Report!.Withheld.Select(w => w.Describe()));
        var preview = dry.Preview.Emails.Sent.Single(m => m.DigestId.EndsWith("/coordinator", StringComparison.Ordinal)).Text;
        Assert.All(dryOutcome.Report.Withheld, w => Assert.Contains(w.Describe(), preview));
    }

    [Fact]
    public async Task Run_CommentsSettingWithheld_PublishesNoCommentAndListsNone()
    {
        var harness = new Harness([Items.Action("1.1", comments: "Progressing well with partners.")]) { Comments = DashboardComments.Withheld };
        var outcome = await harness.RunAsync("2017-01-16");

        Assert.Equal("", harness.PublishedDashboard().Actions.Single().Comments);
        Assert.DoesNotContain("Progressing well", Published(harness, "index.html"));
        Assert.Empty(outcome.Report!.Withheld);
    }
}
