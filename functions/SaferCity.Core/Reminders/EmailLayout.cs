using System.Globalization;
using System.Text;
using SaferCity.Core.Html;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reminders;

/// <summary>
/// The one layout of every email (lead digests and the coordinator's summary), as text and as HTML.
/// The HTML is GOV.UK Notify's shape, which works from phones to Outlook's Word engine:
/// one column at most 580 px wide, 19 px text (nothing under 16 px), headings instead of data tables,
/// every style inline (many clients drop style blocks), layout tables only where Outlook needs them
/// (its fixed-width frame, inside a conditional comment, and the update button), text and background
/// colours always set together so dark modes that invert colours invert both, and links blue and underlined.
/// Every value is encoded by <see cref="HtmlWriter"/>.
/// </summary>
public static class EmailLayout
{
    /// <summary>Everything one email says. <paramref name="Ask"/> is the footer's "whom to ask" sentence; the address follows it.</summary>
    public sealed record Content(
        string Heading,
        DateOnly AsOf,
        string Intro,
        string Preheader,
        IReadOnlyList<DigestRenderer.Section> Sections,
        DateOnly? Since,
        string? DashboardUrl,
        string Why,
        string? Ask,
        string? AskEmail,
        IReadOnlyList<(string Title, IReadOnlyList<string> Lines)> Notes,
        Func<Assessment, ActionLinks>? Links)
    {
        /// <summary>The controller and privacy notice line (<see cref="PrivacyOptions.EmailFooter"/>); null for none.</summary>
        public string? PrivacyLine { get; init; }

        /// <summary>The document's title, saying what the email is ("Actions to review, week 8 – Safer City Partnership"); else the
        /// heading.</summary>
        public string? DocumentTitle { get; init; }

        /// <summary>Lines an action's block says beyond its fields (its escalation, the lead's own change); null for none.</summary>
        public Func<Assessment, IReadOnlyList<string>>? Extra { get; init; }
    }

    /// <summary>"Actions to review, week 8 – Safer City Partnership": what the email is, its ISO week, and whose it is.</summary>
    public static string TitleOf(string what, DateOnly asOf, string? partnership) =>
        $"{what}, week {System.Globalization.ISOWeek.GetWeekOfYear(asOf.ToDateTime(TimeOnly.MinValue))}" + (partnership is { Length: > 0 } p
            ? $" \u2013 {p}" : "");

    private const string Ink = "#0b0c0c";
    private const string Paper = "#ffffff";
    private const string LinkBlue = "#1d70b8";
    private const string Grey = "#b1b4b6";
    private const string Font = "font-family:Arial,Helvetica,sans-serif;";
    private const string Body = Font + "font-size:19px;line-height:25px;color:" + Ink + ";";
    private const string Para = Body + "margin:0 0 15px;";
    private const string Line = Body + "margin:0 0 5px;";
    private const string Link = "color:" + LinkBlue + ";text-decoration:underline;";

    // Outlook's Word engine honours a table's width but not max-width; every other client gets the div's max-width.
    private const int Width = 580;

    public static string Text(Content c)
    {
        var sb = new StringBuilder();
        sb.AppendLine(c.Heading).AppendLine(new string('=', Math.Min(c.Heading.Length, 72))).AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{Capital(DigestRenderer.WeekLabel(c.AsOf))}. Data as of {DigestRenderer.Long(c.AsOf)}.");
        sb.AppendLine(c.Intro).AppendLine();
        foreach (var section in c.Sections.Where(s => s.Items.Count > 0))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{section.Title.ToUpperInvariant()} ({section.Items.Count})").AppendLine();
            var shown = section.Shown;
            foreach (var a in shown)
            {
                if (DigestRenderer.IsShort(section.Kind))
                {
                    sb.AppendLine(CultureInfo.InvariantCulture, $"- {DigestRenderer.ShortLine(a, section.Kind, c.AsOf, c.Extra)}");
                    if ((c.Links?.Invoke(a) ?? ActionLinks.None).Update is { } link) sb.AppendLine(CultureInfo.InvariantCulture,
                        $"  Update: {link.AbsoluteUri}");
                    continue;
                }
                sb.AppendLine(CultureInfo.InvariantCulture, $"- {DigestRenderer.Number(a)}: {DigestRenderer.Heading(a, section.Kind, c.AsOf)}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"  Key action: {EmailText.Clip(a.Action.Text)}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"  Deadline: {DigestRenderer.DeadlineText(a)}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"  RAG: {DigestRenderer.RagText(a)}");
                if (DigestRenderer.MismatchText(a) is { } mismatch) sb.AppendLine(CultureInfo.InvariantCulture, $"  Check the rating: {mismatch}");
                sb.AppendLine(CultureInfo.InvariantCulture, $"  Latest comment: {DigestRenderer.CommentText(a)}");
                if (DigestRenderer.StaleLine(a) is { } stale) sb.AppendLine(CultureInfo.InvariantCulture, $"  {stale}");
                foreach (var extra in c.Extra?.Invoke(a) ?? []) sb.AppendLine(CultureInfo.InvariantCulture, $"  {EmailText.Line(extra)}");
                foreach (var d in a.Drift) sb.AppendLine(CultureInfo.InvariantCulture, $"  {DigestRenderer.DriftLine(d, c.Since)}");
                var links = c.Links?.Invoke(a) ?? ActionLinks.None;
                if (links.Update is { } update) sb.AppendLine(CultureInfo.InvariantCulture, $"  Update: {update.AbsoluteUri}");
                if (links.Item is { } item) sb.AppendLine(CultureInfo.InvariantCulture, $"  SharePoint: {item.AbsoluteUri}");
                sb.AppendLine();
            }
            if (DigestRenderer.IsShort(section.Kind)) sb.AppendLine();
            if (shown.Count < section.Items.Count) sb.AppendLine(DigestRenderer.MoreLine(section.Items.Count - shown.Count)).AppendLine();
        }
        foreach (var (title, lines) in c.Notes)
        {
            if (lines.Count == 0) continue;
            sb.AppendLine(CultureInfo.InvariantCulture, $"{title.ToUpperInvariant()} ({lines.Count})");
            foreach (var line in lines.Take(DigestRenderer.MaxPerSection)) sb.AppendLine(CultureInfo.InvariantCulture, $"- {EmailText.Clip(line)}");
            if (lines.Count > DigestRenderer.MaxPerSection) sb.AppendLine(DigestRenderer.MoreLine(lines.Count - DigestRenderer.MaxPerSection));
            sb.AppendLine();
        }
        sb.AppendLine("--");
        if (c.DashboardUrl is not null) sb.AppendLine(CultureInfo.InvariantCulture, $"Dashboard: {c.DashboardUrl}");
        if (c.Ask is not null) sb.AppendLine(c.AskEmail is null ? c.Ask : $"{c.Ask} {c.AskEmail}");
        sb.AppendLine(c.Why);
        if (c.PrivacyLine is not null) sb.AppendLine(c.PrivacyLine);
        return sb.ToString();
    }

    public static string Html(Content c)
    {
        var h = new HtmlWriter();
        h.Doctype().Open("html", ("lang", "en-GB")).Open("head").Line()
            .Void("meta", ("charset", "utf-8")).Line()
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1")).Line()
            // Light only: the colours below are set in pairs, so a client's dark mode inverts them together or not at all.
            .Void("meta", ("name", "color-scheme"), ("content", "light")).Line()
            .Element("title", c.DocumentTitle ?? c.Heading).Line()
            .Close("head").Line();
        h.Open("body", ("style", $"margin:0;padding:0;background-color:{Paper};color:{Ink};")).Line();
        // The inbox preview ("2 overdue, 3 due soon: …") instead of the first heading; never shown in the message.
        // Outlook's Word engine ignores display:none, so it does not get the preheader at all.
        h.NotOutlook(o => o.Element("div", c.Preheader, ("hidden", ""), ("style", "display:none;max-height:0;overflow:hidden;"))).Line();
        h.OutlookOnly(o => o.Open("table", ("role", "presentation"), ("width", Width.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("align", "center"), ("cellpadding", "0"), ("cellspacing", "0"), ("border", "0")).Open("tr").Open("td")).Line();
        // Gmail drops the body's style, so the column carries the colours too. Screen readers announce it as an email
        // inside the mail client's page (role and description as the Email Markup Consortium advises).
        h.Open("div", ("role", "article"), ("aria-roledescription", "email"), ("aria-label", c.Heading),
            ("style", $"max-width:{Width}px;margin:0 auto;padding:20px 15px 30px;background-color:{Paper};" + Body +
            "overflow-wrap:break-word;word-wrap:break-word;")).Line();

        h.Element("h1", c.Heading, ("dir", "auto"),
            ("style", Font + $"font-size:32px;line-height:35px;font-weight:bold;color:{Ink};margin:0 0 15px;")).Line();
        h.Element("p", $"{Capital(DigestRenderer.WeekLabel(c.AsOf))}. Data as of {DigestRenderer.Long(c.AsOf)}.", ("style", Para)).Line();
        h.Element("p", c.Intro, ("style", Para)).Line();

        foreach (var section in c.Sections.Where(s => s.Items.Count > 0))
        {
            h.Element("h2", $"{section.Title} ({section.Items.Count})",
                ("style", Font + $"font-size:27px;line-height:30px;font-weight:bold;color:{Ink};margin:30px 0 15px;")).Line();
            var shown = section.Shown;
            if (DigestRenderer.IsShort(section.Kind)) ShortList(h, c, section.Kind, shown);
            else foreach (var a in shown) Block(h, c, section.Kind, a);
            if (shown.Count < section.Items.Count) h.Element("p", DigestRenderer.MoreLine(section.Items.Count - shown.Count), ("style", Para)).Line();
        }

        foreach (var (title, lines) in c.Notes)
        {
            if (lines.Count == 0) continue;
            h.Element("h2", $"{title} ({lines.Count})",
                ("style", Font + $"font-size:24px;line-height:30px;font-weight:bold;color:{Ink};margin:30px 0 15px;")).Line();
            h.Open("ul", ("style", Body + "margin:0 0 15px;padding:0 0 0 20px;")).Line();
            foreach (var line in lines.Take(DigestRenderer.MaxPerSection))
                h.Element("li", EmailText.Clip(line), ("dir", "auto"), ("style", Body + "margin:0 0 10px;")).Line();
            if (lines.Count > DigestRenderer.MaxPerSection)
                h.Element("li", DigestRenderer.MoreLine(lines.Count - DigestRenderer.MaxPerSection), ("style", Body + "margin:0 0 10px;")).Line();
            h.Close("ul").Line();
        }

        Footer(h, c);
        h.Close("div").Line();
        h.OutlookOnly(o => o.Close("td").Close("tr").Close("table")).Line();
        h.Close("body").Close("html").Line();
        return h.ToString();
    }

    /// <summary>One action: a heading saying what needs doing, the key action, label–value lines, drift, and its links.</summary>
    private static void Block(HtmlWriter h, Content c, SectionKind kind, Assessment a)
    {
        // The bar's colour repeats what the heading says in words; it is never the only signal.
        var bar = kind switch { SectionKind.Overdue => "#d4351c", SectionKind.DueSoon => "#f47738", _ => LinkBlue };
        h.Open("div", ("style", $"border-left:5px solid {bar};padding:0 0 0 15px;margin:0 0 30px;")).Line();
        h.Element("h3", $"{DigestRenderer.Number(a)} · {DigestRenderer.Heading(a, kind, c.AsOf)}", ("dir", "auto"),
            ("style", Font + $"font-size:21px;line-height:25px;font-weight:bold;color:{Ink};margin:0 0 10px;")).Line();
        h.Element("p", EmailText.Clip(a.Action.Text), ("dir", "auto"), ("style", Para + "margin-bottom:10px;")).Line();
        LabelValue(h, "Deadline", DigestRenderer.DeadlineText(a));
        LabelValue(h, "RAG", DigestRenderer.RagText(a));
        if (DigestRenderer.MismatchText(a) is { } mismatch) LabelValue(h, "Check the rating", mismatch);
        LabelValue(h, "Latest comment", DigestRenderer.CommentText(a));
        if (DigestRenderer.StaleLine(a) is { } stale) h.Element("p", stale, ("style", Line + "font-weight:bold;")).Line();
        foreach (var extra in c.Extra?.Invoke(a) ?? []) h.Element("p", extra, ("dir", "auto"), ("style", Line + "font-weight:bold;")).Line();
        foreach (var d in a.Drift)
        {
            // The arrow is a picture of the word after it: hidden from screen readers, which read "Worse: Amber to Red".
            var (symbol, words) = DigestRenderer.DriftWords(d, c.Since);
            h.Open("p", ("style", Line + "font-weight:bold;")).Element("span", symbol, ("aria-hidden", "true")).Text(" " + words).Close("p").Line();
        }

        var links = c.Links?.Invoke(a) ?? ActionLinks.None;
        if (links.Update is { } update) Button(h, $"Update action {DigestRenderer.Number(a)}", update.AbsoluteUri);
        if (links.Item is { } item)
            h.Open("p", ("style", Line + "margin-top:10px;"))
                .Element("a", $"Open action {DigestRenderer.Number(a)} in SharePoint", ("href", item.AbsoluteUri), ("style", Link))
                .Close("p").Line();
        h.Close("div").Line();
    }

    /// <summary>Actions told in one line each (still overdue, completed, the lead's own changes), each with its update link.</summary>
    private static void ShortList(HtmlWriter h, Content c, SectionKind kind, IReadOnlyList<Assessment> items)
    {
        h.Open("ul", ("style", Body + "margin:0 0 15px;padding:0 0 0 20px;")).Line();
        foreach (var a in items)
        {
            h.Open("li", ("dir", "auto"), ("style", Body + "margin:0 0 10px;")).Text(DigestRenderer.ShortLine(a, kind, c.AsOf, c.Extra));
            if ((c.Links?.Invoke(a) ?? ActionLinks.None).Update is { } update)
                h.Text(" ").Element("a", $"Update action {DigestRenderer.Number(a)}", ("href", update.AbsoluteUri), ("style", Link));
            h.Close("li").Line();
        }
        h.Close("ul").Line();
    }

    private static void LabelValue(HtmlWriter h, string label, string value) =>
        h.Open("p", ("style", Line)).Element("strong", label + ":").Text(" ")
            .Element("span", value, ("dir", "auto")).Close("p").Line();

    /// <summary>
    /// The update button: a one-cell table whose padding Outlook's Word engine honours, and a link inside it. The cell
    /// and the link set the same green background with white text, and nothing else (no border in the button's colour):
    /// a client's forced dark mode recolours backgrounds alike, so the button stays one colour whether it is inverted
    /// or not. White text only ever sits on the green the button sets itself.
    /// </summary>
    private static void Button(HtmlWriter h, string text, string href)
    {
        const string Green = "#00703c";
        h.Open("table", ("role", "presentation"), ("style", "border-collapse:collapse;border-spacing:0;margin:15px 0 5px;"))
            .Open("tr").Open("td", ("style", $"background-color:{Green};color:{Paper};padding:10px 15px;"))
            .Element("a", text, ("href", href), ("style", Font +
                $"display:inline-block;font-size:19px;line-height:25px;font-weight:bold;color:{Paper};" +
                $"background-color:{Green};text-decoration:none;"))
            .Close("td").Close("tr").Close("table").Line();
    }

    private static void Footer(HtmlWriter h, Content c)
    {
        const string Small = Font + "font-size:16px;line-height:25px;color:" + Ink + ";margin:0 0 10px;";
        h.Open("div", ("style", $"border-top:1px solid {Grey};margin:30px 0 0;padding:15px 0 0;")).Line();
        if (c.DashboardUrl is not null)
            h.Open("p", ("style", Small)).Text("See every action on the ")
                .Element("a", "partnership dashboard", ("href", c.DashboardUrl), ("style", Link)).Text(".").Close("p").Line();
        if (c.Ask is not null)
        {
            h.Open("p", ("style", Small)).Text(c.Ask);
            if (c.AskEmail is not null) h.Text(" ").Element("a", c.AskEmail, ("href", "mailto:" + c.AskEmail), ("style", Link));
            h.Close("p").Line();
        }
        h.Element("p", c.Why, ("style", Small)).Line();
        if (c.PrivacyLine is not null) h.Element("p", c.PrivacyLine, ("style", Small)).Line();
        h.Close("div").Line();
    }

    private static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
