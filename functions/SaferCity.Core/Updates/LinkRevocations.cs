using System.Text.Json;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Updates;

/// <summary>
/// Withdrawn links: for each lead (by its link key: "#" and its leads-list item id, or the slug of its name), the moment before which every link
/// issued to it
/// stops working. One state document, <c>revocations.json</c> (<c>{"community-safety-team":"2017-01-16T09:00:00+00:00"}</c>),
/// written by the CLI's <c>revoke --lead NAME</c> (locally, or against the cloud's state with Storage__AccountUrl),
/// or uploaded by hand to the state container. Links issued later, by the next digest, work.
/// </summary>
public static class LinkRevocations
{
    public const string DocumentName = "revocations.json";

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The moment before which links issued to <paramref name="leadKey"/> are withdrawn, or null.</summary>
    public static Task<DateTimeOffset?> RevokedBeforeAsync(IStateStore state, string leadKey, CancellationToken cancellationToken) =>
        RevokedBeforeAsync(state, [leadKey], cancellationToken);

    /// <summary>The latest withdrawal under any of a lead's keys (its item id, its name's slug: older entries name it so), or null.</summary>
    public static async Task<DateTimeOffset?> RevokedBeforeAsync(IStateStore state, IReadOnlyCollection<string> leadKeys,
        CancellationToken cancellationToken)
    {
        var stored = await state.ReadAsync(DocumentName, cancellationToken);
        if (stored is null) return null;
        var all = Read(stored);
        return leadKeys.Select(k => all.TryGetValue(k, out var at) ? at : (DateTimeOffset?)null).Max();
    }

    /// <summary>Withdraws every link issued to the lead before <paramref name="now"/>; a later revocation of the same lead moves the moment
    /// on.</summary>
    public static async Task RevokeAsync(IStateStore state, string leadKey, DateTimeOffset now, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var stored = await state.ReadAsync(DocumentName, cancellationToken);
            var leads = stored is null ? new SortedDictionary<string, DateTimeOffset>(StringComparer.Ordinal) : Read(stored);
            leads[leadKey] = now;
            try
            {
                await state.WriteAsync(DocumentName, JsonSerializer.SerializeToUtf8Bytes(leads, Json), stored?.Version, cancellationToken);
                return;
            }
            catch (StateConflictException) when (attempt < 5)
            {
                // Another revocation landed in between: add this one to it.
            }
        }
    }

    private static SortedDictionary<string, DateTimeOffset> Read(StoredDocument stored) =>
        new(JsonSerializer.Deserialize<Dictionary<string, DateTimeOffset>>(stored.Content.Span) ?? [], StringComparer.Ordinal);
}
