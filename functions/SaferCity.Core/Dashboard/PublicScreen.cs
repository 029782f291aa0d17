using System.Runtime.InteropServices;

namespace SaferCity.Core.Dashboard;

/// <summary>Settings value Dashboard__Comments: publish comments (screened) or never publish them.</summary>
public enum DashboardComments
{
    /// <summary>Comments are published once screened; one that may hold personal details is withheld.</summary>
    Public,

    /// <summary>No comment is published: for partnerships that publish RAG ratings and deadlines only.</summary>
    Withheld,
}

/// <summary>
/// Every free-text value on its way to the public model passes through here once: email addresses are redacted
/// (<see cref="PublicText"/>), and a value the <see cref="PersonalDataScreen"/> flags is replaced whole by
/// <see cref="Phrase"/>. Every public output (page, JSON, CSV, committee paper, feed) is rendered from that model,
/// so none of them can carry what was withheld. Given the texts the last run passed (<paramref name="known"/>), it
/// screens only the others: the findings are the same, since the screen finds the same in the same text.
/// </summary>
public sealed class PublicScreen(DashboardComments comments = DashboardComments.Public, ScreenedTexts? known = null)
{
    public const string Phrase = "Withheld: may contain personal details";

    private readonly Dictionary<(string Field, string Value), string?> _seen = [];
    private readonly Dictionary<(string Field, string Value), (List<string> Actions, PersonalDataMatch Match)> _withheld = [];

    /// <summary>Room for about <paramref name="values"/> distinct values, so the table is not grown step by step.</summary>
    internal void Expect(int values)
    {
        _seen.EnsureCapacity(values);
        known?.Expect(values);
    }

    /// <summary>What may be published of <paramref name="value"/>, the <paramref name="field"/> of action <paramref name="actionId"/>.</summary>
    public string Text(string actionId, string field, string value)
    {
        if (field == "comments" && comments == DashboardComments.Withheld) return "";
        var key = (field, value);
        // One lookup for a value met before and for a new one: hashing the value is most of the cost of a long comment.
        ref var shown = ref CollectionsMarshal.GetValueRefOrAddDefault(_seen, key, out var met);
        if (!met)
        {
            var redacted = PublicText.Redact(value);
            var match = known is null ? PersonalDataScreen.Find(redacted) : known.Find(redacted);
            shown = match is null ? redacted : null;
            if (match is not null) _withheld[key] = ([], match);
        }
        if (shown is not null) return shown;
        var entry = _withheld[key].Actions;
        if (!entry.Contains(actionId, StringComparer.OrdinalIgnoreCase)) entry.Add(actionId);
        return Phrase;
    }

    /// <summary>What was withheld so far, in the order first met.</summary>
    public IReadOnlyList<WithheldValue> Withheld =>
        _withheld.Select(w => new WithheldValue(w.Value.Actions, w.Key.Field, w.Value.Match)).ToList();
}
