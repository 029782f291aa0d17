using System.Text.Json;
using System.Text.RegularExpressions;

namespace SaferCity.Infra.Tests;

/// <summary>The templates keep the contract of the product brief: setting names, identity-only auth, azd wiring.</summary>
public class InfraContractTests
{
    /// <summary>Every application setting the app and the CLI read, by the brief's exact names.</summary>
    public static readonly string[] ContractSettings =
    [
        "Tracker__SiteUrl",
        "Tracker__ListName",
        "Tracker__LeadsListName",
        "Graph__BaseUrl",
        "SendGrid__ApiKey",
        "SendGrid__Host",
        "SendGrid__From",
        "Reminders__Coordinator",
        "Reminders__DueSoonDays",
        "Reminders__EscalateAfterDays",
        "Drift__WindowDays",
        "Storage__AccountUrl",
        "AZURE_CLIENT_ID",
        "RefreshSchedule",
        "ReminderSchedule",
        "Dashboard__PublicUrl",
    ];

    public static TheoryData<string> ContractSettingNames() => new(ContractSettings);

    private static string AppSettingsText() => InfraPaths.ReadInfra("main.bicep") + "\n" + InfraPaths.ReadInfra("app/api.bicep");

    private static bool DefinesKey(string bicep, string key) =>
        Regex.IsMatch(bicep, $@"^\s*'?{Regex.Escape(key)}'?\s*:", RegexOptions.Multiline);

    [Theory]
    [MemberData(nameof(ContractSettingNames))]
    public void AppSettings_MainTemplate_DefineContractSetting(string setting)
    {
        Assert.True(DefinesKey(AppSettingsText(), setting), $"No app setting '{setting}' in main.bicep or app/api.bicep");
    }

    [Theory]
    [InlineData("AzureWebJobsStorage__accountName")]
    [InlineData("AzureWebJobsStorage__credential")]
    [InlineData("AzureWebJobsStorage__clientId")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("APPLICATIONINSIGHTS_AUTHENTICATION_STRING")]
    public void AppSettings_ApiModule_DefineIdentityBasedRuntimeSetting(string setting)
    {
        Assert.True(DefinesKey(InfraPaths.ReadInfra("app/api.bicep"), setting), $"No runtime setting '{setting}' in app/api.bicep");
    }

    [Fact]
    public void AppSettings_ApiModule_UseManagedIdentityCredentialAndAadTelemetry()
    {
        var api = InfraPaths.ReadInfra("app/api.bicep");

        Assert.Contains("AzureWebJobsStorage__credential: 'managedidentity'", api, StringComparison.Ordinal);
        Assert.Contains("Authorization=AAD", api, StringComparison.Ordinal);
        Assert.Contains("keyVaultReferenceIdentity: identityId", api, StringComparison.Ordinal);
    }

    [Fact]
    public void SendGridSecret_KeyVaultModule_IsCreatedOnlyWhenKeyGiven()
    {
        var keyVault = InfraPaths.ReadInfra("app/keyvault.bicep");

        Assert.Contains("enableRbacAuthorization: true", keyVault, StringComparison.Ordinal);
        Assert.Matches(@"@secure\(\)[^\n]*\n[^\n]*\n?param sendGridApiKey string = ''", keyVault);
        Assert.Contains("= if (!empty(sendGridApiKey))", keyVault, StringComparison.Ordinal);
    }

    [Fact]
    public void Infra_AllFiles_UseNoSharedKeysOrAccountKeyConnectionStrings()
    {
        var files = Directory.EnumerateFiles(InfraPaths.InfraDirectory, "*", SearchOption.AllDirectories)
            .Append(Path.Combine(InfraPaths.RepositoryRoot, "azure.yaml"));

        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain("listKeys(", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("AccountKey=", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("allowSharedKeyAccess: true", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Monitoring_Module_DisablesLocalAuth()
    {
        Assert.Contains("DisableLocalAuth: true", InfraPaths.ReadInfra("app/monitoring.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_ApiModule_IsFlexConsumptionDotnetIsolated10()
    {
        var main = InfraPaths.ReadInfra("main.bicep");
        var api = InfraPaths.ReadInfra("app/api.bicep");

        Assert.Contains("runtimeName: 'dotnet-isolated'", main, StringComparison.Ordinal);
        Assert.Contains("runtimeVersion: '10.0'", main, StringComparison.Ordinal);
        Assert.Contains("tier: 'FlexConsumption'", api, StringComparison.Ordinal);
        Assert.Contains("kind: 'functionapp,linux'", api, StringComparison.Ordinal);
        Assert.Contains("'azd-service-name': serviceName", api, StringComparison.Ordinal);
        Assert.Contains("type: 'UserAssignedIdentity'", api, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("refreshSchedule", "0 5 * * * *")]
    [InlineData("reminderSchedule", "0 0 6,7 * * *")]
    [InlineData("trackerListName", "SCP Progress Monitoring")]
    [InlineData("leadsListName", "SCP Leads")]
    [InlineData("graphBaseUrl", "https://graph.microsoft.com/v1.0")]
    [InlineData("sendGridHost", "https://api.sendgrid.com")]
    public void Parameters_MainTemplate_HaveBriefDefaults(string parameter, string expected)
    {
        Assert.Contains($"param {parameter} string = '{expected}'", InfraPaths.ReadInfra("main.bicep"), StringComparison.Ordinal);
    }

    [Fact]
    public void ParametersFile_EveryParameter_IsDeclaredInMainTemplate()
    {
        var main = InfraPaths.ReadInfra("main.bicep");
        using var parameters = JsonDocument.Parse(InfraPaths.ReadInfra("main.parameters.json"));

        var names = parameters.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("environmentName", names);
        Assert.Contains("location", names);
        Assert.Contains("sendGridApiKey", names);
        foreach (var name in names)
        {
            Assert.Matches($@"(?m)^param {Regex.Escape(name)} ", main);
        }
    }

    [Fact]
    public void AzureYaml_ApiService_DeploysFunctionsProject()
    {
        var yaml = InfraPaths.ReadRepo("azure.yaml").Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.Matches(@"(?m)^services:\n  api:\n    project: \./functions/SaferCity\.Functions\n    language: dotnet\n    host: function$", yaml);
    }

    [Theory]
    [InlineData("AZURE_CLIENT_ID")]
    [InlineData("AZURE_FUNCTION_APP_NAME")]
    [InlineData("DASHBOARD_URL")]
    [InlineData("DASHBOARD_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_STORAGE_ACCOUNT_NAME")]
    [InlineData("AZURE_MANAGED_IDENTITY_PRINCIPAL_ID")]
    [InlineData("AZURE_KEY_VAULT_NAME")]
    [InlineData("REFRESH_NOW_URL")]
    [InlineData("UPDATES_BASE_URL")]
    public void Outputs_MainTemplate_IncludeAzdOutput(string output)
    {
        Assert.Matches($@"(?m)^output {output} string = ", InfraPaths.ReadInfra("main.bicep"));
    }
}
