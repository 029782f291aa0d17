using System.Globalization;
using SaferCity.Core.Html;

namespace SaferCity.Core.Updates;

/// <summary>What the form shows about one action, and what it is filled with.</summary>
/// <param name="Version">The sealed version (<see cref="FormVersion"/>) the form writes against.</param>
/// <param name="Values">The answers to fill in: the tracker's on a new form, the lead's own after an error or a conflict.</param>
/// <param name="DeadlineParts">The date input's three boxes, as typed.</param>
public sealed record FormModel(
    string Token,
    string ItemId,
    string Version,
    string Number,
    string KeyAction,
    string Deadline,
    string Rag,
    string LatestComment,
    string Lead,
    DateTimeOffset ExpiresAt,
    UpdateFields Values,
    DateParts DeadlineParts)
{
    /// <summary>After a conflict: each question someone else changed, with what the tracker says now.</summary>
    public IReadOnlyDictionary<string, string> Changed { get; init; } = new Dictionary<string, string>();
}

/// <summary>
/// One error in the summary and beside its question. <paramref name="Parts"/> names the date input's boxes at fault;
/// <paramref name="Link"/> is for an error about the whole form (a conflict), shown only in the summary.
/// </summary>
public sealed record FormError(string Question, string Message, IReadOnlyList<string>? Parts = null, string? Link = null)
{
    /// <summary>The field the error summary links to: the question's first field, or its first box at fault.</summary>
    public string Target => Link ?? (Parts is { Count: > 0 } parts ? $"{Question}-{parts[0]}" : Question);
}

/// <summary>
/// The update form's pages in GOV.UK Design System patterns, written with <see cref="HtmlWriter"/> so every value is
/// encoded. No script, one same-origin stylesheet (<see cref="StylesheetName"/>), and a CSP that allows nothing else.
/// Every page has the partnership's name in its header and title, whom to ask for help and the accessibility
/// statement (<see cref="PageContext"/>); every title is its heading. Refusal pages name no action, lead or address.
/// </summary>
public static class UpdatePages
{
    public const string StylesheetName = "form.css";

    /// <summary>
    /// Where the form posts: the endpoint's folder, relative, so the same page works under /api/update/ in the cloud,
    /// at / under serve, and from a link of the older path style (/api/update/{token}) whose folder is the same.
    /// </summary>
    public const string FormAction = "./";

    /// <summary>The dashboard's policy, tightened: no script at all, and the page cannot be framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public const int MaxCommentLength = 2000;

    public const string CommentLabel = "Latest update (replaces the current comment)";

    public const string PublicWarning =
        "Your comment will be published on the partnership\u2019s public dashboard. Do not include names or personal details.";

    /// <summary>The form's stylesheet, shipped inside the assembly so every host serves the same file.</summary>
    public static readonly byte[] Stylesheet = ReadStylesheet();

    private static byte[] ReadStylesheet()
    {
        using var stream = typeof(UpdatePages).Assembly.GetManifestResourceStream("updates/form.css")
                           ?? throw new InvalidOperationException("The form stylesheet is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    internal static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static readonly string[] RagWords = ["green", "amber", "red"];

    /// <summary>"Red (off track)": the words the dashboard and emails use.</summary>
    public static string RagText(string? rag) => rag switch
    {
        "green" => "Green (on track)",
        "amber" => "Amber (at risk)",
        "red" => "Red (off track)",
        _ => "Not rated",
    };

    public static string Form(PageContext context, FormModel m, IReadOnlyList<FormError> errors, string? conflictNote = null) =>
        PageRenderer.Render<UpdateForm>(12 * 1024, new Dictionary<string, object?>
        {
            [nameof(UpdateForm.Context)] = context,
            [nameof(UpdateForm.Model)] = m,
            [nameof(UpdateForm.Errors)] = errors,
            [nameof(UpdateForm.ConflictNote)] = conflictNote,
        });

    public static string FormWithWriter(PageContext context, FormModel m, IReadOnlyList<FormError> errors, string? conflictNote = null)
    {
        var heading = $"Update action {m.Number}";
        var h = Start(context, errors.Count > 0 ? $"Error: {context.TitleOf(heading)}" : context.TitleOf(heading));
        if (errors.Count > 0) ErrorSummary(h, errors, conflictNote);
        h.Element("h1", heading);
        Summary(h, [("Key action", m.KeyAction), ("Deadline", m.Deadline), ("RAG rating", m.Rag), ("Current comment", m.LatestComment),
            ("Sent to", m.Lead)]);

        // The token travels in the body, never in the action's address (which the host's request telemetry records).
        h.Open("form", ("method", "post"), ("action", FormAction), ("novalidate", "novalidate")).Line();
        h.Void("input", ("type", "hidden"), ("name", UpdateLink.Field), ("value", m.Token));
        h.Void("input", ("type", "hidden"), ("name", "item"), ("value", m.ItemId));
        h.Void("input", ("type", "hidden"), ("name", "version"), ("value", m.Version)).Line();
        Radios(h, m, "rag", "RAG rating", "Is the action on track to meet its deadline?", errors,
            [("green", "Green: on track"), ("amber", "Amber: at risk"), ("red", "Red: off track")], m.Values.Rag);
        Radios(h, m, "status", "Status", null, errors, [("open", "Open: still in progress"), ("complete", "Complete: delivered")], m.Values.Status);
        DateQuestion(h, m, "deadline", "Deadline", errors);
        CommentQuestion(h, m, errors);
        h.Element("button", "Save update", ("type", "submit"), ("class", "button"));
        h.Close("form").Line();
        h.Element("p", $"This link works until {m.ExpiresAt.UtcDateTime.ToString("d MMMM yyyy", Uk)}. It is for you alone: please do not forward it.", ("class", "secondary"));
        return End(h, context);
    }

    /// <summary>The GOV.UK confirmation panel: what was saved, then what happens next.</summary>
    public static string Saved(PageContext context, string number, IReadOnlyList<string> changes)
    {
        var heading = $"Action {number} updated";
        var h = Start(context, context.TitleOf(heading));
        h.Open("div", ("class", "panel")).Element("h1", heading, ("class", "panel__title"))
            .Element("div", "Your update is in the tracker", ("class", "panel__body")).Close("div").Line();
        h.Element("h2", "What changed");
        h.Open("ul", ("class", "list"));
        foreach (var change in changes) h.Element("li", change, ("dir", "auto"));
        h.Close("ul").Line();
        h.Element("h2", "What happens next");
        h.Element("p", "The partnership's coordinator will see this update in their next weekly summary. The dashboard shows it after its next " +
            "refresh.");
        DashboardLink(h, context);
        return End(h, context);
    }

    /// <summary>The answers matched the tracker: nothing was written, and the page says only that.</summary>
    public static string NoChanges(PageContext context, string number, string token)
    {
        var heading = $"No changes made to action {number}";
        var h = Start(context, context.TitleOf(heading));
        h.Element("h1", heading);
        h.Element("p", "What you sent matches what the tracker already says, so nothing was saved.");
        h.Open("p").Element("a", $"Go back to update action {number}", ("href", $"{FormAction}?{UpdateLink.Field}={token}")).Close("p").Line();
        DashboardLink(h, context);
        return End(h, context);
    }

    /// <summary>A plain page for a link or a request that cannot be used: why, what to do next, and whom to ask.</summary>
    public static string Refusal(PageContext context, string title, string reason, string? next = null)
    {
        var h = Start(context, context.TitleOf(title));
        h.Element("h1", title);
        h.Element("p", reason);
        h.Element("p", next ?? "Nothing was changed. If you still need to update the action, ask the partnership's coordinator for a fresh digest " +
            "email: every digest carries new links.");
        return End(h, context with { ContactHref = context.PublicContactHref });
    }

    /// <summary>
    /// A refusal for a link that was genuine but is out of date (expired, or its action renumbered): the lead may ask for
    /// a fresh one. The button posts the old token (in the body) and nothing else: the new link goes only to the addresses
    /// the leads list gives for the link's lead, never to one typed here.
    /// </summary>
    public static string RefusalOfferingNewLink(PageContext context, string title, string reason, string token)
    {
        var h = Start(context, context.TitleOf(title));
        h.Element("h1", title);
        h.Element("p", reason);
        h.Element("p", "Nothing was changed. We can email a new link for this action to the addresses the partnership lists for its lead.");
        h.Open("form", ("method", "post"), ("action", FormAction), ("novalidate", "novalidate"));
        h.Void("input", ("type", "hidden"), ("name", UpdateLink.Field), ("value", token));
        h.Void("input", ("type", "hidden"), ("name", NewLinkField), ("value", "1"));
        h.Element("button", "Email me a new link", ("type", "submit"), ("class", "button"));
        h.Close("form").Line();
        return End(h, context with { ContactHref = context.PublicContactHref });
    }

    /// <summary>The form field that asks for a new link instead of saving an update.</summary>
    public const string NewLinkField = "new-link";

    /// <summary>A new link went out: where, in words that reveal no address.</summary>
    public static string NewLinkSent(PageContext context, string leadName, int linkDays)
    {
        const string heading = "We have emailed you a new link";
        var h = Start(context, context.TitleOf(heading));
        h.Open("div", ("class", "panel")).Element("h1", heading, ("class", "panel__title")).Close("div").Line();
        h.Element("p", $"A new link for this action has been sent to the addresses listed for {leadName}. It works for {linkDays} days.");
        h.Element("p", "Open the newest email and use its link. If nothing arrives within an hour, ask the partnership's coordinator.");
        return End(h, context with { ContactHref = context.PublicContactHref });
    }

    /// <summary>What a saved update changed, one line each, in the words the dashboard uses.</summary>
    public static IReadOnlyList<string> Changes(UpdateFields before, UpdateFields after)
    {
        var changes = new List<string>();
        if (before.Rag != after.Rag) changes.Add($"RAG rating: {RagText(before.Rag)} to {RagText(after.Rag)}");
        if (before.Status != after.Status) changes.Add(after.Status == "complete" ? "Status: marked complete" : "Status: reopened");
        if (before.Deadline != after.Deadline)
            changes.Add($"Deadline: {(before.Deadline is null ? "not set" : LongDate(before.Deadline))} to {(after.Deadline is null ? "not set" : LongDate(after.Deadline))}");
        if (before.Comment != after.Comment) changes.Add(after.Comment.Length == 0
            ? "Comment: removed"
            : $"Comment replaced. It now says: {after.Comment}");
        return changes;
    }

    /// <summary>SharePoint throttled the form's request past the form's short budget: say so, and that nothing was saved.</summary>
    public static string Busy(PageContext context) =>
        Refusal(context, "SharePoint is busy", "SharePoint is busy; nothing was saved; try again in a few minutes.",
            "Your link still works: open it again in a few minutes and save your update then.");

    public static string LongDate(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMMM yyyy",
            Uk) : isoDate;

    public static string? Title(string? word) => word is null ? null : char.ToUpperInvariant(word[0]) + word[1..];

    private static HtmlWriter Start(PageContext context, string title)
    {
        var h = new HtmlWriter(12 * 1024);
        h.Doctype().Open("html", ("lang", "en-GB")).Open("head").Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy))
            .Void("meta", ("name", "referrer"), ("content", "no-referrer"))
            .Void("meta", ("name", "robots"), ("content", "noindex, nofollow"))
            .Element("title", title).Void("link", ("rel", "stylesheet"), ("href", StylesheetName)).Close("head").Line();
        h.Open("body").Open("header", ("class", "site-header"))
            .Element("p", context.Partnership, ("class", "site-header__name"))
            .Element("p", PageContext.ServiceName, ("class", "site-header__service")).Close("header").Line();
        h.Open("main", ("id", "main")).Line();
        return h;
    }

    /// <summary>Closes the page with the help footer. A refusal passes a context without the coordinator's address (anyone can reach one).</summary>
    private static string End(HtmlWriter h, PageContext context)
    {
        h.Close("main").Line().Open("footer", ("class", "footer")).Element("h2", "Get help", ("class", "footer__heading")).Open("p");
        if (context.ContactHref is { } href)
            h.Text($"If you need help with this form, contact {context.Coordinator}: ").Element("a", context.ContactText, ("href", href)).Text(".");
        else
            h.Text($"If you need help with this form, ask {context.Coordinator}.");
        h.Close("p");
        if (context.StatementUrl is { } statement) h.Open("p").Element("a", "Accessibility statement", ("href", statement)).Close("p");
        return h.Close("footer").Close("body").Close("html").Line().ToString();
    }

    private static void DashboardLink(HtmlWriter h, PageContext context)
    {
        if (context.DashboardUrl is { } url) h.Open("p").Element("a", "Back to the partnership dashboard", ("href", url)).Close("p").Line();
    }

    /// <summary>
    /// GOV.UK's error summary, focused on load by <c>autofocus</c> (no script), each entry a link to its question's
    /// first field. The CSS gives those fields a <c>scroll-margin-top</c> so the question's legend stays in view.
    /// </summary>
    private static void ErrorSummary(HtmlWriter h, IReadOnlyList<FormError> errors, string? note)
    {
        h.Open("div", ("class", "error-summary"), ("tabindex", "-1"), ("autofocus", "autofocus"), ("aria-labelledby", "error-summary-title"))
            .Open("div", ("role", "alert"))
            .Element("h2", "There is a problem", ("id", "error-summary-title"), ("class", "error-summary__title"));
        if (note is not null) h.Element("p", note);
        h.Open("ul", ("class", "error-summary__list"));
        foreach (var error in errors) h.Open("li").Element("a", error.Message, ("href", $"#{error.Target}")).Close("li");
        h.Close("ul").Close("div").Close("div").Line();
    }

    private static void Summary(HtmlWriter h, IEnumerable<(string Term, string Value)> rows)
    {
        h.Open("dl", ("class", "summary"));
        foreach (var (term, value) in rows) h.Open("div").Element("dt", term).Element("dd", value, ("dir", "auto")).Close("div");
        h.Close("dl").Line();
    }

    private static void Radios(HtmlWriter h, FormModel m, string name, string legend, string? hint, IReadOnlyList<FormError> errors,
        (string Value, string Label)[] options, string? selected)
    {
        Group(h, name, errors, () =>
        {
            h.Open("fieldset", ("aria-describedby", Describedby(m, name, errors, hint is not null)));
            h.Element("legend", legend);
            if (hint is not null) h.Element("div", hint, ("class", "hint"), ("id", $"{name}-hint"));
            Changed(h, m, name);
            ErrorMessage(h, name, errors);
            for (var i = 0; i < options.Length; i++)
            {
                var (value, label) = options[i];
                var id = i == 0 ? name : $"{name}-{value}";
                h.Open("div", ("class", "radio"))
                    .Void("input", ("type", "radio"), ("id", id), ("name", name), ("value", value), ("checked", value == selected ? "checked" : null))
                    .Element("label", label, ("for", id)).Close("div");
            }
            h.Close("fieldset");
        });
    }

    /// <summary>GOV.UK's date input: a fieldset of three text boxes, numeric keyboard on phones, each box marked when it is at fault.</summary>
    private static void DateQuestion(HtmlWriter h, FormModel m, string name, string legend, IReadOnlyList<FormError> errors)
    {
        var faulty = errors.FirstOrDefault(e => e.Question == name)?.Parts ?? [];
        Group(h, name, errors, () =>
        {
            h.Open("fieldset", ("role", "group"), ("aria-describedby", Describedby(m, name, errors, hint: true)));
            h.Element("legend", legend);
            h.Element("div", "For example, 31 3 2017", ("class", "hint"), ("id", $"{name}-hint"));
            Changed(h, m, name);
            ErrorMessage(h, name, errors);
            h.Open("div", ("class", "date-input"));
            foreach (var (part, label, value, width) in new[] { ("day", "Day", m.DeadlineParts.Day, 2), ("month", "Month", m.DeadlineParts.Month, 2),
                ("year", "Year", m.DeadlineParts.Year, 4) })
            {
                var error = faulty.Contains(part) ? " input--error" : "";
                h.Open("div", ("class", "date-input__item")).Element("label", label, ("for", $"{name}-{part}"), ("class", "date-input__label"))
                    .Void("input", ("class", $"input input--width-{width}{error}"), ("id", $"{name}-{part}"), ("name", $"{name}-{part}"),
                        ("type", "text"), ("inputmode", "numeric"), ("spellcheck", "false"), ("value", value))
                    .Close("div");
            }
            h.Close("div").Close("fieldset");
        });
    }

    private static void CommentQuestion(HtmlWriter h, FormModel m, IReadOnlyList<FormError> errors) => Group(h, "comment", errors, () =>
    {
        h.Open("div", ("class", "warning"), ("id", "comment-warning"))
            .Element("span", "!", ("class", "warning__icon"), ("aria-hidden", "true"))
            .Open("strong", ("class", "warning__text")).Element("span", "Warning: ", ("class", "visually-hidden")).Text(PublicWarning).Close("strong")
            .Close("div");
        h.Element("label", CommentLabel, ("class", "label"), ("for", "comment"));
        h.Element("div", $"Plain text. You can enter up to {MaxCommentLength:N0} characters.", ("class", "hint"), ("id", "comment-hint"));
        Changed(h, m, "comment");
        ErrorMessage(h, "comment", errors);
        var describedby = $"comment-warning {Describedby(m, "comment", errors, hint: true)}";
        h.Open("textarea", ("id", "comment"), ("name", "comment"), ("rows", "8"),
            ("maxlength", MaxCommentLength.ToString(CultureInfo.InvariantCulture)),
                ("class", errors.Any(e => e.Question == "comment") ? "textarea input--error" : "textarea"), ("aria-describedby", describedby))
            .Text(m.Values.Comment).Close("textarea");
    });

    /// <summary>After a conflict: the tracker's newer value, beside the question it belongs to.</summary>
    private static void Changed(HtmlWriter h, FormModel m, string name)
    {
        if (!m.Changed.TryGetValue(name, out var now)) return;
        h.Open("div", ("class", "changed"), ("id", $"{name}-changed"))
            .Element("strong", "Someone else changed this while you were editing. The tracker now says: ")
            .Element("span", now, ("dir", "auto")).Close("div");
    }

    private static void Group(HtmlWriter h, string name, IReadOnlyList<FormError> errors, Action content)
    {
        h.Open("div", ("class", HasError(name, errors) ? "form-group form-group--error" : "form-group"));
        content();
        h.Close("div").Line();
    }

    private static void ErrorMessage(HtmlWriter h, string name, IReadOnlyList<FormError> errors)
    {
        foreach (var error in errors.Where(e => e.Question == name))
            h.Open("p", ("class", "error-message"), ("id", $"{name}-error")).Element("span", "Error: ",
                ("class", "visually-hidden")).Text(error.Message).Close("p");
    }

    private static bool HasError(string name, IReadOnlyList<FormError> errors) => errors.Any(e => e.Question == name);

    private static string? Describedby(FormModel m, string name, IReadOnlyList<FormError> errors, bool hint)
    {
        var ids = string.Join(' ', new[]
        {
            hint ? $"{name}-hint" : null,
            m.Changed.ContainsKey(name) ? $"{name}-changed" : null,
            HasError(name, errors) ? $"{name}-error" : null,
        }.OfType<string>());
        return ids.Length == 0 ? null : ids;
    }
}
