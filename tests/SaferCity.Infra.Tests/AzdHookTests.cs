using System.Diagnostics;
using System.Text.RegularExpressions;

namespace SaferCity.Infra.Tests;

/// <summary>azure.yaml's hooks point at scripts that exist and parse; nothing here runs them against Azure.</summary>
public class AzdHookTests
{
    [Theory]
    [InlineData("preprovision")]
    [InlineData("postprovision")]
    [InlineData("postdeploy")]
    public void AzureYaml_Hook_RunsAnExistingShellScriptThatParses(string hook)
    {
        var yaml = InfraPaths.ReadRepo("azure.yaml").Replace("\r\n", "\n", StringComparison.Ordinal);

        var match = Regex.Match(yaml, $@"(?m)^  {hook}:\n    shell: sh\n    run: \./(?<path>\S+)$");
        Assert.True(match.Success, $"azure.yaml has no sh hook '{hook}'");
        var script = Path.Combine(InfraPaths.RepositoryRoot, match.Groups["path"].Value);
        Assert.True(File.Exists(script), $"{script} does not exist");
        Assert.StartsWith("#!/bin/sh\n", File.ReadAllText(script), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(script) & UnixFileMode.UserExecute) != 0, $"{script} is not executable");
        }

        var start = new ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-n");
        start.ArgumentList.Add(script);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"sh -n {script}: {errors}");
    }

    [Fact]
    public void Hooks_EveryVariableRead_IsAnOutputOfMainOrSetByAzd()
    {
        // azd hands hooks its environment: the template's outputs plus its own AZURE_ENV_NAME.
        var outputs = ArmTemplate.Main.Document.RootElement.GetProperty("outputs").EnumerateObject().Select(o => o.Name).ToHashSet();
        outputs.Add("AZURE_ENV_NAME");

        var read = Directory.EnumerateFiles(Path.Combine(InfraPaths.InfraDirectory, "hooks"), "*.sh")
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), @"\$\{?([A-Z][A-Z0-9_]+)").Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(read);
        Assert.All(read, variable => Assert.Contains(variable, outputs));
    }

    [Fact]
    public void PostprovisionHook_StaticWebsite_IsSwitchedOnOnlyInTheFallback()
    {
        var script = InfraPaths.ReadInfra("hooks/postprovision.sh");

        var guard = script.IndexOf("if [ \"${STATIC_WEBSITE_IN_TEMPLATE:-true}\" = \"false\" ]; then", StringComparison.Ordinal);
        var command = script.IndexOf("az storage blob service-properties update", StringComparison.Ordinal);
        Assert.True(guard >= 0 && command > guard, "the static website command must sit under the fallback guard");
        Assert.Contains("--auth-mode login", script[command..], StringComparison.Ordinal);
    }
}
