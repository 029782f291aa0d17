using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Updates;

/// <summary>The four things a lead can change, as words: rag green|amber|red, status open|complete, deadline yyyy-MM-dd.</summary>
public sealed record UpdateFields(string? Rag, string Comment, string Status, string? Deadline);

/// <summary>One applied update: when, which link (its id, never the token), who, which action, and the fields before and after.</summary>
public sealed record AppliedUpdate(DateTimeOffset At, string Link, string LeadKey, string Lead, string ItemId, string Action,
    UpdateFields Before, UpdateFields After)
{
    /// <summary>"2.5 (Community Safety Team): RAG amber to red; deadline moved by the lead: 31 December 2016 → 31 March 2017; comment changed".</summary>
    public string Describe()
    {
        var changes = new List<string>();
        if (Before.Rag != After.Rag) changes.Add($"RAG {Before.Rag ?? "not rated"} to {After.Rag}");
        if (Before.Status != After.Status) changes.Add(After.Status == "complete" ? "marked complete" : "reopened");
        // A deadline is the figure a lead could most easily game: every move is named for the coordinator, with both dates.
        if (Before.Deadline != After.Deadline)
            changes.Add($"deadline moved by the lead: {(Before.Deadline is null ? "not set" : UpdatePages.Long(Before.Deadline))} \u2192 {UpdatePages.Long(After.Deadline ?? "")}");
        if (Before.Comment != After.Comment) changes.Add("comment changed");
        return $"{Action} ({Lead}): {(changes.Count == 0 ? "no change" : string.Join("; ", changes))}";
    }
}

/// <summary>
/// The private record of applied updates, one state document per month (<c>updates/2017-01.json</c>), appended with
/// the document's version as a guard so two updates at once both land. It lives in the state store, never on the site.
/// </summary>
public static class UpdateAudit
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string DocumentName(DateTimeOffset at) => $"updates/{at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture)}.json";

    public static async Task AppendAsync(IStateStore state, AppliedUpdate update, CancellationToken cancellationToken)
    {
        var name = DocumentName(update.At);
        for (var attempt = 1; ; attempt++)
        {
            var stored = await state.ReadAsync(name, cancellationToken);
            var records = stored is null ? [] : Read(stored.Content.Span);
            records.Add(update);
            try
            {
                await state.WriteAsync(name, JsonSerializer.SerializeToUtf8Bytes(records, Json), stored?.Version, cancellationToken);
                return;
            }
            catch (StateConflictException) when (attempt < 5)
            {
                // Another update was recorded in between: read again and append to that.
            }
        }
    }

    /// <summary>Updates applied in (from, to], oldest first.</summary>
    public static async Task<IReadOnlyList<AppliedUpdate>> ReadAsync(IStateStore state, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var result = new List<AppliedUpdate>();
        var month = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, 1, 0, 0, 0, TimeSpan.Zero);
        for (; month <= to; month = month.AddMonths(1))
        {
            var stored = await state.ReadAsync(DocumentName(month), cancellationToken);
            if (stored is null) continue;
            result.AddRange(Read(stored.Content.Span).Where(u => u.At > from && u.At <= to));
        }
        return [.. result.OrderBy(u => u.At)];
    }

    private static List<AppliedUpdate> Read(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize<List<AppliedUpdate>>(json, Json) ?? [];
}
