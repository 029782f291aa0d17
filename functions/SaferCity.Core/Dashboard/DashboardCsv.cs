using System.Text;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// actions.csv: the public actions for spreadsheets. Cells that a spreadsheet would run as a formula are defused.
/// Ratings and mismatches are in the words the page and the emails use ("Amber (at risk)"; "overdue, but rated Amber (at risk), not Red").
/// </summary>
public static class DashboardCsv
{
    public static ReadOnlyMemory<byte> Render(DashboardDocument document)
    {
        var buffer = new MemoryStream(document.Actions.Count * 600 + 1024);
        // UTF-8 with a BOM so Excel opens it correctly (’, é, emoji); written straight to bytes, no big string.
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 16, leaveOpen: true))
        {
            Write(writer, document);
        }
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static void Write(StreamWriter w, DashboardDocument document)
    {
        w.Write("Action,Theme,Key action,Deadline,Lead services,RAG,Status,Overdue,Days overdue,Due soon,RAG mismatch,Drift,Comments,Last updated\r\n");
        foreach (var a in document.Actions)
        {
            Row(w, a.Id, a.Theme, a.Text, a.Deadline ?? "", string.Join("; ", a.Leads), RagWords.Described(a.Rag), a.Status,
                a.Overdue ? "yes" : "no", a.DaysOverdue.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.DueSoon ? "yes" : "no", a.RagMismatch ? RagWords.Mismatch(a.Rag) : "no",
                string.Join("; ", a.Drift.Select(d => d.From is null ? d.Kind : $"{d.Kind} {d.From}->{d.To}")), a.Comments, a.LastUpdated ?? "");
        }
    }

    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    private static void Row(StreamWriter w, params ReadOnlySpan<string> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) w.Write(',');
            var cell = cells[i];
            if (cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r') cell = "'" + cell;
            // Quoted only where RFC 4180 needs it (and around spaces at either end, which some readers trim):
            // most cells need none, and the file is a third smaller for it.
            if (cell.AsSpan().IndexOfAny(NeedsQuotes) < 0 && (cell.Length == 0 || (cell[0] != ' ' && cell[^1] != ' ')))
            {
                w.Write(cell);
                continue;
            }
            w.Write('"');
            w.Write(cell.Replace("\"", "\"\""));
            w.Write('"');
        }
        w.Write("\r\n");
    }
}
