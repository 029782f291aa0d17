using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SaferCity.Infrastructure.Import;

/// <summary>
/// What Word does not show: a table row marked hidden (<c>w:trPr/w:hidden</c>), and hidden text (<c>w:vanish</c>, Font ›
/// Hidden) set on the run, or through its character style or its paragraph's style (each style read with those it is
/// based on). Hidden content is often what someone meant to keep out of a printed copy, so it is never published.
/// </summary>
internal sealed class DocxHidden(Styles? styles)
{
    private readonly Dictionary<string, bool?> byStyle = new(StringComparer.Ordinal);

    public static bool IsHiddenRow(TableRow row) => row.TableRowProperties?.GetFirstChild<Hidden>() is { } mark && On(mark.Val);

    public bool IsHidden(Text text)
    {
        var run = text.Ancestors<Run>().FirstOrDefault();
        if (run is null) return false;
        // The run's own setting wins over its character style, which wins over its paragraph's style.
        if (run.RunProperties?.Vanish is { } vanish) return On(vanish.Val);
        if (run.RunProperties?.RunStyle?.Val?.Value is { } character && StyleVanish(character) is { } byCharacter) return byCharacter;
        var paragraph = run.Ancestors<Paragraph>().FirstOrDefault();
        return paragraph?.ParagraphProperties?.ParagraphStyleId?.Val?.Value is { } style && StyleVanish(style) == true;
    }

    /// <summary>Whether a style, or the first style it is based on that says so, hides text; null when none says.</summary>
    private bool? StyleVanish(string id, int depth = 0)
    {
        if (byStyle.TryGetValue(id, out var known)) return known;
        var style = styles?.Elements<Style>().FirstOrDefault(s => s.StyleId?.Value == id);
        bool? result = null;
        if (style?.StyleRunProperties?.Vanish is { } vanish) result = On(vanish.Val);
        else if (style?.BasedOn?.Val?.Value is { } basedOn && depth < 10) result = StyleVanish(basedOn, depth + 1);
        byStyle[id] = result;
        return result;
    }

    /// <summary>An on/off element with no value is on.</summary>
    private static bool On(OnOffValue? value) => value?.Value ?? true;
}
