using System.Text.RegularExpressions;

namespace SaferCity.Core.Reading;

/// <summary>
/// An action is complete when its Status says Complete/Completed, or else when its comment
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
            return s.Equals("Complete", StringComparison.OrdinalIgnoreCase) ||
                   s.Equals("Completed", StringComparison.OrdinalIgnoreCase);
        }
        return comments is not null && CompleteComment().IsMatch(comments);
    }

    [GeneratedRegex(@"^\s*complete(?:$|[\s\-\u2013:])", RegexOptions.IgnoreCase)]
    private static partial Regex CompleteComment();
}
