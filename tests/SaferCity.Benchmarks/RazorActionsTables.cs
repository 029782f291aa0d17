using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Model;

namespace SaferCity.Benchmarks;

/// <summary>
/// The dashboard's tables of actions by theme as a Razor component: <see cref="BuildRenderTree"/> is what the Razor
/// compiler emits for a .razor file (the benchmark project has no Razor SDK, so it is written out). It writes the same
/// rows as <c>DashboardHtml</c>'s HtmlWriter code; <see cref="RazorPageBenchmarks"/> checks that before it measures.
/// </summary>
public sealed class RazorActionsTables : ComponentBase
{
        private static readonly string[] Columns = ["Action", "Key action", "Deadline", "Lead services", "RAG", "Status", "Comments"];

    [Parameter]
    public PublicDashboard Document { get; set; } = null!;

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var index = 0;
        foreach (var (theme, actions) in ByTheme(Document))
        {
            var id = "theme-" + (++index).ToString(CultureInfo.InvariantCulture);
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "class", actions.TrueForAll(a => a.Complete) ? "theme theme--all-complete" : "theme");
            builder.OpenElement(2, "h3");
            builder.AddAttribute(3, "id", id);
            builder.AddContent(4, theme);
            builder.CloseElement();
            builder.OpenElement(5, "table");
            builder.AddAttribute(6, "class", "actions-table");
            builder.AddAttribute(7, "aria-labelledby", id);
            builder.OpenElement(8, "thead");
            builder.OpenElement(9, "tr");
            foreach (var column in Columns)
            {
                builder.OpenElement(10, "th");
                builder.AddAttribute(11, "scope", "col");
                builder.AddContent(12, column);
                builder.CloseElement();
            }
            builder.CloseElement();
            builder.CloseElement();
            builder.OpenElement(13, "tbody");
            foreach (var a in actions) Row(builder, a);
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
        }
    }

    private void Row(RenderTreeBuilder b, PublicAction a)
    {
        var complete = a.Complete;
        b.OpenElement(20, "tr");
        b.AddAttribute(21, "id", "action-" + a.Id);
        b.AddAttribute(22, "data-status", complete ? "complete" : "open");
        b.AddAttribute(23, "data-due", complete ? null : a.Overdue ? "overdue" : a.DueSoon ? "soon" : null);
        b.AddAttribute(24, "data-stale", a.Stale ? "" : null);
        Cell(b, "th", a.Id, ("scope", "row"));
        Cell(b, "td", Clip(a.Text));
        b.OpenElement(25, "td");
        if (a.Deadline is { } d)
        {
            b.OpenElement(26, "time");
            b.AddAttribute(27, "datetime", Wording.Iso(d));
            b.AddContent(28, Wording.LongMonthOrDate(d));
            b.CloseElement();
        }
        else b.AddContent(29, "Not set");
        b.CloseElement();
        if (a.Leads.Count == 0) Cell(b, "td", "No lead named", ("class", "no-lead"));
        else if (a.Leads.Count == 1) Cell(b, "td", a.Leads[0]);
        else
        {
            b.OpenElement(30, "td");
            b.OpenElement(31, "ul");
            foreach (var lead in a.Leads) Cell(b, "li", lead);
            b.CloseElement();
            b.CloseElement();
        }
        b.OpenElement(32, "td");
        Cell(b, "strong", Wording.RagWord(a.Rag), ("class", "tag--" + (a.Rag?.ToWord() ?? "none")));
        b.CloseElement();
        b.OpenElement(33, "td");
        Flags(b, a, complete);
        History(b, a);
        b.CloseElement();
        Cell(b, "td", a.Comments.Length == 0 ? "No comment" : Clip(a.Comments));
        b.CloseElement();
    }

    private void Flags(RenderTreeBuilder b, PublicAction a, bool complete)
    {
        var mismatch = !complete && a.RagMismatch;
        var updated = complete || a.LastUpdated is not { } last ? null : $"Last updated {Wording.LongDate(last)}";
        var list = 1 + (mismatch ? 1 : 0) + (a.Stale ? 1 : 0) + a.Drift.Count > 1;
        if (list)
        {
            b.OpenElement(40, "ul");
            b.OpenElement(41, "li");
        }
        if (complete) Cell(b, "strong", "Complete", ("class", "tag--complete"));
        else if (a.Overdue) Cell(b, "strong", $"Overdue by {(a.DaysOverdue == 1 ? "1 day" : $"{a.DaysOverdue} days")}", ("class", "tag--overdue"));
        else if (a.DueSoon) Cell(b, "strong", "Due soon", ("class", "tag--due-soon"));
        else b.AddContent(42, "Open");
        if (!list)
        {
            if (updated is null) return;
            b.OpenElement(43, "br");
            b.CloseElement();
            b.AddContent(44, updated);
            return;
        }
        b.CloseElement();
        if (mismatch) Cell(b, "li", RagWords.Capitalised(RagWords.Mismatch(a.Rag)), ("class", "flag-mismatch"));
        if (a.Stale) Cell(b, "li", RagWords.Capitalised(DashboardHtml.StaleLabel(Document.StaleAfterDays)), ("class", "flag-stale"));
        foreach (var d in a.Drift) Cell(b, "li", DashboardHtml.DriftText(d, Document.DriftSince), ("class", "drift drift--" + Wording.JsonName(d.Kind)));
        if (updated is not null) Cell(b, "li", updated);
        b.CloseElement();
    }

    private static void History(RenderTreeBuilder b, PublicAction a)
    {
        if (a.History.Count < 2) return;
        b.OpenElement(50, "details");
        b.AddAttribute(51, "class", "history");
        b.OpenElement(52, "summary");
        b.AddContent(53, "History");
        Cell(b, "span", $" of action {a.Id}", ("class", "visually-hidden"));
        b.CloseElement();
        b.OpenElement(54, "ol");
        b.AddAttribute(55, "class", "history__list");
        for (var i = a.History.Count - 1; i >= 0; i--)
        {
            var p = a.History[i];
            b.OpenElement(56, "li");
            b.OpenElement(57, "time");
            b.AddAttribute(58, "datetime", Wording.Iso(p.AsOf));
            b.AddContent(59, Wording.ShortDate(p.AsOf));
            b.CloseElement();
            var due = p.Deadline is { } d ? Wording.LongMonthOrDate(d) : "not set";
            b.AddContent(60, $": {Wording.RagWord(p.Rag)}, due {due}{(p.Complete ? ", complete" : "")}");
            b.CloseElement();
        }
        b.CloseElement();
        b.CloseElement();
    }

    private static void Cell(RenderTreeBuilder b, string tag, string text, (string Name, string Value)? attribute = null)
    {
        b.OpenElement(70, tag);
        if (attribute is { } at) b.AddAttribute(71, at.Name, at.Value);
        b.AddContent(72, text);
        b.CloseElement();
    }

    // The two helpers below are DashboardHtml's own (internal or private there).
    private static string Clip(string text)
    {
        const int max = DashboardHtml.MaxCellLength;
        if (text.Length <= max) return text;
        var cut = char.IsHighSurrogate(text[max - 1]) ? max - 1 : max;
        return string.Concat(text.AsSpan(0, cut), "… (continues in the CSV and JSON downloads)");
    }

    private static List<(string Theme, List<PublicAction> Actions)> ByTheme(PublicDashboard doc)
    {
        var groups = new List<(string Theme, List<PublicAction> Actions)>();
        var byTheme = new Dictionary<string, List<PublicAction>>(StringComparer.Ordinal);
        foreach (var theme in doc.Themes.Concat(doc.Actions.Select(a => a.Theme)))
        {
            if (byTheme.ContainsKey(theme)) continue;
            byTheme[theme] = [];
            groups.Add((theme, byTheme[theme]));
        }
        foreach (var a in doc.Actions) byTheme[a.Theme].Add(a);
        groups.RemoveAll(g => g.Actions.Count == 0);
        return groups;
    }
}
