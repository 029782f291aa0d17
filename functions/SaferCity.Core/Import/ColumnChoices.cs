using SaferCity.Core.Reading;

namespace SaferCity.Core.Import;

/// <summary>
/// The admin's own mapping, from <c>--column "HEADING=field"</c>: it wins over the heading words. A field of
/// "ignore" leaves the column out. Headings are compared as <see cref="HeadingWords.Key"/> compares them.
/// </summary>
public sealed class ColumnChoices
{
    public static readonly ColumnChoices None = new(new Dictionary<string, TrackerField?>());

    private readonly IReadOnlyDictionary<string, TrackerField?> byKey;

    private ColumnChoices(IReadOnlyDictionary<string, TrackerField?> byKey) => this.byKey = byKey;

    /// <summary>The choice for a heading: found (with null meaning "ignore it"), or not chosen.</summary>
    public bool TryGet(string heading, out TrackerField? field) => byKey.TryGetValue(HeadingWords.Key(heading), out field);

    /// <summary>Reads "HEADING=field" choices, or says in one line what is wrong with the first bad one.</summary>
    public static ColumnChoices Parse(IEnumerable<string> specs)
    {
        var byKey = new Dictionary<string, TrackerField?>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var eq = spec.LastIndexOf('=');
            var heading = eq > 0 ? spec[..eq].Trim() : "";
            var name = eq > 0 ? spec[(eq + 1)..].Trim() : "";
            if (heading.Length == 0 || HeadingWords.Key(heading).Length == 0 || name.Length == 0)
                throw new ImportRefusedException($"--column takes \"HEADING=field\", e.g. --column \"Target date=deadline\", not '{spec}'.");
            if (name.Equals("ignore", StringComparison.OrdinalIgnoreCase)) byKey[HeadingWords.Key(heading)] = null;
            else byKey[HeadingWords.Key(heading)] = HeadingWords.ParseField(name) ?? throw new ImportRefusedException(
                $"--column \"{spec}\": '{name}' is not a field. Fields: {FieldList}, or ignore.");
        }
        return new ColumnChoices(byKey);
    }

    /// <summary>"number, theme, keyAction, deadline, lead, rag, comments, status, hide".</summary>
    public static string FieldList => string.Join(", ", Enum.GetValues<TrackerField>().Select(HeadingWords.FieldName));
}
