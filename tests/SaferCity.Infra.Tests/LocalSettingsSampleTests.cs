using System.Text.Json;

namespace SaferCity.Infra.Tests;

public class LocalSettingsSampleTests
{
    private static Dictionary<string, string> Values()
    {
        using var sample = JsonDocument.Parse(
            InfraPaths.ReadRepo("functions/SaferCity.Functions/local.settings.sample.json"));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal);
    }

    public static TheoryData<string> ContractSettingNames() => new(InfraContractTests.ContractSettings);

    [Theory]
    [MemberData(nameof(ContractSettingNames))]
    public void LocalSettingsSample_ContractSetting_IsPresent(string setting)
    {
        Assert.Contains(setting, Values().Keys);
    }

    [Fact]
    public void LocalSettingsSample_Runtime_UsesAzuriteAndIsolatedWorker()
    {
        var values = Values();

        Assert.Equal("UseDevelopmentStorage=true", values["AzureWebJobsStorage"]);
        Assert.Equal("dotnet-isolated", values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("UseDevelopmentStorage=true", values["Storage__ConnectionString"]);
    }

    [Fact]
    public void LocalSettingsSample_GraphBaseUrl_IsRealGraphNotLoopback()
    {
        Assert.Equal("https://graph.microsoft.com/v1.0", Values()["Graph__BaseUrl"]);
    }
}
