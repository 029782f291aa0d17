using System.Text.RegularExpressions;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// Everything published is public. Email addresses typed into any field (a comment, a lead)
/// are replaced before anything is written, whatever the admin meant.
/// </summary>
public static partial class PublicText
{
    public const string Redacted = "[email address removed]";

    public static string Redact(string text) => text.Contains('@') ? Email().Replace(text, Redacted) : text;

    public static string? RedactOrNull(string? text) => text is null ? null : Redact(text);

    public static bool ContainsEmail(string text) => Email().IsMatch(text);

    // Deliberately broad: it is better to hide a false positive than to publish an address.
    [GeneratedRegex(@"[^\s<>""'(),;:@]+@[^\s<>""'(),;:@]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
