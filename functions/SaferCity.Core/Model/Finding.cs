namespace SaferCity.Core.Model;

/// <summary>
/// A data-quality finding: something in the lists that could not be understood.
/// Findings never stop a run; they go to the coordinator and onto the dashboard.
/// </summary>
/// <param name="Id">The action number, or the item id in brackets when the number is missing.</param>
/// <param name="Field">"deadline", "lead", "rag", "number", "theme", "text", "leads-list"…</param>
/// <param name="Problem">"missing", "unreadable", "unknown", "duplicate"…</param>
/// <param name="Value">The offending value, when showing it helps (never an email address on the public side).</param>
public sealed record Finding(string Id, string Field, string Problem, string? Value = null)
{
    /// <summary>
    /// About an item hidden from the dashboard: told to the coordinator only, never published, because even
    /// "5.1: rag unknown" says that a hidden 5.1 exists.
    /// </summary>
    public bool Hidden { get; init; }

    /// <summary>What the value probably meant ("Trading Standards" for "TS"), asked as a question; never acted on.</summary>
    public string? Suggestion { get; init; }

    public string Describe()
    {
        var text = Value is null ? $"{Id}: {Field} {Problem}" : $"{Id}: {Field} {Problem} (\"{Value}\")";
        if (Suggestion is not null) text += $"; did you mean {Suggestion}?";
        return Hidden ? text + " [hidden item]" : text;
    }
}
