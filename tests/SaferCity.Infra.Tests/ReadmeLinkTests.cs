using System.Text.RegularExpressions;

namespace SaferCity.Infra.Tests;

/// <summary>
/// The README's first screen sends each reader down one of three paths, and every link between the README
/// and infra/README.md lands on a heading that exists (GitHub's heading anchors).
/// </summary>
public class ReadmeLinkTests
{
    private static readonly string[] Documents = ["README.md", "infra/README.md"];

    [Fact]
    public void Readme_FirstScreen_OffersThreePathsEachLinkingToItsSection()
    {
        var firstScreen = string.Join('\n', Lines("README.md").Take(30));

        var paths = Regex.Matches(firstScreen, @"(?m)^\d\. \*\*(?<path>[^*]+)\*\*.*\]\(#(?<anchor>[a-z0-9-]+)\)\.?$")
            .Select(m => (Path: m.Groups["path"].Value, Anchor: m.Groups["anchor"].Value))
            .ToList();

        Assert.Equal(["Try the sample", "Bring your tracker", "Connect your SharePoint list"], paths.Select(p => p.Path));
        Assert.All(paths, p => Assert.Contains(p.Anchor, Anchors("README.md")));
    }

    [Fact]
    public void Readmes_EveryLinkToAHeading_LandsOnOne()
    {
        var broken = new List<string>();
        foreach (var document in Documents)
        {
            var folder = Path.GetDirectoryName(document)!;
            foreach (Match link in Regex.Matches(string.Join('\n', Lines(document)), @"\]\((?<file>[^)#\s]*)#(?<anchor>[^)\s]+)\)"))
            {
                var file = link.Groups["file"].Value;
                var target = file.Length == 0 ? document : Path.GetRelativePath(".", Path.Combine(folder, file)).Replace('\\', '/');
                if (!File.Exists(Path.Combine(InfraPaths.RepositoryRoot, target)))
                    broken.Add($"{document}: {link.Value} (no file {target})");
                else if (target.EndsWith(".md", StringComparison.Ordinal) && !Anchors(target).Contains(link.Groups["anchor"].Value))
                    broken.Add($"{document}: {link.Value}");
            }
        }

        Assert.True(broken.Count == 0, "Links to headings that do not exist:\n" + string.Join('\n', broken));
    }

    /// <summary>The anchors GitHub gives a document's headings: lower case, punctuation dropped, spaces as hyphens.</summary>
    private static HashSet<string> Anchors(string document) =>
        Lines(document)
            .Where(l => Regex.IsMatch(l, "^#{1,6} "))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-'))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>A Markdown file's lines outside fenced code blocks.</summary>
    private static IEnumerable<string> Lines(string document)
    {
        var fenced = false;
        foreach (var line in File.ReadAllLines(Path.Combine(InfraPaths.RepositoryRoot, document)))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) fenced = !fenced;
            else if (!fenced) yield return line;
        }
    }
}
