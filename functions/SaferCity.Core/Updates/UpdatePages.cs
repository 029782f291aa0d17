using System.Globalization;
using Microsoft.AspNetCore.Components;
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
/// The update form's pages in GOV.UK Design System patterns, written as Razor components (UpdateForm.razor and the
/// pages beside it, all in UpdateLayout.razor), which encode every value. No script, one same-origin stylesheet
/// (<see cref="StylesheetName"/>), and a CSP that allows nothing else. Every page has the partnership's name in its
/// header and title, whom to ask for help and the accessibility statement (<see cref="PageContext"/>); every title is
/// its heading. Refusal pages name no action, lead or address.
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
        Page<UpdateForm>(new()
        {
            [nameof(UpdateForm.Context)] = context,
            [nameof(UpdateForm.Model)] = m,
            [nameof(UpdateForm.Errors)] = errors,
            [nameof(UpdateForm.ConflictNote)] = conflictNote,
        });

    /// <summary>The GOV.UK confirmation panel: what was saved, then what happens next.</summary>
    public static string Saved(PageContext context, string number, IReadOnlyList<string> changes) =>
        Page<UpdateSaved>(new()
        {
            [nameof(UpdateSaved.Context)] = context,
            [nameof(UpdateSaved.Number)] = number,
            [nameof(UpdateSaved.Changes)] = changes,
        });

    /// <summary>The answers matched the tracker: nothing was written, and the page says only that.</summary>
    public static string NoChanges(PageContext context, string number, string token) =>
        Page<UpdateNoChanges>(new()
        {
            [nameof(UpdateNoChanges.Context)] = context,
            [nameof(UpdateNoChanges.Number)] = number,
            [nameof(UpdateNoChanges.Token)] = token,
        });

    /// <summary>A plain page for a link or a request that cannot be used: why, what to do next, and whom to ask.</summary>
    public static string Refusal(PageContext context, string title, string reason, string? next = null) =>
        RefusalPage(context, title, reason, next ?? "Nothing was changed. If you still need to update the action, ask the partnership's " +
            "coordinator for a fresh digest email: every digest carries new links.", newLinkToken: null);

    /// <summary>
    /// A refusal for a link that was genuine but is out of date (expired, or its action renumbered): the lead may ask for
    /// a fresh one. The button posts the old token (in the body) and nothing else: the new link goes only to the addresses
    /// the leads list gives for the link's lead, never to one typed here.
    /// </summary>
    public static string RefusalOfferingNewLink(PageContext context, string title, string reason, string token) =>
        RefusalPage(context, title, reason,
            "Nothing was changed. We can email a new link for this action to the addresses the partnership lists for its lead.", token);

    private static string RefusalPage(PageContext context, string title, string reason, string next, string? newLinkToken) =>
        Page<UpdateRefusal>(new()
        {
            [nameof(UpdateRefusal.Context)] = context with { ContactHref = context.PublicContactHref },
            [nameof(UpdateRefusal.Heading)] = title,
            [nameof(UpdateRefusal.Reason)] = reason,
            [nameof(UpdateRefusal.Next)] = next,
            [nameof(UpdateRefusal.NewLinkToken)] = newLinkToken,
        });

    /// <summary>The form field that asks for a new link instead of saving an update.</summary>
    public const string NewLinkField = "new-link";

    /// <summary>A new link went out: where, in words that reveal no address.</summary>
    public static string NewLinkSent(PageContext context, string leadName, int linkDays) =>
        Page<UpdateNewLinkSent>(new()
        {
            [nameof(UpdateNewLinkSent.Context)] = context with { ContactHref = context.PublicContactHref },
            [nameof(UpdateNewLinkSent.LeadName)] = leadName,
            [nameof(UpdateNewLinkSent.LinkDays)] = linkDays,
        });

    /// <summary>What a saved update changed, one line each, in the words the dashboard uses.</summary>
    public static IReadOnlyList<string> Changes(UpdateFields before, UpdateFields after)
    {
        var changes = new List<string>();
        if (before.Rag != after.Rag) changes.Add($"RAG rating: {RagText(before.Rag)} to {RagText(after.Rag)}");
        if (before.Status != after.Status) changes.Add(after.Status == "complete" ? "Status: marked complete" : "Status: reopened");
        if (before.Deadline != after.Deadline)
        {
            changes.Add($"Deadline: {(before.Deadline is null ? "not set" : LongDate(before.Deadline))} to " +
                        $"{(after.Deadline is null ? "not set" : LongDate(after.Deadline))}");
        }
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

    /// <summary>Every page is about this size: the form with its errors is the largest, at about 6,000 characters.</summary>
    private static string Page<TPage>(Dictionary<string, object?> parameters) where TPage : IComponent =>
        PageRenderer.Render<TPage>(8 * 1024, parameters);
}
