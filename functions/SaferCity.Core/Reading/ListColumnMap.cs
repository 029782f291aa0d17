namespace SaferCity.Core.Reading;

/// <summary>What a list column is, in the few kinds the tracker cares about.</summary>
public enum ColumnKind { Text, Note, Choice, MultiChoice, Date, Boolean, Number, Person, Lookup, Other }

/// <summary>A column as the list defines it: its internal name (what items carry), the name people see, and its type.</summary>
public sealed record ListColumn(string Name, string DisplayName, ColumnKind Kind = ColumnKind.Text)
{
    /// <summary>A Choice column's choices; empty for other kinds.</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>False when a Choice column takes only its choices ("Can add values manually" off).</summary>
    public bool AllowTextEntry { get; init; } = true;

    /// <summary>Computed and system columns (ID, Created, LinkTitle …): never a tracker field.</summary>
    public bool ReadOnly { get; init; }

    public override string ToString() => DisplayName == Name ? Name : $"{Name} (\"{DisplayName}\")";
}

/// <summary>Which of the list's columns holds each tracker field, and which essential fields it lacks.</summary>
public sealed record ColumnMapping(IReadOnlyDictionary<TrackerField, ListColumn> Found, IReadOnlyList<ListColumn> Columns)
{
    /// <summary>Without these a run would publish figures it could not read (no deadline: nothing overdue).</summary>
    public static readonly IReadOnlyList<TrackerField> Essential =
        [TrackerField.Number, TrackerField.KeyAction, TrackerField.DeliveryDeadline, TrackerField.LeadService, TrackerField.Rag];

    public IReadOnlyList<TrackerField> Missing => [.. Essential.Where(f => !Found.ContainsKey(f))];

    /// <summary>Columns people can edit that no field uses: shown by <c>check</c>, never read.</summary>
    public IReadOnlyList<ListColumn> Extra => [.. Columns.Where(c => !c.ReadOnly && !Found.Values.Contains(c))];

    /// <summary>The internal names to ask for: only columns that exist.</summary>
    public IReadOnlyList<string> Select => [.. Found.OrderBy(f => f.Key).Select(f => f.Value.Name).Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>Internal names of the Date columns found: their values are instants of the site's local midnight (<see cref="SiteDates"/>).</summary>
    public IReadOnlySet<string> DateColumns =>
        Found.Values.Where(c => c.Kind == ColumnKind.Date).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Internal name → the configured name the parser reads, for every column found under another name.</summary>
    public IReadOnlyDictionary<string, string> Renames(TrackerColumns configured) => Found
        .Where(f => !f.Value.Name.Equals(configured.For(f.Key), StringComparison.OrdinalIgnoreCase))
        .ToDictionary(f => f.Value.Name, f => configured.For(f.Key), StringComparer.OrdinalIgnoreCase);

    /// <summary>The field as people call it: "the action number", "the RAG rating" …</summary>
    public static string Label(TrackerField field) => field switch
    {
        TrackerField.Number => "the action number",
        TrackerField.KeyAction => "the key action",
        TrackerField.DeliveryDeadline => "the deadline",
        TrackerField.LeadService => "the lead service",
        TrackerField.Rag => "the RAG rating",
        TrackerField.HideFromDashboard => "hiding from the dashboard",
        _ => $"the {HeadingWords.FieldName(field)}",
    };

    /// <summary>One line naming each missing essential column and the columns the list has; null when none is missing.</summary>
    public string? Problem(string listName, TrackerColumns configured) => Missing.Count == 0 ? null :
        $"The tracker list '{listName}' has no column for {string.Join(", ", Missing.Select(f => $"{Label(f)} ('{configured.For(f)}')"))}, " +
        $"so nothing new was published or sent. Its columns: {string.Join(", ", Columns.Where(c => !c.ReadOnly))}. " +
        $"Name the column in {string.Join(", ", Missing.Select(TrackerColumns.Setting))}, or run 'check'.";
}

/// <summary>
/// Finds the tracker's columns in a list an admin made by hand, where "Lead Service" is <c>Lead_x0020_Service</c> and a
/// list made from a spreadsheet has <c>field_1</c>…: by the configured internal name first, then (unless a
/// <c>Tracker__Columns__*</c> setting named the column) by display name or internal name with the heading words import
/// uses (<see cref="HeadingWords"/>). Read-only system columns never match.
/// </summary>
public static class ListColumnMap
{
    private static readonly TrackerColumns Defaults = new();

    public static ColumnMapping Map(TrackerColumns configured, IReadOnlyList<ListColumn> columns)
    {
        var usable = columns.Where(c => !c.ReadOnly).ToList();
        var found = new Dictionary<TrackerField, ListColumn>();
        var guess = new List<TrackerField>();
        foreach (var field in Enum.GetValues<TrackerField>())
        {
            var name = configured.For(field);
            var byName = usable.FirstOrDefault(c => Same(c.Name, name))
                         ?? (field == TrackerField.HideFromDashboard
                             ? usable.FirstOrDefault(c => Same(c.Name, TrackerColumns.HideFromDashboardUiName))
                             : null);
            if (byName is not null) found[field] = byName;
            else if (Same(name, Defaults.For(field))) guess.Add(field); // a setting names its column exactly: no guessing then
        }
        foreach (var field in guess)
        {
            var taken = found.Values.ToHashSet();
            var match = usable.FirstOrDefault(c => !taken.Contains(c) && HeadingWords.Match(c.DisplayName) == field)
                        ?? usable.FirstOrDefault(c => !taken.Contains(c) && HeadingWords.Match(c.Name) == field);
            if (match is not null) found[field] = match;
        }
        return new ColumnMapping(found, columns);
    }

    private static bool Same(string a, string b) => a.Equals(b, StringComparison.OrdinalIgnoreCase);
}
