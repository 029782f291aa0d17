namespace SaferCity.Core.Model;

/// <summary>One key action, understood. Immutable; unreadable values are null and reported as findings.</summary>
public sealed record TrackerAction
{
    /// <summary>SharePoint item id: stable across edits, unlike the action number.</summary>
    public required string ItemId { get; init; }

    /// <summary>The action number as written ("1.1"); the public identity of the action.</summary>
    public required string Number { get; init; }

    public required string Theme { get; init; }

    public required string Text { get; init; }

    public DateOnly? Deadline { get; init; }

    /// <summary>The lead services as written, split on separators.</summary>
    public required IReadOnlyList<string> LeadNames { get; init; }

    /// <summary>The canonical names of the leads those resolved to, in order, without repeats.</summary>
    public required IReadOnlyList<string> Leads { get; init; }

    /// <summary>The written names that matched no lead ("all partners" before anyone adds it as an alias).</summary>
    public IReadOnlyList<string> UnknownLeads { get; init; } = [];

    public Rag? Rag { get; init; }

    public bool Complete { get; init; }

    /// <summary>Comments as plain text (rich text is flattened).</summary>
    public required string Comments { get; init; }

    /// <summary>Hidden items are never published; they still reach their leads.</summary>
    public bool Hidden { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    /// <summary>The list item's page in SharePoint, when the source knows it.</summary>
    public string? WebUrl { get; init; }

    public bool Open => !Complete;
}
