namespace SaferCity.Core.Model;

/// <summary>A lead service from the leads list: who gets the digest for the actions naming it.</summary>
/// <param name="ItemId">The leads list's item id, when the list has one: it survives a rename, so the reminder ledger keys by it.</param>
public sealed record Lead(string Name, IReadOnlyList<string> Aliases, IReadOnlyList<string> Emails, string? ItemId = null)
{
    /// <summary>A stable, file- and key-safe identifier ("community-safety-team").</summary>
    public string Key => Slug.From(Name);

    /// <summary>
    /// What an update link names its lead by: the leads list's item id ("#5") when there is one, which survives a
    /// rename; else <see cref="Key"/>.
    /// </summary>
    public string LinkKey => string.IsNullOrWhiteSpace(ItemId) ? Key : $"#{ItemId.Trim()}";

    /// <summary>
    /// A link's lead key names this lead by its item id, its name, or a former name kept as an alias (links signed by
    /// name before a rename).
    /// </summary>
    public bool IsNamedBy(string linkKey) => linkKey == LinkKey || linkKey == Key || Aliases.Any(a => Slug.From(a) == linkKey);
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
