namespace SaferCity.Core.Reading;

/// <summary>A value as a column will take it, or why it will not: checked for every write before any is sent.</summary>
/// <param name="Value">A string, a list of strings (multi-choice), or null (a cleared field where SharePoint honours null).</param>
public sealed record ColumnValue(object? Value, string? Refusal = null)
{
    /// <summary>A multi-choice value, which Graph takes only with its <c>@odata.type</c>.</summary>
    public bool IsCollection => Value is IReadOnlyList<string>;
}

/// <summary>
/// What SharePoint accepts per column type. A Choice column made with "Can add values manually" off takes only its
/// choices (a RAG letter meets its spelled-out choice: "A" is "Amber"); a multi-choice column takes a list of them; a Date
/// or multi-line field is cleared by "" (null is reported to leave it as it was); a Person or Lookup column takes ids, which
/// a tracker file does not have.
/// </summary>
public static class ColumnValues
{
    private static readonly char[] Separators = [';', ',', '/', '\n'];

    public static ColumnValue For(ListColumn column, TrackerField field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return new ColumnValue(Blank(column));
        return column.Kind switch
        {
            ColumnKind.Person or ColumnKind.Lookup => new ColumnValue(null,
                $"the column {column} is a {column.Kind} column, which takes ids from another list, not text such as '{text}': " +
                "make it a text or choice column"),
            ColumnKind.MultiChoice => Many(column, field, text),
            ColumnKind.Choice => Fit(column, field, text.Trim()) is { } choice
                ? new ColumnValue(choice)
                : new ColumnValue(null, Refused(column, text.Trim())),
            _ => new ColumnValue(text),
        };
    }

    /// <summary>How a field of this column is cleared: "" where null is reported not to clear (Date, multi-line), else null.</summary>
    public static string? Blank(ListColumn column) => column.Kind is ColumnKind.Date or ColumnKind.Note ? "" : null;

    private static ColumnValue Many(ListColumn column, TrackerField field, string text)
    {
        var parts = text.Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var fitted = parts.Select(p => Fit(column, field, p)).ToList();
        var refused = parts.Where((_, i) => fitted[i] is null).ToList();
        return refused.Count > 0
            ? new ColumnValue(null, Refused(column, string.Join("', '", refused)))
            : new ColumnValue(fitted.Select(f => f!).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The choice the value means, spelled as the column spells it; the value itself when any text is allowed; else null.</summary>
    private static string? Fit(ListColumn column, TrackerField field, string value)
    {
        var exact = column.Choices.FirstOrDefault(c => c.Equals(value, StringComparison.OrdinalIgnoreCase));
        if (exact is not null) return exact;
        if (field == TrackerField.Rag && RagParser.Parse(value) is { } rag)
        {
            var same = column.Choices.Where(c => RagParser.Parse(c) == rag).ToList();
            if (same.Count == 1) return same[0];
        }
        if (field == TrackerField.Status && Completion.IsCompleteWord(value))
        {
            var complete = column.Choices.Where(Completion.IsCompleteWord).ToList();
            if (complete.Count == 1) return complete[0];
        }
        return column.AllowTextEntry || column.Choices.Count == 0 ? value : null;
    }

    private static string Refused(ListColumn column, string value) =>
        $"'{value}' is not one of the choices of the column {column} ({string.Join(", ", column.Choices)})";
}
