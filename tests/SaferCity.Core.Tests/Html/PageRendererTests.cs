using SaferCity.Core.Dashboard;
using SaferCity.Core.Tests.Reminders;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Html;

public sealed class PageRendererTests
{
    [Fact]
    public void Render_VoidElementsWithComputedAttributes_EndWithAnAngleBracketAlone()
    {
        // HtmlRenderer writes "<meta content=... />" when an attribute is computed; the pages write HTML5's "<meta ...>".
        var page = DashboardHtml.Render(DashboardBuilder.Public(SampleReports.Report()), new DashboardOptions(), new Dictionary<string, string>());
        var context = new PageContext("Safer City Partnership", "the coordinator", null, null, null);
        var form = UpdatePages.Form(context, new FormModel("token", "17", "v1", "2.5", "Key action", "31 December 2016", "Amber", "",
            "Licensing", DateTimeOffset.UnixEpoch, new UpdateFields("amber", "", "open", null), DateParts.Empty), []);

        Assert.Contains("<meta name=\"description\" content=\"42 actions as of 16 January 2017: ", page);
        Assert.Contains("<input type=\"hidden\" name=\"version\" value=\"v1\">", form);
        Assert.DoesNotContain("/>", page);
        Assert.DoesNotContain("/>", form);
    }
}
