using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Cli.Tests;

/// <summary>Which credential each command signs in with, from the settings alone; the device-code prompt; the settings' refusals.</summary>
public sealed class AdminSignInTests
{
    private const string ClientId = "1b2c3d4e-0000-4000-8000-000000000001";

    private static GraphSignIn? SignInFor(string command, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var services = new ServiceCollection().AddAdminSignIn(configuration, command, TextWriter.Null).BuildServiceProvider();
        return services.GetService<GraphSignIn>();
    }

    private static Dictionary<string, string?> Admin(string? method = null) => new()
    {
        ["Graph:AdminClientId"] = ClientId, ["Graph:TenantId"] = "contoso.onmicrosoft.com", ["Graph:AdminSignIn"] = method,
    };

    [Theory]
    [InlineData("provision")]
    [InlineData("import")]
    [InlineData("check")]
    public void AddAdminSignIn_AdminCommandWithClientId_SignsInByDeviceCode(string command)
    {
        Assert.IsType<DeviceCodeCredential>(SignInFor(command, Admin())?.Credential);
    }

    [Fact]
    public void AddAdminSignIn_BrowserChosen_SignsInThroughTheBrowser()
    {
        Assert.IsType<InteractiveBrowserCredential>(SignInFor("provision", Admin("Browser"))?.Credential);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("serve")]
    [InlineData("erase")]
    public void AddAdminSignIn_NotAnAdminCommand_KeepsTheAppsIdentity(string command)
    {
        Assert.Null(SignInFor(command, Admin()));
    }

    [Fact]
    public void AddAdminSignIn_NoClientId_KeepsTheDefaultCredential()
    {
        Assert.Null(SignInFor("provision", new() { ["Graph:TenantId"] = "contoso.onmicrosoft.com" }));
    }

    [Fact]
    public void Prompt_DeviceCode_OnePlainLineWithAddressCodeAndExpiry()
    {
        var info = DeviceCode("ABCD-1234", new DateTimeOffset(2026, 12, 7, 18, 45, 0, TimeSpan.Zero));

        var prompt = AdminSignIn.Prompt(info);

        Assert.Equal("To sign in as a SharePoint admin, open https://microsoft.com/devicelogin and enter the code ABCD-1234 " +
            "(valid until 18:45 UTC).", prompt);
    }

    [Fact]
    public async Task DeviceCodeOptions_CodeArrives_WritesTheOneLineToTheGivenWriter()
    {
        using var stderr = new StringWriter();
        var admin = new AdminSignInOptions { AdminClientId = ClientId, TenantId = "contoso.onmicrosoft.com" };
        var options = AdminSignIn.DeviceCodeOptions(admin, stderr);

        await options.DeviceCodeCallback(DeviceCode("WXYZ-9876", DateTimeOffset.UnixEpoch), CancellationToken.None);

        Assert.Equal([AdminSignIn.Prompt(DeviceCode("WXYZ-9876", DateTimeOffset.UnixEpoch)), ""], stderr.ToString().Split(Environment.NewLine));
        Assert.Equal((ClientId, "contoso.onmicrosoft.com"), (options.ClientId, options.TenantId));
    }

    [Fact]
    public void Identity_NoClientIdOnRealGraph_NamesTheDefaultCredentialAndWhatListCreationNeeds()
    {
        var line = AdminSignIn.Identity("provision", new GraphOptions(), new AdminSignInOptions());

        Assert.NotNull(line);
        Assert.DoesNotContain('\n', line);
        Assert.Contains("DefaultAzureCredential", line, StringComparison.Ordinal);
        Assert.Contains("more than Sites.Selected write", line, StringComparison.Ordinal);
        Assert.Contains("Graph__AdminClientId", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_ClientIdSet_NamesTheRegistrationAndTheMethod()
    {
        var line = AdminSignIn.Identity("check", new GraphOptions(),
            new AdminSignInOptions { AdminClientId = ClientId, TenantId = "contoso.onmicrosoft.com" });

        Assert.Equal($"Signing in as a person through the app registration {ClientId} (device code, tenant contoso.onmicrosoft.com).", line);
        Assert.Null(AdminSignIn.Identity("run", new GraphOptions(), new AdminSignInOptions { AdminClientId = ClientId }));
    }

    [Theory]
    [InlineData("Graph__AdminClientId", "safercity-admin", "Graph__AdminClientId: the Application (client) id of the admin app registration")]
    [InlineData("Graph__TenantId", "contoso onmicrosoft", "Graph__TenantId: the Directory (tenant) id, a GUID, or the tenant's domain")]
    [InlineData("Graph__AdminSignIn", "Phone", "Graph__AdminSignIn must be one of DeviceCode, Browser, not 'Phone'.")]
    public async Task Check_MalformedSignInSetting_RefusedInOneLineBeforeAnyRequest(string name, string value, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            ["Tracker__SiteUrl"] = "https://contoso.sharepoint.com/sites/scp", ["Graph__AdminClientId"] = ClientId,
            ["Graph__TenantId"] = "contoso.onmicrosoft.com", [name] = value,
        };

        var (exit, stdout, stderr) = await CliProcess.RunAsync(settings, "check");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.StartsWith(expected, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Provision_ClientIdWithoutTenant_RefusedNamingGraphTenantId()
    {
        var settings = new Dictionary<string, string>
        {
            ["Tracker__SiteUrl"] = "https://contoso.sharepoint.com/sites/scp", ["Graph__AdminClientId"] = ClientId,
        };

        var (exit, _, stderr) = await CliProcess.RunAsync(settings, "provision");

        Assert.Equal(2, exit);
        Assert.Equal("Graph__TenantId must be set with Graph__AdminClientId: the Directory (tenant) id or domain of the admin app registration.",
            stderr.Trim());
    }

    private static DeviceCodeInfo DeviceCode(string code, DateTimeOffset expires) =>
        IdentityModelFactory.DeviceCodeInfo(code, code, new Uri("https://microsoft.com/devicelogin"), expires, "Azure's own text", ClientId,
            ["https://graph.microsoft.com/.default"]);
}
