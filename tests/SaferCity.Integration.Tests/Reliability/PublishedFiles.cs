using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SaferCity.Integration.Tests.Reliability;

/// <summary>
/// Checks on what a run published (a folder's files or a container's blobs, name → bytes): nothing in it can run,
/// nothing private in it. Each check fails naming the file and what was found.
/// </summary>
internal static class PublishedFiles
{
    public static Dictionary<string, byte[]> FromFolder(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), File.ReadAllBytes, StringComparer.Ordinal);

    /// <summary>
    /// Every published file, whatever its type (HTML, JSON, CSV, assets, every blob): nothing private, as judged by
    /// <see cref="PrivacyScanner"/> from the run's own inputs, independently of the product's redactor.
    /// </summary>
    public static void AssertNothingPrivate(IReadOnlyDictionary<string, byte[]> files, PrivacyScanner scanner)
    {
        Assert.NotEmpty(files);
        Assert.Contains("index.html", files.Keys);
        Assert.Contains("dashboard.json", files.Keys);
        Assert.Contains("feed.xml", files.Keys);
        var findings = scanner.Scan(files);
        Assert.True(findings.Count == 0, "published files hold private text:\n" + string.Join("\n", findings.Take(20)));
    }

    /// <summary>The page as a browser parses it: only the template's own external scripts, no handlers, no script URLs, no embedded frames or
    /// styles.</summary>
    public static IDocument AssertInertPage(byte[] html, params string[] allowedScripts)
    {
        var document = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(html));
        foreach (var script in document.QuerySelectorAll("script"))
        {
            var src = script.GetAttribute("src");
            Assert.True(src is not null
                && allowedScripts.Any(a =>
                    src.StartsWith(a, StringComparison.Ordinal)), $"unexpected script: {script.OuterHtml[..Math.Min(200, script.OuterHtml.Length)]}");
            Assert.True(string.IsNullOrWhiteSpace(script.TextContent), "a script element has inline code");
        }
        AssertInertMarkup(document, allowFavicon: true);
        return document;
    }

    /// <summary>No element from data: no on* attribute, no javascript:/data: link or source, no iframe/frame/style/object/embed/base.</summary>
    public static void AssertInertMarkup(IDocument document, bool allowFavicon)
    {
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase),
                    $"event handler attribute {attribute.Name} on <{element.LocalName}>");
                if (attribute.Name is not ("href" or "src" or "action" or "formaction" or "xlink:href" or "srcset")) continue;
                var value = new string(attribute.Value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)).ToArray());
                var favicon = allowFavicon && element.LocalName == "link" && element.GetAttribute("rel") == "icon" && value == "data:,";
                Assert.False(value.StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), $"javascript: URL on <{element.LocalName}>");
                Assert.False(value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) && !favicon, $"data: URL on <{element.LocalName}>");
                Assert.False(value.StartsWith("vbscript:", StringComparison.OrdinalIgnoreCase), $"vbscript: URL on <{element.LocalName}>");
            }
        }
        foreach (var tag in new[] { "iframe", "frame", "style", "object", "embed", "base" })
            Assert.Empty(document.QuerySelectorAll(tag));
    }

    /// <summary>No cell a spreadsheet would evaluate: every cell starting with = + - @ (or tab/CR) has been defused.</summary>
    public static int AssertCsvDefused(byte[] csv)
    {
        var cells = ParseCsv(Encoding.UTF8.GetString(csv).TrimStart('\uFEFF'));
        foreach (var cell in cells)
            Assert.False(cell.Length > 0
                && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', $"CSV cell would be evaluated: {cell[..Math.Min(80, cell.Length)]}");
        return cells.Count;
    }

    /// <summary>RFC 4180: commas, quotes doubled inside quoted cells, newlines inside quoted cells.</summary>
    private static List<string> ParseCsv(string text)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"' && cell.Length == 0) quoted = true;
            else if (c is ',' or '\n')
            {
                cells.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
            }
            else cell.Append(c);
        }
        if (cell.Length > 0) cells.Add(cell.ToString().TrimEnd('\r'));
        return cells;
    }
}
