using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace SaferCity.Core.Html;

/// <summary>
/// Writes HTML that is safe by construction: tag and attribute names come from code,
/// and every text or attribute value goes through the encoder. There is no way to write
/// an unencoded value, so nothing from the list can become markup.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001",
    Justification = "The StringWriter only wraps the StringBuilder: it holds nothing that disposing would release.")]
public sealed class HtmlWriter
{
    // All of Unicode passes through as characters (readable, compact); markup characters are always encoded.
    internal static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _sb;
    private readonly StringWriter _writer;

    public HtmlWriter(int capacity = 16 * 1024)
    {
        _sb = new StringBuilder(capacity);
        _writer = new StringWriter(_sb);
    }

    /// <summary>How many characters <paramref name="text"/> takes once encoded (Encode returns the text itself when nothing needs it).</summary>
    internal static int EncodedLength(string text) => Encoder.Encode(text).Length;

    public HtmlWriter Doctype()
    {
        _sb.Append("<!DOCTYPE html>\n");
        return this;
    }

    public HtmlWriter Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        _sb.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null) continue;
            _sb.Append(' ').Append(name).Append("=\"");
            Encoder.Encode(_writer, value);
            _sb.Append('"');
        }
        _sb.Append('>');
        return this;
    }

    /// <summary>An element with no content and no closing tag (meta, link, input, br).</summary>
    public HtmlWriter Void(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes) => Open(tag, attributes);

    public HtmlWriter Close(string tag)
    {
        _sb.Append("</").Append(tag).Append('>');
        return this;
    }

    public HtmlWriter Text(string? text)
    {
        if (!string.IsNullOrEmpty(text)) Encoder.Encode(_writer, text);
        return this;
    }

    public HtmlWriter Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes) =>
        Open(tag, attributes).Text(text).Close(tag);

    /// <summary>
    /// Markup only Outlook's Word engine reads (<c>&lt;!--[if mso]&gt;…&lt;![endif]--&gt;</c>); every other client sees a comment.
    /// The content goes through this writer, so it is encoded like the rest, and encoded text can never hold "--&gt;".
    /// </summary>
    public HtmlWriter OutlookOnly(Action<HtmlWriter> content)
    {
        _sb.Append("<!--[if mso]>");
        content(this);
        _sb.Append("<![endif]-->");
        return this;
    }

    /// <summary>Markup every client reads except Outlook's Word engine ("downlevel-revealed": to others the markers are two comments).</summary>
    public HtmlWriter NotOutlook(Action<HtmlWriter> content)
    {
        _sb.Append("<!--[if !mso]><!-->");
        content(this);
        _sb.Append("<!--<![endif]-->");
        return this;
    }

    public HtmlWriter Line()
    {
        _sb.Append('\n');
        return this;
    }

    /// <summary>Appends what another writer wrote (safe by the same construction): a section rendered before the text that introduces it.</summary>
    public HtmlWriter Append(HtmlWriter other)
    {
        _sb.Append(other._sb);
        return this;
    }

    /// <summary>Characters written so far: lets a page stop adding rows before it grows past a size budget.</summary>
    public int Length => _sb.Length;

    public override string ToString() => _sb.ToString();
}
