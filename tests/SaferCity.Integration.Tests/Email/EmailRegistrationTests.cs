using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.SendGrid;

namespace SaferCity.Integration.Tests.Email;

/// <summary>Which sender the composition picks, and what it refuses to start with.</summary>
public sealed class EmailRegistrationTests
{
    private readonly InMemoryLogs _logs = new();

    private ServiceProvider Build(params (string Key, string? Value)[] settings)
    {
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))
                .Append(new("Local:OutDir", Path.GetTempPath())))
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(_logs));
        services.AddSaferCity(config);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddSaferCity_ApiKeySet_SendsThroughSendGrid()
    {
        using var sp = Build(("SendGrid:ApiKey", "SG.x"), ("SendGrid:From", "safercity@example.org"));

        Assert.IsType<SendGridEmailSender>(sp.GetRequiredService<IEmailSender>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/SendGridApiKey/)")]
    public void AddSaferCity_NoUsableApiKey_WritesToTheOutbox(string? key)
    {
        using var sp = Build(("SendGrid:ApiKey", key));

        Assert.IsType<OutboxEmailSender>(sp.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void AddSaferCity_UnresolvedKeyVaultReference_WarnsThatNothingIsSent()
    {
        using var sp = Build(("SendGrid:ApiKey", "@Microsoft.KeyVault(VaultName=kv;SecretName=SendGridApiKey)"));

        sp.GetRequiredService<IEmailSender>();

        Assert.Contains(_logs.Lines, l => l.StartsWith("Warning") && l.Contains("unresolved Key Vault reference"));
    }

    [Fact]
    public void AddSaferCity_DryRunWithApiKey_PreviewsInTheOutbox()
    {
        using var sp = Build(("SendGrid:ApiKey", "SG.x"), ("SendGrid:From", "safercity@example.org"), ("Local:DryRun", "true"));

        Assert.IsType<OutboxEmailSender>(sp.GetRequiredService<IEmailSender>());
    }

    [Theory]
    [InlineData(null, "SendGrid:From is required")]
    [InlineData("not an address", "SendGrid:From \"not an address\" is not an email address")]
    public void AddSaferCity_ApiKeyWithoutAValidFrom_FailsNamingTheSetting(string? from, string expected)
    {
        using var sp = Build(("SendGrid:ApiKey", "SG.x"), ("SendGrid:From", from));

        var e = Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SendGridOptions>>().Value);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void SendGridOptions_Defaults_MatchTheSettingsContract()
    {
        var options = new SendGridOptions();

        Assert.Equal("https://api.sendgrid.com", options.Host);
        Assert.Equal(4, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Timeout);
    }

    [Fact]
    public void AddSaferCity_HostNotAUrl_FailsValidation()
    {
        using var sp = Build(("SendGrid:Host", "api.sendgrid.com"));

        Assert.Throws<OptionsValidationException>(() => sp.GetRequiredService<IOptions<SendGridOptions>>().Value);
    }
}
