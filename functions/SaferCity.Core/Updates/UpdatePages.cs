using System.Globalization;
using SaferCity.Core.Html;

namespace SaferCity.Core.Updates;

/// <summary>What the form shows about one action, and what it is pre-filled with.</summary>
public sealed record FormModel(
    string Token,
    string ItemId,
    string ETag,
    string Number,
    string KeyAction,
    string Deadline,
    string Rag,
    string LatestComment,
    string Lead,
    DateTimeOffset ExpiresAt,
    UpdateFields Values);

/// <summary>
/// The update form's pages, written with <see cref="HtmlWriter"/> so every value is encoded. No script, one same-origin
/// stylesheet (<see cref="StylesheetName"/>), and a CSP that allows nothing else; they work without JavaScript.
/// Refusal pages are the same for every link: they name no action, lead or address.
/// </summary>
public static class UpdatePages
{
    public const string StylesheetName = "form.css";

    /// <summary>The dashboard's policy, tightened: no script at all, and the page cannot be framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public const int MaxCommentLength = 2000;

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

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static readonly string[] RagWords = ["green", "amber", "red"];

    public static string Form(FormModel m, IReadOnlyList<(string Field, string Message)> errors, string? notice = null, string? yourComment = null)
    {
        var h = Start(errors.Count > 0 ? $"Error: Update action {m.Number}" : $"Update action {m.Number}");
        if (errors.Count > 0)
        {
            h.Open("div", ("class", "error-summary"), ("role", "alert"), ("aria-labelledby", "error-summary-title"), ("tabindex", "-1"))
                .Element("h2", "There is a problem", ("id", "error-summary-title")).Open("ul");
            foreach (var (field, message) in errors) h.Open("li").Element("a", message, ("href", $"#{field}")).Close("li");
            h.Close("ul").Close("div").Line();
        }
        h.Element("h1", $"Update action {m.Number}");
        if (notice is not null) h.Element("p", notice, ("class", "notice"), ("role", errors.Count == 0 ? "status" : null));
        if (yourComment is not null)
        {
            h.Open("details").Element("summary", "The comment you wrote").Element("p", yourComment, ("class", "summary"), ("dir", "auto")).Close("details");
        }
        Summary(h, [("Key action", m.KeyAction), ("Deadline", m.Deadline), ("RAG", m.Rag), ("Latest comment", m.LatestComment), ("Sent to", m.Lead)]);

        h.Open("form", ("method", "post"), ("action", m.Token), ("novalidate", "novalidate")).Line();
        h.Void("input", ("type", "hidden"), ("name", "item"), ("value", m.ItemId));
        h.Void("input", ("type", "hidden"), ("name", "etag"), ("value", m.ETag)).Line();

        Radios(h, "rag", "RAG rating", "Is the action on track to meet its deadline?", errors,
            [("green", "Green: on track"), ("amber", "Amber: at risk"), ("red", "Red: off track")], m.Values.Rag);
        Radios(h, "status", "Status", null, errors, [("open", "Open: still in progress"), ("complete", "Complete: delivered")], m.Values.Status);

        Group(h, "deadline", errors, () =>
        {
            h.Element("label", "New deadline (optional)", ("class", "block"), ("for", "deadline"));
            h.Element("span", "Leave as it is to keep the current deadline. For example, 2017-03-31.", ("class", "hint"), ("id", "deadline-hint"));
            ErrorMessage(h, "deadline", errors);
            h.Void("input", ("type", "date"), ("id", "deadline"), ("name", "deadline"), ("value", m.Values.Deadline ?? ""),
                ("aria-describedby", Describedby("deadline", errors)));
        });
        Group(h, "comment", errors, () =>
        {
            h.Element("label", "Comment", ("class", "block"), ("for", "comment"));
            h.Element("span", $"What has happened since the last update. Plain text, up to {MaxCommentLength:N0} characters.", ("class", "hint"), ("id", "comment-hint"));
            ErrorMessage(h, "comment", errors);
            h.Open("textarea", ("id", "comment"), ("name", "comment"), ("rows", "8"), ("aria-describedby", Describedby("comment", errors)))
                .Text(m.Values.Comment).Close("textarea");
        });
        h.Element("button", "Save update", ("type", "submit"), ("class", "button"));
        h.Close("form").Line();
        h.Element("p", $"This link works until {m.ExpiresAt.UtcDateTime.ToString("d MMMM yyyy", Uk)}. It is for you alone: please do not forward it.", ("class", "footer"));
        return End(h);
    }

    public static string Confirmation(string number, UpdateFields written, IReadOnlyList<string> changes, string? dashboardUrl)
    {
        var h = Start($"Update saved for action {number}");
        h.Element("h1", changes.Count == 0 ? $"No changes to action {number}" : $"Update saved for action {number}");
        h.Element("p", changes.Count == 0
            ? "What you sent matches the tracker, so nothing was written."
            : "The tracker now says:");
        Summary(h, [("RAG", Title(written.Rag) ?? "Not rated"), ("Status", Title(written.Status)!), ("Deadline", written.Deadline is null ? "Not set" : Long(written.Deadline)),
            ("Comment", written.Comment.Length == 0 ? "No comment" : written.Comment)]);
        h.Element("p", "The partnership's coordinator will see this update in their next weekly summary. The dashboard shows it after its next refresh.");
        if (dashboardUrl is not null)
            h.Open("p").Element("a", "Back to the partnership dashboard", ("href", dashboardUrl)).Close("p");
        return End(h);
    }

    /// <summary>A plain page for a link that cannot be used. The same for every link: it says why, and whom to ask, nothing else.</summary>
    public static string Refusal(string title, string reason)
    {
        var h = Start(title);
        h.Element("h1", title);
        h.Element("p", reason);
        h.Element("p", "Nothing was changed. If you still need to update the action, ask the partnership's coordinator for a fresh digest email: every digest carries new links.");
        return End(h);
    }

    /// <summary>SharePoint throttled the form's request past the form's short budget: say so, and that nothing was saved.</summary>
    public static string Busy()
    {
        var h = Start("SharePoint is busy");
        h.Element("h1", "SharePoint is busy");
        h.Element("p", "SharePoint is busy; nothing was saved; try again in a few minutes.");
        return End(h);
    }

    public static string Long(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d.ToString("d MMMM yyyy", Uk) : isoDate;

    public static string? Title(string? word) => word is null ? null : char.ToUpperInvariant(word[0]) + word[1..];

    private static HtmlWriter Start(string title)
    {
        var h = new HtmlWriter(8 * 1024);
        h.Doctype().Open("html", ("lang", "en-GB")).Open("head").Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Void("meta", ("http-equiv", "Content-Security-Policy"), ("content", ContentSecurityPolicy))
            .Void("meta", ("name", "referrer"), ("content", "no-referrer"))
            .Void("meta", ("name", "robots"), ("content", "noindex, nofollow"))
            .Element("title", title).Void("link", ("rel", "stylesheet"), ("href", StylesheetName)).Close("head").Line();
        h.Open("body").Open("header", ("class", "site-header")).Element("p", "Action plan update").Close("header").Line();
        h.Open("main", ("id", "main")).Line();
        return h;
    }

    private static string End(HtmlWriter h) => h.Close("main").Close("body").Close("html").Line().ToString();

    private static void Summary(HtmlWriter h, IEnumerable<(string Term, string Value)> rows)
    {
        h.Open("dl", ("class", "summary"));
        foreach (var (term, value) in rows) h.Open("div").Element("dt", term).Element("dd", value, ("dir", "auto")).Close("div");
        h.Close("dl").Line();
    }

    private static void Radios(HtmlWriter h, string name, string legend, string? hint, IReadOnlyList<(string Field, string Message)> errors,
        (string Value, string Label)[] options, string? selected)
    {
        // The error summary links to the first radio, so focus lands inside the group.
        Group(h, name, errors, () =>
        {
            h.Open("fieldset", ("aria-describedby", hint is null && !HasError(name, errors) ? null : Describedby(name, errors, hint is not null)));
            h.Element("legend", legend);
            if (hint is not null) h.Element("span", hint, ("class", "hint"), ("id", $"{name}-hint"));
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

    private static void Group(HtmlWriter h, string name, IReadOnlyList<(string Field, string Message)> errors, Action content)
    {
        h.Open("div", ("class", HasError(name, errors) ? "form-group form-group--error" : "form-group"));
        content();
        h.Close("div").Line();
    }

    private static void ErrorMessage(HtmlWriter h, string name, IReadOnlyList<(string Field, string Message)> errors)
    {
        foreach (var (field, message) in errors)
        {
            if (field == name)
                h.Open("span", ("class", "error-message"), ("id", $"{name}-error")).Text("Error: ").Text(message).Close("span");
        }
    }

    private static bool HasError(string name, IReadOnlyList<(string Field, string Message)> errors) => errors.Any(e => e.Field == name);

    private static string Describedby(string name, IReadOnlyList<(string Field, string Message)> errors, bool hint = true) =>
        string.Join(' ', new[] { hint ? $"{name}-hint" : null, HasError(name, errors) ? $"{name}-error" : null }.OfType<string>());
}
