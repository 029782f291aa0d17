namespace SaferCity.Core.Model;

/// <summary>A lead service from the leads list: who gets the digest for the actions naming it.</summary>
/// <param name="ItemId">The leads list's item id, when the list has one: it survives a rename, so the reminder ledger keys by it.</param>
public sealed record Lead(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Emails, string? ItemId = null)
{
    /// <summary>A stable, file- and key-safe identifier ("community-safety-team").</summary>
    public string Key => Slug.From(Name);
}

internal static class Slug
{
    public static string From(string text)
    {
        var chars = new List<char>(text.Length);
        var dash = false;
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                chars.Add(c);
                dash = false;
            }
            else if (!dash && chars.Count > 0)
            {
                chars.Add('-');
                dash = true;
            }
        }
        if (dash) chars.RemoveAt(chars.Count - 1);
        return chars.Count == 0 ? "lead" : new string(chars.ToArray());
    }
}
