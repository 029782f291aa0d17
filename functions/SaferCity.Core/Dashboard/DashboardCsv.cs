using System.Globalization;
using System.Text;
using SaferCity.Core.Model;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// actions.csv: the public actions for spreadsheets. Cells that a spreadsheet would run as a formula are defused.
/// Ratings and mismatches are in the words the page and the emails use ("Amber (at risk)"; "overdue, but rated Amber (at risk), not Red").
/// Written as it goes, straight to where it is published: on a large tracker the file is tens of megabytes.
/// </summary>
public static class DashboardCsv
{
    /// <summary>The columns in order: a new column is one line here.</summary>
    /// <remarks>Days and drift as dashboard.json writes them (ISO days; "ragWorsened amber->red"), each day formatted once a file.</remarks>
    private static readonly (string Heading, Func<PublicAction, IsoDates, string> Value)[] Columns =
    [
        ("Action", (a, _) => a.Id),
        ("Theme", (a, _) => a.Theme),
        ("Key action", (a, _) => a.Text),
        ("Deadline", (a, dates) => dates.Of(a.Deadline) ?? ""),
        ("Lead services", (a, _) => string.Join("; ", a.Leads)),
        ("RAG", (a, _) => RagWords.Described(a.Rag)),
        ("Status", (a, _) => a.Complete ? "complete" : "open"),
        ("Overdue", (a, _) => a.Overdue ? "yes" : "no"),
        ("Days overdue", (a, _) => a.DaysOverdue.ToString(CultureInfo.InvariantCulture)),
        ("Due soon", (a, _) => a.DueSoon ? "yes" : "no"),
        ("RAG mismatch", (a, _) => a.RagMismatch ? RagWords.Mismatch(a.Rag) : "no"),
        ("Drift", (a, dates) => a.Drift.Count == 0 ? "" : string.Join("; ", a.Drift.Select(d => Drift(DriftItem.Of(d, dates))))),
        ("Comments", (a, _) => a.Comments),
        ("Last updated", (a, dates) => dates.Of(a.LastUpdated) ?? ""),
    ];

    private static string Drift(DriftItem d) => d.From is null ? d.Kind : $"{d.Kind} {d.From}->{d.To}";

    /// <summary>Rows are gathered in a small buffer and handed on in chunks of this size.</summary>
    private const int ChunkSize = 64 * 1024;

    public static ReadOnlyMemory<byte> Render(PublicDashboard document)
    {
        var buffer = new MemoryStream(document.Actions.Count * 600 + 1024);
        WriteAsync(buffer, document, CancellationToken.None).GetAwaiter().GetResult();
        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Writes the file to <paramref name="destination"/> in chunks; every write to it is asynchronous.</summary>
    public static async Task WriteAsync(Stream destination, PublicDashboard document, CancellationToken cancellationToken)
    {
        using var chunk = new MemoryStream(ChunkSize + 16 * 1024);
        // UTF-8 with a BOM so Excel opens it correctly (’, é, emoji).
        await using var w = new StreamWriter(chunk, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 16 * 1024, leaveOpen: true);
        var dates = new IsoDates();
        for (var i = 0; i < Columns.Length; i++) Cell(w, i, Columns[i].Heading);
        w.Write("\r\n");
        foreach (var a in document.Actions)
        {
            // Each cell written as it is made: no row of cells is gathered first.
            for (var i = 0; i < Columns.Length; i++) Cell(w, i, Columns[i].Value(a, dates));
            w.Write("\r\n");
            if (chunk.Length + 16 * 1024 < ChunkSize) continue;
            w.Flush();
            await destination.WriteAsync(chunk.GetBuffer().AsMemory(0, (int)chunk.Length), cancellationToken);
            chunk.SetLength(0);
        }
        w.Flush();
        await destination.WriteAsync(chunk.GetBuffer().AsMemory(0, (int)chunk.Length), cancellationToken);
    }

    private static readonly System.Buffers.SearchValues<char> NeedsQuotes = System.Buffers.SearchValues.Create(",\"\r\n");

    /// <summary>
    /// The cell in column <paramref name="column"/>, after a comma unless it is the first. A cell a spreadsheet would run as a
    /// formula is written after an apostrophe, which is not copied into a new string first.
    /// </summary>
    private static void Cell(StreamWriter w, int column, string cell)
    {
        if (column > 0) w.Write(',');
        var defused = cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r';
        // Quoted only where RFC 4180 needs it (and around spaces at either end, which some readers trim):
        // most cells need none, and the file is a third smaller for it.
        var quoted = cell.AsSpan().IndexOfAny(NeedsQuotes) >= 0 || (cell.Length > 0 && ((!defused && cell[0] == ' ') || cell[^1] == ' '));
        if (quoted) w.Write('"');
        if (defused) w.Write('\'');
        w.Write(quoted ? cell.Replace("\"", "\"\"", StringComparison.Ordinal) : cell);
        if (quoted) w.Write('"');
    }
}
