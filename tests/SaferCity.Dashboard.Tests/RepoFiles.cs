namespace SaferCity.Dashboard.Tests;

/// <summary>Files from the repository the tests need at run time (npm's axe-core, installed by `npm ci`).</summary>
internal static class RepoFiles
{
    public static string AxeScript
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", "axe-core", "axe.min.js");
                if (File.Exists(candidate)) return candidate;
                if (File.Exists(Path.Combine(dir.FullName, "package.json"))) break;
            }
            throw new InvalidOperationException("axe-core is not installed: run `npm ci` in the repository root.");
        }
    }

    /// <summary>Where artefacts (screenshots, the PDF) are kept: TestResults next to the test assembly.</summary>
    public static string Artefact(string name)
    {
        var dir = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
