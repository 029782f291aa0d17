using System.Text.Json;
using System.Text.RegularExpressions;

namespace SaferCity.Infra.Tests;

/// <summary>
/// infra/README.md and the main README say what the template really does: each azd variable has its
/// `azd env set` line, each app setting the template writes is listed with where its value comes from,
/// and the reminder schedule is described as the default the template sets.
/// </summary>
public class DeploymentDocsTests
{
    /// <summary>Variables azd fills in itself; nobody sets them.</summary>
    private static readonly string[] SetByAzd = ["AZURE_ENV_NAME", "AZURE_PRINCIPAL_ID"];

    private static string InfraReadme => InfraPaths.ReadInfra("README.md");

    private static string MainReadme => InfraPaths.ReadRepo("README.md");

    /// <summary>main.parameters.json: parameter name → the azd variable it reads.</summary>
    private static Dictionary<string, string> AzdVariables()
    {
        using var parameters = JsonDocument.Parse(InfraPaths.ReadInfra("main.parameters.json"));
        return parameters.RootElement.GetProperty("parameters").EnumerateObject()
            .Select(p => (p.Name, Match: Regex.Match(p.Value.GetProperty("value").GetString() ?? "", @"^\$\{([A-Z0-9_]+)(=[^}]*)?\}$")))
            .Where(p => p.Match.Success)
            .ToDictionary(p => p.Name, p => p.Match.Groups[1].Value, StringComparer.Ordinal);
    }

    [Fact]
    public void InfraReadme_EveryAzdVariable_HasAnAzdEnvSetLine()
    {
        var documented = Regex.Matches(InfraReadme, @"azd env set ([A-Z0-9_]+) ").Select(m => m.Groups[1].Value).ToHashSet();

        var missing = AzdVariables().Values.Except(SetByAzd).Where(v => !documented.Contains(v)).ToList();

        Assert.True(missing.Count == 0, $"infra/README.md has no `azd env set` line for: {string.Join(", ", missing)}");
    }

    [Fact]
    public void InfraReadme_AppSettingsTable_SaysWhereEveryTemplateSettingComesFrom()
    {
        var api = ArmTemplate.Main.Resources.Single(r => r.Type == "Microsoft.Resources/deployments"
            && r.Json.GetProperty("name").GetString() == "api");
        var settings = api.Json.GetProperty("properties").GetProperty("parameters").GetProperty("appSettings").GetProperty("value")
            .EnumerateObject().ToList();
        var variables = AzdVariables();
        var table = Regex.Match(InfraReadme, @"(?m)^\| App setting \| Its value \|\n(\|.*\n)+").Value;
        var rows = Regex.Matches(table, @"(?m)^\| `(?<setting>[A-Za-z_]+)` \|(?<rest>.*)$")
            .ToDictionary(m => m.Groups["setting"].Value, m => m.Groups["rest"].Value, StringComparer.Ordinal);

        Assert.NotEmpty(settings);
        foreach (var setting in settings)
        {
            Assert.True(rows.TryGetValue(setting.Name, out var row), $"infra/README.md has no table row for the app setting {setting.Name}");
            var value = api.In.Resolve(setting.Value);
            var parameter = Regex.Match(value, @"parameters\('(\w+)'\)");
            if (value.Contains("@Microsoft.KeyVault", StringComparison.Ordinal))
                Assert.Contains("Key Vault", row, StringComparison.Ordinal);
            else if (parameter.Success && variables.TryGetValue(parameter.Groups[1].Value, out var variable))
                Assert.Contains($"`{variable}`", row, StringComparison.Ordinal);
            else if (parameter.Success)
                Assert.Contains($"`{parameter.Groups[1].Value}` parameter", row, StringComparison.Ordinal);
            else
                Assert.Contains("automatically", row, StringComparison.Ordinal);
        }
        // The update form's address is set on the app's own host name (selfUrlSettings), also automatically.
        Assert.Contains("automatically", rows["Updates__BaseUrl"], StringComparison.Ordinal);
    }

    [Fact]
    public void Readmes_ReminderSchedule_AreTheTemplateDefaultAndSayWhatItDoes()
    {
        var schedule = ArmTemplate.Main.Document.RootElement.GetProperty("parameters").GetProperty("reminderSchedule")
            .GetProperty("defaultValue").GetString()!;
        var fields = schedule.Split(' ');
        Assert.Equal(["0", "0", "6,7", "*", "*", "*"], fields);

        Assert.Contains($"azd env set REMINDER_SCHEDULE \"{schedule}\"", InfraReadme, StringComparison.Ordinal);
        Assert.Contains($"\"ReminderSchedule\": \"{schedule}\"", InfraPaths.ReadRepo("functions/SaferCity.Functions/local.settings.sample.json"),
            StringComparison.Ordinal);
        Assert.Contains($"`ReminderSchedule` (default `{schedule}`)",
            Paragraphs(MainReadme).Single(p => p.Contains("`SendReminders` on", StringComparison.Ordinal)), StringComparison.Ordinal);
        // The default fires every day (day-of-week field '*'): wherever a README says when it fires, it says every
        // day, and what the days other than Monday do.
        foreach (var (name, text) in new[] { ("infra/README.md", InfraReadme), ("README.md", MainReadme) })
        {
            var firing = Paragraphs(text).Where(p => p.Contains("fires at 06:00", StringComparison.Ordinal)).ToList();
            Assert.True(firing.Count > 0, $"{name} does not say when the reminder schedule fires");
            Assert.All(firing, p =>
            {
                Assert.Contains("every day", p, StringComparison.Ordinal);
                Assert.DoesNotContain("every Monday", p, StringComparison.Ordinal);
                Assert.Contains("still owes", p, StringComparison.Ordinal);
            });
        }
    }

    [Theory]
    [InlineData("-- provision")] // a new site: the lists made for it
    [InlineData("Tracker__SiteUrl")] // … and filled by import, which writes to that site
    [InlineData("-- import ")]
    [InlineData("-- check")] // a list the partnership already keeps
    [InlineData("Hide from dashboard")] // … and how to add its hide column
    [InlineData("**The leads list.**")]
    public void InfraReadme_YourLists_CoversNewSiteExistingListAndLeads(string expected)
    {
        Assert.Contains(expected, Section(InfraReadme, "## Your lists"), StringComparison.Ordinal);
    }

    /// <summary>The text from a heading line to the next heading of the same or a higher level.</summary>
    private static string Section(string markdown, string heading)
    {
        var lines = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var start = Array.FindIndex(lines, l => l == heading);
        Assert.True(start >= 0, $"no heading '{heading}'");
        var level = heading.TakeWhile(c => c == '#').Count();
        var end = Array.FindIndex(lines, start + 1, l => Regex.IsMatch(l, $"^#{{1,{level}}} "));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }

    /// <summary>Paragraphs and list items, each joined onto one line.</summary>
    private static IEnumerable<string> Paragraphs(string markdown) =>
        Regex.Split(markdown.Replace("\r\n", "\n", StringComparison.Ordinal), @"\n\s*\n|\n(?=\s*- )")
            .Select(p => Regex.Replace(p, @"\s*\n\s*", " "));
}
