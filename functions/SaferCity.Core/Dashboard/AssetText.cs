using System.Text;
using System.Text.RegularExpressions;

namespace SaferCity.Core.Dashboard;

/// <summary>
/// The stylesheets and scripts as published: the files in dashboard/assets keep their comments and indentation for
/// whoever maintains them; readers download neither (the sample page's budget is 100 KB, every byte counted).
/// Only what cannot change meaning is removed: CSS block comments, whole-line <c>//</c> comments in scripts, and the
/// white space at either end of a line (the scripts hold no multi-line strings or template literals).
/// </summary>
public static partial class AssetText
{
    public static byte[] Publishable(string path, byte[] content)
    {
        var css = path.EndsWith(".css", StringComparison.Ordinal);
        if (!css && !path.EndsWith(".js", StringComparison.Ordinal)) return content;
        var text = Encoding.UTF8.GetString(content);
        if (css) text = CssComment().Replace(text, "");
        var sb = new StringBuilder(text.Length);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || (!css && line.StartsWith("//", StringComparison.Ordinal))) continue;
            sb.Append(line).Append('\n');
        }
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();
}
