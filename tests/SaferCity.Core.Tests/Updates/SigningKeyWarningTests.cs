using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

/// <summary>A key the platform could not resolve is never used, and the coordinator is told in "Check this run".</summary>
public class SigningKeyWarningTests
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-scp.vault.azure.net/secrets/Updates--PreviousSigningKey/)";

    private static async Task<(string Summary, string Digest)> RunAsync(UpdatesOptions updates)
    {
        var harness = Harness.ForSample();
        harness.Updates = updates;
        await harness.RunAsync("2017-01-16");
        var summary = harness.Email.Sent.Single(m => m.Tags["kind"] == "coordinator").Text;
        var digest = harness.Email.Sent.First(m => m.Tags["kind"] == "digest").Text;
        return (summary, digest);
    }

    [Fact]
    public async Task Run_PreviousKeyUnresolved_LinksStillMadeWithTheCurrentKeyAndTheSummarySaysCheckThisRun()
    {
        var (summary, digest) = await RunAsync(new UpdatesOptions
        {
            BaseUrl = "https://app.example.org/api/update", SigningKey = UpdateLinkSignerTests.Key, PreviousSigningKey = Reference,
        });

        Assert.Contains("Update: https://app.example.org/api/update/", digest, StringComparison.Ordinal);
        var check = summary[summary.IndexOf("CHECK THIS RUN", StringComparison.Ordinal)..];
        Assert.Contains("Updates__PreviousSigningKey is a Key Vault reference the app could not resolve: it is ignored", check,
            StringComparison.Ordinal);
        Assert.DoesNotContain("kv-scp", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_CurrentKeyUnresolved_NoLinksAndTheSummarySaysWhy()
    {
        var (summary, digest) = await RunAsync(new UpdatesOptions { BaseUrl = "https://app.example.org/api/update", SigningKey = Reference });

        Assert.DoesNotContain("Update: ", digest, StringComparison.Ordinal);
        Assert.Contains("Updates__SigningKey is a Key Vault reference the app could not resolve, so digests carry no update links", summary,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KeysFine_NoKeyWarning()
    {
        var (summary, _) = await RunAsync(new UpdatesOptions
        {
            BaseUrl = "https://app.example.org/api/update", SigningKey = UpdateLinkSignerTests.Key,
            PreviousSigningKey = "the-key-before-rotation-0123456789-abcdefghij",
        });

        Assert.DoesNotContain("Key Vault", summary, StringComparison.Ordinal);
    }
}
