using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Functions;
using SaferCity.Infrastructure;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Integration.Tests.Functions;

/// <summary>The Functions app's composition (as Program.cs does it) and the metadata the Worker SDK generates.</summary>
public sealed class FunctionsHostTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // What the Functions host itself provides before Program.cs runs.
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddSaferCity(configuration).AddSaferCityFunctions(configuration);
        return services.BuildServiceProvider();
    }

    private static Dictionary<string, string?> CloudSettings() => new()
    {
        ["Storage:AccountUrl"] = "https://safercitydash.blob.core.windows.net",
        ["Tracker:SiteUrl"] = "https://contoso.sharepoint.com/sites/SaferCity",
    };

    [Fact]
    public async Task Services_CloudSettings_ValidateAndResolveEveryFunction()
    {
        await using var provider = Build(CloudSettings());

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(ActivatorUtilities.CreateInstance<RefreshDashboard>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<SendReminders>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<RefreshNow>(provider));
        Assert.NotNull(ActivatorUtilities.CreateInstance<UpdateAction>(provider));
    }

    [Theory]
    [InlineData("Storage:AccountUrl", "Storage__AccountUrl")]
    [InlineData("Tracker:SiteUrl", "Tracker__SiteUrl")]
    public async Task Validate_RequiredCloudSettingMissing_FailsNamingIt(string key, string named)
    {
        var settings = CloudSettings();
        settings.Remove(key);
        await using var provider = Build(settings);

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, failure.Message);
    }

    [Theory]
    [InlineData(null, "SendGrid__ApiKey is not set")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/SendGrid--ApiKey/)", "Key Vault reference")]
    public async Task EmailSender_NoUsableKeyInTheCloud_FailsEachSendWithTheReasonInsteadOfAnOutbox(string? key, string reason)
    {
        var settings = CloudSettings();
        settings["SendGrid:ApiKey"] = key;
        await using var provider = Build(settings);

        var sender = provider.GetRequiredService<SaferCity.Core.Pipeline.IEmailSender>();
        var result = await sender.SendAsync(new SaferCity.Core.Pipeline.EmailMessage("2017-W03/housing", ["h@example.gov.uk"], "s", "t", "<p>h</p>",
            new Dictionary<string, string>()), CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public async Task EmailSender_KeyInTheCloud_IsSendGrid()
    {
        var settings = CloudSettings();
        settings["SendGrid:ApiKey"] = "SG.test";
        settings["SendGrid:From"] = "safercity@example.gov.uk";
        await using var provider = Build(settings);

        Assert.IsType<SaferCity.Infrastructure.SendGrid.SendGridEmailSender>(provider.GetRequiredService<SaferCity.Core.Pipeline.IEmailSender>());
    }

    [Fact]
    public void FunctionsMetadata_Build_ListsEveryFunctionWithItsScheduleSetting()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent!.Name; // bin/<Configuration>/net10.0
        var path = Path.Combine(AzuriteInstance.RepositoryRoot(), "functions", "SaferCity.Functions", "bin", configuration, "net10.0", "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var functions = metadata.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.Equal(["RefreshDashboard", "RefreshNow", "SendReminders", "UpdateAction"], functions.Keys.Order());
        var update = Trigger(functions["UpdateAction"]);
        Assert.Equal("Anonymous", update.GetProperty("authLevel").GetString()); // the signed link is the credential
        Assert.Equal("update/{token}", update.GetProperty("route").GetString());
        Assert.Equal("%RefreshSchedule%", Trigger(functions["RefreshDashboard"]).GetProperty("schedule").GetString());
        Assert.Equal("%ReminderSchedule%", Trigger(functions["SendReminders"]).GetProperty("schedule").GetString());
        var http = Trigger(functions["RefreshNow"]);
        Assert.Equal("httpTrigger", http.GetProperty("type").GetString());
        Assert.Equal("Function", http.GetProperty("authLevel").GetString());
        Assert.Equal(["post"], http.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal("fixedDelay", functions["RefreshDashboard"].GetProperty("retry").GetProperty("strategy").GetString());
    }

    private static JsonElement Trigger(JsonElement function) =>
        function.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("direction").GetString() == "In");
}
