using System.Text.Json;

namespace SaferCity.Infra.Tests;

/// <summary>
/// What `azd up` sends to Azure: main.bicep compiled to ARM JSON by the real compiler. Values are followed
/// through module parameters and outputs, so each assertion names the principal, role and scope that
/// Azure would actually get.
/// </summary>
public class ArmTemplateTests
{
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string KeyVaultSecretsUser = "4633458b-17de-408a-b874-0445c86b69e6";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";
    private const string KeyVaultSecretsOfficer = "b86a8fe4-44ce-4948-aee5-eccb2c155cd7";

    private const string AppIdentity = "module('appIdentity').principalId";
    private const string Deployer = "parameters('principalId')";

    private static readonly Dictionary<string, string> Scopes = new()
    {
        ["runtime storage"] = "resourceId('Microsoft.Storage/storageAccounts', module('runtimeStorage').name)",
        ["dashboard storage"] = "resourceId('Microsoft.Storage/storageAccounts', module('dashboardStorage').name)",
        ["key vault"] = "resourceId('Microsoft.KeyVault/vaults', module('keyVault').name)",
        ["application insights"] = "resourceId('Microsoft.Insights/components', module('monitoring').applicationInsightsName)",
    };

    /// <summary>The Flex Consumption regions of Microsoft's Flex Consumption azd template (less its canary region).</summary>
    private static readonly string[] FlexConsumptionRegions =
    [
        "australiaeast", "centralindia", "centralus", "eastasia", "eastus", "eastus2", "francecentral",
        "germanywestcentral", "northcentralus", "northeurope", "southcentralus", "southeastasia",
        "swedencentral", "uksouth", "westcentralus", "westeurope", "westus2",
    ];

    private sealed record Assignment(string Principal, string Role, string Scope, string Condition);

    private static List<Assignment> RoleAssignments() =>
        ArmTemplate.Main.OfType("Microsoft.Authorization/roleAssignments")
            .Select(r => new Assignment(
                r.Resolve("properties.principalId")!,
                RoleId(r.Resolve("properties.roleDefinitionId")!),
                r.Resolve("scope")!,
                r.Condition))
            .ToList();

    private static string RoleId(string roleDefinitionId)
    {
        const string prefix = "subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '";
        Assert.StartsWith(prefix, roleDefinitionId, StringComparison.Ordinal);
        return roleDefinitionId[prefix.Length..].TrimEnd(')', '\'');
    }

    [Theory]
    [InlineData(StorageBlobDataOwner, "runtime storage")]
    [InlineData(StorageBlobDataContributor, "dashboard storage")]
    [InlineData(KeyVaultSecretsUser, "key vault")]
    [InlineData(MonitoringMetricsPublisher, "application insights")]
    public void Rbac_AppIdentity_GetsNamedBuiltInRole(string roleId, string scope)
    {
        var holders = RoleAssignments().Where(a => a.Role == roleId).ToList();

        var only = Assert.Single(holders);
        Assert.Equal(AppIdentity, only.Principal);
        Assert.Equal(Scopes[scope], only.Scope);
        Assert.Equal("true", only.Condition);
    }

    [Fact]
    public void Rbac_Deployer_GetsSecretsOfficerOnTheVaultOnlyWhenKnown()
    {
        var officer = Assert.Single(RoleAssignments(), a => a.Role == KeyVaultSecretsOfficer);

        Assert.Equal(Deployer, officer.Principal);
        Assert.Equal(Scopes["key vault"], officer.Scope);
        Assert.Equal("not(empty(parameters('principalId')))", officer.Condition);
    }

    [Fact]
    public void Rbac_MainTemplate_AssignsExactlyTheListedRoles()
    {
        // Anything more (a deployment script's Storage Account Contributor, a role on the resource
        // group) fails here and must be argued for in infra/README.md first.
        var expected = new[]
        {
            new Assignment(AppIdentity, StorageBlobDataOwner, Scopes["runtime storage"], "true"),
            new Assignment(AppIdentity, StorageBlobDataContributor, Scopes["dashboard storage"], "true"),
            new Assignment(AppIdentity, KeyVaultSecretsUser, Scopes["key vault"], "true"),
            new Assignment(AppIdentity, MonitoringMetricsPublisher, Scopes["application insights"], "true"),
            new Assignment(Deployer, KeyVaultSecretsOfficer, Scopes["key vault"], "not(empty(parameters('principalId')))"),
        };

        Assert.Equal(expected.OrderBy(a => a.Role), RoleAssignments().OrderBy(a => a.Role));
    }

    [Theory]
    [InlineData("Microsoft.Resources/deploymentScripts")]
    [InlineData("Microsoft.ContainerInstance/containerGroups")]
    public void Resources_MainTemplate_HaveNoDeploymentScriptOrContainer(string type)
    {
        Assert.Empty(ArmTemplate.Main.OfType(type));
    }

    [Fact]
    public void StaticWebsite_DashboardBlobService_IsEnabledByTheTemplate()
    {
        var resource = Assert.Single(
            ArmTemplate.Main.OfType("Microsoft.Storage/storageAccounts/blobServices"),
            r => r.In.Name == "dashboardStorage" && r.Resolve("properties.staticWebsite") is not null);

        Assert.Equal("2025-08-01", resource.ApiVersion);
        Assert.Equal("true", resource.Resolve("properties.staticWebsite.enabled"));
        Assert.Equal("'index.html'", resource.Resolve("properties.staticWebsite.indexDocument"));
        // Deployed unless the documented fallback is chosen, and the fallback is off by default.
        Assert.Equal("parameters('staticWebsiteInTemplate')", resource.Condition);
        Assert.True(MainParameterDefault("staticWebsiteInTemplate").GetBoolean());
    }

    [Fact]
    public void StaticWebsite_RuntimeBlobService_IsOff()
    {
        var enabled = ArmTemplate.Main.OfType("Microsoft.Storage/storageAccounts/blobServices")
            .Where(r => r.In.Name == "runtimeStorage" && r.Resolve("properties.staticWebsite") is not null)
            .Select(r => r.Resolve("properties.staticWebsite.enabled"));

        Assert.Equal(["false"], enabled);
    }

    [Fact]
    public void Storage_EveryAccount_ForbidsSharedKeyAndPublicBlobAccess()
    {
        var accounts = ArmTemplate.Main.OfType("Microsoft.Storage/storageAccounts")
            .Where(r => !r.Json.TryGetProperty("existing", out _))
            .ToList();

        Assert.Equal(["runtimeStorage", "dashboardStorage"], accounts.Select(a => a.In.Name));
        foreach (var account in accounts)
        {
            Assert.Equal("false", account.Resolve("properties.allowSharedKeyAccess"));
            Assert.Equal("false", account.Resolve("properties.allowBlobPublicAccess"));
            Assert.Equal("'TLS1_2'", account.Resolve("properties.minimumTlsVersion"));
        }
    }

    [Fact]
    public void Location_MainTemplate_IsRestrictedToUkFlexConsumptionRegions()
    {
        var location = ArmTemplate.Main.Document.RootElement.GetProperty("parameters").GetProperty("location");

        Assert.True(location.TryGetProperty("allowedValues", out var allowed), "location has no allowedValues");
        var regions = allowed.EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.Equal(["uksouth"], regions);
        Assert.All(regions, r => Assert.Contains(r, FlexConsumptionRegions));
    }

    [Fact]
    public void Location_EveryResource_IsTheLocationParameter()
    {
        var located = ArmTemplate.Main.Resources
            .Where(r => r.Json.TryGetProperty("location", out _) && !r.Json.TryGetProperty("existing", out _))
            .ToList();

        Assert.NotEmpty(located);
        Assert.All(located, r => Assert.Equal("parameters('location')", r.Resolve("location")));
    }

    [Fact]
    public void KeyVault_Vault_HasSoftDeleteAndPurgeProtection()
    {
        var vault = Assert.Single(ArmTemplate.Main.OfType("Microsoft.KeyVault/vaults"), r => !r.Json.TryGetProperty("existing", out _));

        Assert.Equal("true", vault.Resolve("properties.enableSoftDelete"));
        Assert.Equal("true", vault.Resolve("properties.enablePurgeProtection"));
        Assert.Equal("true", vault.Resolve("properties.enableRbacAuthorization"));
    }

    [Theory]
    [InlineData("SendGrid__ApiKey", "sendGridSecretUri")]
    [InlineData("Updates__SigningKey", "updatesSigningKeySecretUri")]
    public void AppSettings_Secret_IsKeyVaultReferenceToItsOwnSecret(string setting, string output)
    {
        var value = ApiAppSetting(setting);

        Assert.Equal($"format('@Microsoft.KeyVault(SecretUri={{0}})', module('keyVault').{output})", value);
    }

    [Fact]
    public void AppSettings_UpdatesSigningKeySecret_IsNamedForTheSetting()
    {
        var keyVault = ArmTemplate.Main.Module("keyVault");
        var name = keyVault.Template.GetProperty("parameters").GetProperty("updatesSigningKeySecretName").GetProperty("defaultValue");

        Assert.Equal("Updates--SigningKey", name.GetString());
        Assert.Contains("secrets/",
            keyVault.Resolve(keyVault.Template.GetProperty("outputs").GetProperty("updatesSigningKeySecretUri").GetProperty("value")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void AppSettings_UpdatesBaseUrl_IsTheAppsOwnUpdateRoute()
    {
        var api = ArmTemplate.Main.Resources.Single(r => r.Type == "Microsoft.Resources/deployments"
            && r.Json.GetProperty("name").GetString() == "api");
        var passed = api.In.Resolve(api.Json.GetProperty("properties").GetProperty("parameters").GetProperty("selfUrlSettings"));

        Assert.Equal(
            "if(parameters('updateLinks'), createObject('value', createObject('Updates__BaseUrl', parameters('updatesRoute'))), " +
            "createObject('value', createObject()))",
            passed);
        Assert.True(MainParameterDefault("updateLinks").GetBoolean());
        Assert.Equal("api/update", MainParameterDefault("updatesRoute").GetString());

        // In the api module, each self URL setting becomes https://<the app's default host name>/<path>,
        // merged into the app settings resource of the app itself.
        var settings = Assert.Single(api.Nested!.ResourceElements(), r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config");
        var properties = settings.GetProperty("properties").GetString()!;
        Assert.Contains("items(parameters('selfUrlSettings'))", properties, StringComparison.Ordinal);
        Assert.Contains(
            "format('https://{0}/{1}', reference(resourceId('Microsoft.Web/sites', parameters('name')), '2024-04-01').defaultHostName, " +
            "lambdaVariables('setting').value)",
            properties,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Dashboard__Title", "dashboardTitle", "DASHBOARD_TITLE")]
    [InlineData("Dashboard__ContactUrl", "dashboardContactUrl", "DASHBOARD_CONTACT_URL")]
    [InlineData("Reminders__CoordinatorName", "coordinatorName", "REMINDERS_COORDINATOR_NAME")]
    [InlineData("Reminders__Coordinator", "coordinatorEmail", "REMINDERS_COORDINATOR")]
    [InlineData("SendGrid__Host", "sendGridHost", "SENDGRID_HOST")]
    public void AppSettings_AzdVariable_ReachesItsAppSetting(string setting, string parameter, string variable)
    {
        // azd env set VARIABLE → main.parameters.json → main.bicep's parameter → the app setting of the same name.
        using var parameters = JsonDocument.Parse(InfraPaths.ReadInfra("main.parameters.json"));
        var value = parameters.RootElement.GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetString();

        Assert.Equal($"${{{variable}}}", value);
        Assert.Equal($"parameters('{parameter}')", ApiAppSetting(setting));
        // The api module writes every setting it is given into the app's settings resource.
        var api = ArmTemplate.Main.Module("api");
        var config = Assert.Single(api.ResourceElements(), r => r.GetProperty("type").GetString() == "Microsoft.Web/sites/config");
        Assert.StartsWith("[union(parameters('appSettings'),", config.GetProperty("properties").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dashboardTitle", "Safer City Partnership")]
    [InlineData("dashboardContactUrl", "")]
    [InlineData("coordinatorName", "")]
    [InlineData("sendGridHost", "https://api.sendgrid.com")]
    public void Parameters_OptionalAzdVariable_DefaultsToTheAppsOwnDefault(string parameter, string expected)
    {
        // An unset azd variable leaves the parameter to its default, which must be what the app does without the setting.
        Assert.Equal(expected, MainParameterDefault(parameter).GetString());
    }

    [Fact]
    public void AppSettings_DashboardPublicUrl_IsTheDashboardsStaticWebsiteAddress()
    {
        // Set by the template, never by the admin: infra/README.md says so.
        Assert.Equal("module('dashboardStorage').webEndpoint", ApiAppSetting("Dashboard__PublicUrl"));
        Assert.DoesNotContain("dashboardPublicUrl",
            ArmTemplate.Main.Document.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name));
    }

    private static string ApiAppSetting(string setting)
    {
        var api = ArmTemplate.Main.Resources.Single(r => r.Type == "Microsoft.Resources/deployments"
            && r.Json.GetProperty("name").GetString() == "api");
        var value = api.Json.GetProperty("properties").GetProperty("parameters").GetProperty("appSettings").GetProperty("value").GetProperty(setting);
        return api.In.Resolve(value);
    }

    private static JsonElement MainParameterDefault(string name) =>
        ArmTemplate.Main.Document.RootElement.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue");
}
