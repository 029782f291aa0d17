namespace SaferCity.Core.Model;

/// <summary>
/// One SharePoint list item as any source delivers it, before it is understood.
/// Field values are normalised by the source to one of: <c>null</c>, <see cref="string"/>,
/// <see cref="bool"/>, or <see cref="IReadOnlyList{T}"/> of strings (multi-choice columns).
/// Dates arrive as ISO-8601 strings, numbers as invariant strings, so one parser serves every source.
/// </summary>
public sealed record ListItem(string Id, DateTimeOffset? LastModified, IReadOnlyDictionary<string, object?> Fields)
{
    public object? this[string column] => Fields.TryGetValue(column, out var value) ? value : null;

    /// <summary>The item's page in SharePoint (Graph's <c>webUrl</c>), for leads who can sign in.</summary>
    public string? WebUrl { get; init; }

    /// <summary>The item's version as Graph gives it (<c>eTag</c>); a write is conditional on it.</summary>
    public string? ETag { get; init; }
}

/// <summary>Both lists, as read in one go.</summary>
public sealed record TrackerLists(IReadOnlyList<ListItem> Tracker, IReadOnlyList<ListItem> Leads)
{
    /// <summary>
    /// What the source found wrong with the lists themselves rather than their items (the hide column missing):
    /// told to the coordinator first thing, and in the run's log line.
    /// </summary>
    public IReadOnlyList<string> SetupProblems { get; init; } = [];

    /// <summary>
    /// Nothing new may be published: the source cannot tell which items are confidential (a list with no hide column
    /// and no Tracker__NoConfidentialItems). Reminders, which are private, still go; a <see cref="SetupProblems"/> entry says why.
    /// </summary>
    public bool HoldPublishing { get; init; }

    /// <summary>What the source noticed that looks wrong but does not stop the run (a file whose items carry no hide field).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
