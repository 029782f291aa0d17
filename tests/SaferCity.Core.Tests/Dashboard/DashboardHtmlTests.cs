using System.Net;
using System.Text.RegularExpressions;
using SaferCity.Core.Dashboard;
using static SaferCity.Core.Tests.Dashboard.DashboardFixtures;

namespace SaferCity.Core.Tests.Dashboard;

public sealed class DashboardHtmlTests
{
    private static readonly string[] Payloads =
        ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\" onmouseover=\"alert(1)", "javascript:alert(1)"];

    [Fact]
    public void Render_HostileValuesInEveryField_AreEncodedNeverMarkup()
    {
        // Dates, ratings and drift are typed: only the list's own text can carry markup.
        var actions = Payloads.Select((p, i) => Action(p, p, rag: i % 2 == 0 ? Rag.Amber : null, leads: [p, p + "2"], text: p, comments: p,
            drift: [DriftChange.Rating(Rag.Green, Rag.Amber), new DriftChange(DriftKind.Added)], overdue: true)).ToList();
        var doc = Document(actions, driftSince: new DateOnly(2017, 1, 9)) with
        {
            Removed = [Payloads[0]],
            DataQuality = [new Finding(Payloads[1], "lead", "unknown", Payloads[2])],
        };

        var html = DashboardHtml.Render(doc, new DashboardOptions { Title = Payloads[0] }, NoVersions);

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("\" onmouseover=\"", html);
        Assert.DoesNotContain("href=\"javascript", html);
        Assert.Single(Regex.Matches(html, "<script"));
        // The payloads are all there, as text.
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("&quot; onmouseover=&quot;alert(1)", html);
        Assert.Contains("javascript:alert(1)", html);
        // Decoding the page's text gives every payload back exactly.
        var text = WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]*>", " "));
        Assert.All(Payloads, p => Assert.Contains(p, text));
    }

    [Fact]
    public void Render_Always_HasStrictCspMetaNoStyleAttributesAndNoInlineScript()
    {
        var html = Render(Document([Action("1.1", "1. Theme", drift: [DriftChange.Rating(Rag.Amber, Rag.Red)])]));

        var csp = Regex.Match(html, "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"]*)\">");
        Assert.True(csp.Success);
        Assert.Equal(DashboardHtml.ContentSecurityPolicy, WebUtility.HtmlDecode(csp.Groups[1].Value));
        Assert.Contains("script-src 'self'", DashboardHtml.ContentSecurityPolicy);
        Assert.Contains("style-src 'self'", DashboardHtml.ContentSecurityPolicy);
        Assert.DoesNotMatch(@"\sstyle\s*=", html);
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
        // Every script element loads a file and holds nothing.
        var scripts = Regex.Matches(html, "<script([^>]*)>(.*?)</script>", RegexOptions.Singleline);
        Assert.Single(scripts);
        Assert.Contains("src=\"assets/site.js\"", scripts[0].Groups[1].Value);
        Assert.Equal("", scripts[0].Groups[2].Value);
    }

    [Fact]
    public void Render_ThemesAndRows_OneHeadingAndNamedTablePerThemeWithScopes()
    {
        var doc = Document([Action("1.1", "1. One"), Action("2.1", "2. Two"), Action("1.2", "1. One"), Action("2.2", "2. Two", complete: true)]);

        var html = Render(doc);

        var headings = Regex.Matches(html, "<h3 id=\"(theme-[0-9]+)\">([^<]*)</h3><table class=\"actions-table\" aria-labelledby=\"([^\"]*)\">")
            .Select(m => (m.Groups[2].Value, m.Groups[1].Value == m.Groups[3].Value)).ToList();
        Assert.Equal([("1. One", true), ("2. Two", true)], headings);
        var rowIds = Regex.Matches(html, "<tr id=\"action-([^\"]*)\"").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["1.1", "1.2", "2.1", "2.2"], rowIds);
        Assert.Equal(4, Regex.Count(html, "<th scope=\"row\">[12]\\.[12]</th>"));
        Assert.Equal(2, Regex.Count(html, "<th scope=\"col\">Key action</th>"));
        Assert.Contains("<tr id=\"action-2.2\" data-status=\"complete\"", html);
    }

    [Fact]
    public void GroupByTheme_InterleavedActions_GroupsInThemeOrderOnce()
    {
        var doc = Document(
            [Action("2.1", "Two"), Action("1.1", "One"), Action("9.1", "Stray"), Action("2.2", "Two", complete: true), Action("1.2", "One")],
            themes: ["One", "Two", "Empty"]);

        var all = DashboardHtml.GroupByTheme(doc, _ => true);
        var open = DashboardHtml.GroupByTheme(doc, a => a.Open);

        Assert.Equal(["One", "Two", "Stray"], all.Select(g => g.Theme));
        Assert.Equal(["1.1", "1.2"], all[0].Actions.Select(a => a.Id));
        Assert.Equal(["2.1", "2.2"], all[1].Actions.Select(a => a.Id));
        Assert.Equal(["2.1"], open[1].Actions.Select(a => a.Id));
    }

    [Fact]
    public void Render_RagAndFlags_InWordsNotColourAlone()
    {
        var html = Render(Document([
            Action("1.1", "T", rag: Rag.Amber, overdue: true, drift: [DriftChange.Rating(Rag.Green, Rag.Amber)]),
            Action("1.2", "T", rag: null, dueSoon: true),
            Action("1.3", "T", complete: true),
        ], driftSince: new DateOnly(2017, 1, 9)));

        Assert.Contains("<strong class=\"tag--amber\">Amber</strong>", html);
        Assert.Contains("<strong class=\"tag--none\">Not rated</strong>", html);
        Assert.Contains("Overdue by 16 days", html);
        Assert.Contains("Overdue, but rated Amber (at risk), not Red", html);
        Assert.DoesNotContain("on track, but", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Due soon", html);
        Assert.Contains("<strong class=\"tag--complete\">Complete</strong>", html);
        Assert.Contains("↓ Worse: Green → Amber since 9 Jan 2017", html);
        Assert.Contains("Changes are shown since <time datetime=\"2017-01-09\">9 January 2017</time>", html);
    }

    [Fact]
    public void Render_HistoryWithChanges_DetailsNewestFirst_AndNoneForASingleState()
    {
        var changed = Action("1.1", "T", rag: Rag.Red) with
        {
            History =
            [
                new PublicState(new(2016, 12, 5), Rag.Green, new(2016, 12, 31), false),
                new PublicState(new(2017, 1, 9), Rag.Red, Deadline, false),
            ],
        };
        var steady = Action("1.2", "T") with { History = [new PublicState(new(2017, 1, 9), Rag.Green, Deadline, false)] };

        var html = Render(Document([changed, steady]));

        Assert.Single(Regex.Matches(html, "<details class=\"history\">"));
        var entries = Regex.Matches(html, "<ol class=\"history__list\">(.*?)</ol>").Single().Groups[1].Value;
        Assert.Equal(
            "<li><time datetime=\"2017-01-09\">9 Jan 2017</time>: Red, due March 2017</li>" +
            "<li><time datetime=\"2016-12-05\">5 Dec 2016</time>: Green, due December 2016</li>", entries);
        Assert.Contains("History<span class=\"visually-hidden\"> of action 1.1</span>", html);
    }

    [Fact]
    public void Render_CompletedSection_SinceBaselineListsOnlyNewlyCompleted()
    {
        var html = Render(Document([
            Action("1.1", "T", complete: true, drift: [new DriftChange(DriftKind.Completed)], text: "Newly done"),
            Action("1.2", "T", complete: true, text: "Done long ago"),
            Action("1.3", "T", text: "Still open"),
        ], driftSince: new DateOnly(2017, 1, 9)));

        var section = Regex.Match(html, "<section [^>]*id=\"completed\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        Assert.Contains("Completed since 9 January 2017", section);
        Assert.Contains("Newly done", section);
        Assert.DoesNotContain("Done long ago", section);
        Assert.DoesNotContain("Still open", section);
    }

    [Fact]
    public void Render_CompletedSection_MoreThanTheCap_ListsUpToTheCapAndSaysHowManyAreNotShownAndWhere()
    {
        // A week of heavy churn: every one of 5,000 actions newly completed, each with a long text.
        var longText = new string('x', 3000);
        var actions = Enumerable.Range(1, 5000)
            .Select(i => Action($"1.{i}", "T", complete: true, drift: [new DriftChange(DriftKind.Completed)], text: $"Done {i} {longText}")).ToList();

        var html = Render(Document(actions, driftSince: new DateOnly(2017, 1, 9)));

        var section = Regex.Match(html, "<section [^>]*id=\"completed\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;
        var listed = Regex.Count(section, "<li>");
        Assert.InRange(listed, 1, DashboardHtml.MaxRows);
        Assert.Contains("<strong>1.1</strong> Done 1 ", section); // in tracker order, from the first
        Assert.Contains($"{5000 - listed:N0} more completed actions are not listed here, to keep this page printable. " +
                        "Every action is in the <a href=\"actions.csv\">CSV download</a> and the <a href=\"dashboard.json\">JSON data</a>.", section);
        Assert.InRange(section.Length, 1, DashboardHtml.CompletedBudget + 10_000);
    }

    [Fact]
    public void Render_CompletedSection_UnderTheCap_ListsEveryOneWithNoNotice()
    {
        var actions = Enumerable.Range(1, 30)
            .Select(i => Action($"1.{i}", "T", complete: true, drift: [new DriftChange(DriftKind.Completed)], text: $"Done {i}")).ToList();

        var html = Render(Document(actions, driftSince: new DateOnly(2017, 1, 9)));
        var section = Regex.Match(html, "<section [^>]*id=\"completed\">(.*?)</section>", RegexOptions.Singleline).Groups[1].Value;

        Assert.Equal(30, Regex.Count(section, "<li>"));
        Assert.DoesNotContain("not listed here", section);
    }

    [Fact]
    public void Render_TrendChart_SvgWithTitleDescAndDataTable()
    {
        var html = Render(Document([Action("1.1", "T")]));

        Assert.Matches("<svg [^>]*role=\"img\"[^>]*aria-labelledby=\"trend-title\" aria-describedby=\"trend-desc\"", html);
        Assert.Contains("<title id=\"trend-title\">", html);
        Assert.Contains("<desc id=\"trend-desc\">2 snapshots from 9 January 2017 to 16 January 2017. " +
            "Latest: 0 red, 2 amber and 4 green open actions; 5 complete.</desc>", html);
        // Four series, each drawn once in the chart and once in the legend, each with its own marker.
        Assert.Equal(8, Regex.Count(html, "<polyline class=\"trend__line--"));
        Assert.Equal(4, Regex.Count(html, "<marker id=\"mk-"));
        Assert.Contains("<tr><th scope=\"row\"><time datetime=\"2017-01-09\">9 January 2017</time></th>" +
            "<td>1</td><td>2</td><td>3</td><td>4</td></tr>", html);
        Assert.Contains("href=\"actions.csv\"", html);
        Assert.Contains("href=\"dashboard.json\"", html);
    }

    [Fact]
    public void Render_LargeTracker_ListsOpenActionsOnlyAndPointsToTheData()
    {
        var actions = Enumerable.Range(1, DashboardHtml.LargeTrackerThreshold + 1)
            .Select(i => Action($"{i % 7}.{i}", $"Theme {i % 7}", complete: i % 3 == 0)).ToList();
        var doc = Document(actions);

        var html = Render(doc);

        var open = actions.Count(a => a.Open);
        Assert.Equal(open, Regex.Count(html, "<tr id=\"action-"));
        Assert.DoesNotContain("data-status=\"complete\"", html);
        Assert.Contains($"This tracker has 2,001 actions, so this page lists only the {open:N0} open ones.", html);
        Assert.Equal(7, Regex.Count(html, "<table class=\"actions-table\""));
    }

    [Fact]
    public void Render_VeryLargeTracker_ListsTheMostUrgentOpenActionsUpToTheCap()
    {
        var actions = Enumerable.Range(1, DashboardHtml.MaxRows * 2)
            .Select(i => Action($"{i % 5}.{i}", $"Theme {i % 5}") with
            {
                Overdue = i % 4 == 0,
                DaysOverdue = i % 4 == 0 ? i : 0,
            }).ToList();
        var doc = Document(actions);

        var html = Render(doc);

        Assert.Equal(DashboardHtml.MaxRows, Regex.Count(html, "<tr id=\"action-"));
        // Every overdue action (1,000 of them) is shown, the most overdue certainly.
        Assert.Contains($"id=\"action-0.{DashboardHtml.MaxRows * 2}\"", html);
        Assert.Equal(1000, Regex.Count(html, "data-due=\"overdue\""));
        Assert.Contains("lists the 2,000 most urgent of the 4,000 open ones", html);
    }

    [Fact]
    public void Render_VeryLongComment_ClippedInThePageOnly()
    {
        var comment = string.Concat(Enumerable.Repeat("Long update. ", 20_000));
        var doc = Document([Action("1.1", "T", comments: comment)]);

        var html = Render(doc);

        Assert.Contains("… (continues in the CSV and JSON downloads)", html);
        Assert.True(html.Length < 20_000, $"page is {html.Length} characters");
        Assert.Equal(comment, doc.Actions[0].Comments); // the data keeps every character
    }

    [Fact]
    public void Clip_CutInsideASurrogatePair_KeepsThePairWhole()
    {
        var text = new string('a', DashboardHtml.MaxCellLength - 1) + "\U0001F6A8" + "tail";

        var clipped = DashboardHtml.Clip(text);

        Assert.StartsWith(new string('a', DashboardHtml.MaxCellLength - 1) + "…", clipped);
    }

    [Fact]
    public void Render_ChangeFeed_LinkedInHeadAndVisibly()
    {
        var html = Render(Document([Action("1.1", "1. Theme")]));

        var head = WebUtility.HtmlDecode(html[..html.IndexOf("</head>", StringComparison.Ordinal)]);
        Assert.Contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\" " +
            "title=\"Safer City Partnership: action plan changes\">", head);
        var body = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        Assert.Matches("<a href=\"feed.xml\">[^<]+</a>", body);
    }

    [Fact]
    public void Build_Site_PublishesTheFeedBesideThePage()
    {
        var files = SiteBuilder.Build(Document([Action("1.1", "1. Theme")]), Options);

        var feed = Assert.Single(files, f => f.Path == AtomFeed.FileName);
        Assert.Equal("application/atom+xml; charset=utf-8", feed.ContentType);
        Assert.True(files.ToList().FindIndex(f => f.Path == AtomFeed.FileName) < files.ToList().FindIndex(f => f.Path == "index.html"));
    }

    [Fact]
    public void Render_PreviewTags_DescriptionWithTodaysFiguresAndAbsoluteImage()
    {
        var doc = Document([Action("1.1", "1. Theme"), Action("1.2", "1. Theme", complete: true)]) with
        {
            Summary = new DashboardSummary(2, 1, 1, 1, 0, 0, 0, 1, 0),
        };
        var options = new DashboardOptions { PublicUrl = "https://plan.example.org/dashboard/index.html" };

        var head = Head(DashboardHtml.Render(doc, options, new Dictionary<string, string> { ["assets/preview.png"] = "abc123" }));

        const string description = "2 actions as of 16 January 2017: 1 complete; of those open, 1 on track, 0 at risk, 0 off track; 1 overdue.";
        Assert.Contains($"<meta name=\"description\" content=\"{description}\">", head);
        Assert.Contains($"<meta property=\"og:description\" content=\"{description}\">", head);
        Assert.Contains("<meta property=\"og:title\" content=\"Safer City Partnership: action plan progress\">", head);
        Assert.Contains("<meta property=\"og:url\" content=\"https://plan.example.org/dashboard/index.html\">", head);
        Assert.Contains("<meta property=\"og:image\" content=\"https://plan.example.org/dashboard/assets/preview.png?v=abc123\">", head);
        Assert.DoesNotContain("twitter:image", head); // X falls back to og:image; the page budget has no room for copies
        Assert.Contains("<meta name=\"twitter:card\" content=\"summary_large_image\">", head);
        Assert.DoesNotContain("name=\"robots\"", head); // indexable is the default: nothing to say
    }

    [Fact]
    public void Render_NoPublicUrl_NoRelativeImageOrUrlInPreviewTags()
    {
        var head = Head(Render(Document([Action("1.1", "1. Theme")])));

        Assert.Contains("<meta name=\"description\"", head);
        Assert.DoesNotContain("og:image", head);
        Assert.DoesNotContain("og:url", head);
    }

    [Fact]
    public void Render_NotIndexable_RobotsNoIndex()
    {
        var head = Head(DashboardHtml.Render(Document([Action("1.1", "1. Theme")]), new DashboardOptions { Indexable = false }, NoVersions));

        Assert.Contains("<meta name=\"robots\" content=\"noindex, nofollow\">", head);
    }

    [Fact]
    public void Build_Site_ShipsASmallPreviewImage()
    {
        var files = SiteBuilder.Build(Document([Action("1.1", "1. Theme")]), Options);

        var png = Assert.Single(files, f => f.Path == DashboardHtml.PreviewImage).Content.ToArray();
        Assert.True(png.Length < 30_000, $"preview.png is {png.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // IHDR: width and height, big-endian, after the signature, length and chunk type. The size previews expect.
        Assert.Equal(1200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(630, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }

    private static string Head(string html) => WebUtility.HtmlDecode(html[..html.IndexOf("</head>", StringComparison.Ordinal)]);
}
