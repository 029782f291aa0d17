using System.Text;

namespace SaferCity.Core.Dashboard;

/// <summary>actions.csv: the public actions for spreadsheets. Cells that a spreadsheet would run as a formula are defused.</summary>
public static class DashboardCsv
{
    public static byte[] Render(DashboardDocument document)
    {
        var sb = new StringBuilder(document.Actions.Count * 256);
        sb.Append("Action,Theme,Key action,Deadline,Lead services,RAG,Status,Overdue,Days overdue,Due soon,RAG mismatch,Drift,Comments\r\n");
        foreach (var a in document.Actions)
        {
            Row(sb, a.Id, a.Theme, a.Text, a.Deadline ?? "", string.Join("; ", a.Leads), a.Rag ?? "", a.Status,
                a.Overdue ? "yes" : "no", a.DaysOverdue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.DueSoon ? "yes" : "no", a.RagMismatch ? "yes" : "no",
                string.Join("; ", a.Drift.Select(d => d.From is null ? d.Kind : $"{d.Kind} {d.From}->{d.To}")), a.Comments);
        }
        // A BOM so Excel opens UTF-8 (’, é, emoji) correctly.
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    private static void Row(StringBuilder sb, params ReadOnlySpan<string> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) sb.Append(',');
            var cell = cells[i];
            if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell = "'" + cell;
            sb.Append('"').Append(cell.Replace("\"", "\"\"")).Append('"');
        }
        sb.Append("\r\n");
    }
}
