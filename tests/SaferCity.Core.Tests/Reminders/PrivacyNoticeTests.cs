using System.Text;
using SaferCity.Core.Tests.Support;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>Privacy__Controller and Privacy__NoticeUrl: named in every email's footer, linked from the dashboard's.</summary>
public class PrivacyNoticeTests
{
    private const string Notice = "https://www.example.gov.uk/privacy/safer-city";

    private static Harness WithNotice()
    {
        var harness = new Harness([Items.Action("1.1", deadline: "December 2016")]);
        harness.Privacy.Controller = "Example City Council";
        harness.Privacy.NoticeUrl = Notice;
        return harness;
    }

    [Fact]
    public async Task Run_NoticeSet_EveryDigestAndTheSummaryNameTheControllerAndLinkTheNotice()
    {
        var harness = WithNotice();
        await harness.RunAsync("2017-01-16");

        Assert.Equal(2, harness.Email.Sent.Count); // the lead's digest and the coordinator's summary
        Assert.All(harness.Email.Sent, m =>
        {
            Assert.Contains($"Example City Council is the data controller for the personal data in this email. Privacy notice: {Notice}", m.Text);
            Assert.Contains("Example City Council is the data controller", m.Html);
            Assert.Contains(Notice, m.Html);
        });
    }

    [Fact]
    public async Task Run_NoticeSet_DashboardFooterLinksIt()
    {
        var harness = WithNotice();
        await harness.RunAsync("2017-01-16");

        var page = Encoding.UTF8.GetString(harness.Site.Files["index.html"].Content.Span);
        Assert.Contains($"<a href=\"{Notice}\">Privacy notice</a>", page);
    }

    [Fact]
    public async Task Run_NoNotice_NoPrivacyLine()
    {
        var harness = new Harness([Items.Action("1.1", deadline: "December 2016")]);
        await harness.RunAsync("2017-01-16");

        Assert.All(harness.Email.Sent, m => Assert.DoesNotContain("data controller", m.Text));
        Assert.DoesNotContain("Privacy notice", Encoding.UTF8.GetString(harness.Site.Files["index.html"].Content.Span));
    }
}
