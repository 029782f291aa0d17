using System.Text.Json;

namespace SaferCity.Infra.Tests;

public class BicepBuildTests
{
    public static TheoryData<string> BicepFiles() => new(InfraPaths.BicepFiles());

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public void BicepBuild_EveryFile_CompilesWithoutErrorsOrWarnings(string file)
    {
        var result = BicepCompiler.Build(Path.Combine(InfraPaths.InfraDirectory, file));

        Assert.True(result.ExitCode == 0, $"bicep build {file} exited {result.ExitCode}:\n{result.Output}");
        Assert.True(result.Diagnostics.Count == 0,
            $"bicep build {file} reported {result.Diagnostics.Count} diagnostic(s):\n" + string.Join('\n', result.Diagnostics));
        Assert.False(string.IsNullOrWhiteSpace(result.CompiledJson), $"bicep build {file} wrote no ARM template");
    }

    [Fact]
    public void BicepBuild_MainTemplate_CompilesWithoutWarnings()
    {
        var result = BicepCompiler.Build(Path.Combine(InfraPaths.InfraDirectory, "main.bicep"));

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Diagnostics);
        using var template = JsonDocument.Parse(result.CompiledJson);
        Assert.Contains(
            "subscriptionDeploymentTemplate",
            template.RootElement.GetProperty("$schema").GetString(),
            StringComparison.Ordinal);
    }

    /// <summary>Data residency: the compiler itself refuses a deployment's parameters that name a region outside the UK.</summary>
    [Theory]
    [InlineData("eastus", false)]
    [InlineData("ukwest", false)] // in the UK, but without Flex Consumption
    [InlineData("uksouth", true)]
    public void BuildParams_Location_OnlyUkSouthIsAccepted(string region, bool accepted)
    {
        var folder = Directory.CreateTempSubdirectory("bicep-params-");
        try
        {
            var template = Path.GetRelativePath(folder.FullName, Path.Combine(InfraPaths.InfraDirectory, "main.bicep")).Replace('\\', '/');
            var file = Path.Combine(folder.FullName, "deployment.bicepparam");
            File.WriteAllText(file, $"""
                using '{template}'
                param environmentName = 'residency'
                param location = '{region}'
                param coordinatorEmail = 'coordinator@example.gov.uk'
                param senderEmail = 'safercity@example.gov.uk'
                param trackerSiteUrl = 'https://contoso.sharepoint.com/sites/SaferCity'
                """);

            var result = BicepCompiler.BuildParams(file);

            if (accepted)
            {
                Assert.True(result.ExitCode == 0, result.Output);
                Assert.Empty(result.Diagnostics);
            }
            else
            {
                Assert.NotEqual(0, result.ExitCode);
                Assert.Contains($"Expected a value of type \"'uksouth'\" but the provided value is of type \"'{region}'\"", result.Output);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void BicepFiles_InfraFolder_IncludeMainTemplateAndModules()
    {
        var files = InfraPaths.BicepFiles();

        Assert.Contains("main.bicep", files);
        foreach (var module in new[] { "api", "storage", "monitoring", "keyvault", "rbac", "identity" })
        {
            Assert.Contains($"app/{module}.bicep", files);
        }
    }
}
