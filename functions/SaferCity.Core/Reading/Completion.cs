using System.Text.RegularExpressions;

namespace SaferCity.Core.Reading;

/// <summary>
/// An action is complete when its Status says Complete/Completed/Closed/Done, or else when its comment
/// starts with "Complete" followed by the end, a space, a dash, an en dash or a colon
/// ("Complete – the strategy…", "Complete - Safety Thirst…", "Complete").
/// "Completed" in a comment is not enough: "Completed phase one, next…" is progress, not completion.
/// </summary>
public static partial class Completion
{
    public static bool IsComplete(string? status, string? comments)
    {
        var s = status?.Trim();
        if (!string.IsNullOrEmpty(s))
        {
            return IsCompleteWord(s);
        }
        return comments is not null && CompleteComment().IsMatch(comments);
    }

    /// <summary>A status word that means done: "Complete", "Completed", "Closed", "Done" (any case, a full stop allowed).</summary>
    public static bool IsCompleteWord(string? status) =>
        status?.Trim().TrimEnd('.').ToLowerInvariant() is "complete" or "completed" or "closed" or "done";

    [GeneratedRegex(@"^\s*complete(?:$|[\s\-\u2013:])", RegexOptions.IgnoreCase)]
    private static partial Regex CompleteComment();
}
