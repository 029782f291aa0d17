using System.Globalization;
using SaferCity.Core.Html;
using SaferCity.Core.Updates;

namespace SaferCity.Benchmarks.Baseline;

/// <summary>
/// The baseline of the Razor page benchmark: the update form as HtmlWriter code wrote it before the update pages moved
/// to Razor components (SaferCity.Core/Updates/UpdateForm.razor), kept so the comparison can be repeated. Not product code.
/// </summary>
public static class WriterUpdateForm
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Form(PageContext context, FormModel m, IReadOnlyList<FormError> errors, string? conflictNote = null)
    {
        var heading = $"Update action {m.Number}";
        var h = Start(context, errors.Count > 0 ? $"Error: {context.TitleOf(heading)}" : context.TitleOf(heading));
        if (errors.Count > 0) ErrorSummary(h, errors, conflictNote);
        h.Element("h1", heading);
        Summary(h, [("Key action", m.KeyAction), ("Deadline", m.Deadline), ("RAG rating", m.Rag), ("Current comment", m.LatestComment),
            ("Sent to", m.Lead)]);

        // The token travels in the body, never in the action's address (which the host's request telemetry records).
        h.Open("form", ("method", "post"), ("action", UpdatePages.FormAction), ("novalidate", "novalidate")).Line();
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
        h.Element("p", $"This link works until {m.ExpiresAt.UtcDateTime.ToString("d MMMM yyyy", Uk)}. It is for you alone: " +
            "please do not forward it.", ("class", "secondary"));
        return End(h, context);
    }

    private static HtmlWriter Start(PageContext context, string title)
    {
        var h = new HtmlWriter(12 * 1024);
        h.Doctype().Open("html", ("lang", "en-GB")).Open("head").Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", UpdatePages.ContentSecurityPolicy))
            .Void("meta", ("name", "referrer"), ("content", "no-referrer"))
            .Void("meta", ("name", "robots"), ("content", "noindex, nofollow"))
            .Element("title", title).Void("link", ("rel", "stylesheet"), ("href", UpdatePages.StylesheetName)).Close("head").Line();
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
            .Open("strong", ("class", "warning__text")).Element("span", "Warning: ", ("class", "visually-hidden"))
            .Text(UpdatePages.PublicWarning).Close("strong")
            .Close("div");
        h.Element("label", UpdatePages.CommentLabel, ("class", "label"), ("for", "comment"));
        h.Element("div", $"Plain text. You can enter up to {UpdatePages.MaxCommentLength:N0} characters.", ("class", "hint"), ("id", "comment-hint"));
        Changed(h, m, "comment");
        ErrorMessage(h, "comment", errors);
        var describedby = $"comment-warning {Describedby(m, "comment", errors, hint: true)}";
        h.Open("textarea", ("id", "comment"), ("name", "comment"), ("rows", "8"),
            ("maxlength", UpdatePages.MaxCommentLength.ToString(CultureInfo.InvariantCulture)),
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
