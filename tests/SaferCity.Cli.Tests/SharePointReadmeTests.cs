namespace SaferCity.Cli.Tests;

/// <summary>The README's SharePoint section as an admin with an existing list reads it: `check` first.</summary>
public sealed class SharePointReadmeTests
{
    [Fact]
    public void Readme_SharePointSection_StartsWithCheckAndItsCommand()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "SaferCity.Functions.sln"))) root = root.Parent!;
        var lines = File.ReadAllLines(Path.Combine(root.FullName, "README.md"));
        var section = Array.IndexOf(lines, "## Connect your SharePoint list");
        Assert.True(section >= 0, "README.md has no section 'Connect your SharePoint list'");

        var body = lines.Skip(section + 1).SkipWhile(string.IsNullOrWhiteSpace).ToList();
        Assert.StartsWith("Start with `check`", body[0], StringComparison.Ordinal);
        var firstCommand = body.SkipWhile(l => !l.StartsWith("```", StringComparison.Ordinal)).Skip(1).First();
        Assert.EndsWith("-- check", firstCommand, StringComparison.Ordinal);
    }
}
