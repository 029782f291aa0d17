using System.Globalization;
using SaferCity.Core.Model;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Reminders;

/// <summary>
/// A lead's own change through its update link, as its next digest tells it back ("You changed the rating to Amber
/// (at risk) on 17 February 2017"). Read once from the update audit, which stores the form's words, into the model's
/// types; a stored rating or deadline this version cannot read is left out of the words and named as a problem.
/// </summary>
public sealed record OwnUpdate(DateTimeOffset At, string LeadKey, string ItemId, string Action)
{
    /// <summary>Whether the rating changed to a value that could be read; <see cref="Rag"/> is then the new one (null: not rated).</summary>
    public bool RagChanged { get; init; }

    public Rag? Rag { get; init; }

    /// <summary>Whether the deadline changed to a day that could be read; <see cref="Deadline"/> is then the new one.</summary>
    public bool DeadlineChanged { get; init; }

    public DateOnly? Deadline { get; init; }

    public bool CommentChanged { get; init; }

    /// <summary>True: marked complete; false: reopened; null: the status did not change.</summary>
    public bool? Completed { get; init; }

    /// <summary>The records as the digests use them, and one plain line for each stored value that could not be read.</summary>
    public static (IReadOnlyList<OwnUpdate> Updates, IReadOnlyList<string> Problems) Read(IEnumerable<AppliedUpdate> audit)
    {
        var (updates, problems) = (new List<OwnUpdate>(), new List<string>());
        foreach (var u in audit)
        {
            var (before, after) = (u.Before, u.After);
            var read = new OwnUpdate(u.At, u.LeadKey, u.ItemId, u.Action)
            {
                CommentChanged = before.Comment != after.Comment,
                Completed = before.Status == after.Status ? null : after.Status == "complete",
            };
            if (before.Rag != after.Rag)
            {
                Rag? rag = RagExtensions.TryFromWord(after.Rag, out var word) ? word : null;
                if (rag is null && after.Rag is not null) problems.Add(Unreadable(u, "rating", after.Rag));
                else read = read with { RagChanged = true, Rag = rag };
            }
            if (before.Deadline != after.Deadline && after.Deadline is not null)
            {
                if (DateOnly.TryParseExact(after.Deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    read = read with { DeadlineChanged = true, Deadline = day };
                else problems.Add(Unreadable(u, "deadline", after.Deadline));
            }
            updates.Add(read);
        }
        return (updates, problems);
    }

    private static string Unreadable(AppliedUpdate u, string field, string value) =>
        $"The update audit's record of action {u.Action}'s change through link {u.Link} holds a {field} that cannot be read " +
        $"(\"{value}\"): the lead's digest does not repeat it.";
}
