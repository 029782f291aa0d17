using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Functions;
using Microsoft.Azure.Functions.Worker;
using SaferCity.Integration.Tests.Email;
using SaferCity.Integration.Tests.Stack;
using SaferCity.Integration.Tests.Storage;

namespace SaferCity.Integration.Tests.Functions;

/// <summary>The Functions app's composition (as Program.cs does it) and the metadata the Worker SDK generates.</summary>
[Collection(StoppableAzuriteCollection.Name)]
public sealed class FunctionsCompositionTests(StoppableAzuriteFixture fixture)
{
    /// <summary>The two settings the cloud cannot do without, and no stand-in: the composition alone.</summary>
    private static async Task<TestStack> CloudSettingsAsync()
    {
        var stack = await TestStack.StartAsync(TrackerFrom.Unset, sendGrid: false);
        stack.Settings["Storage:AccountUrl"] = "https://safercitydash.blob.core.windows.net";
        stack.Settings["Tracker:SiteUrl"] = "https://contoso.sharepoint.com/sites/SaferCity";
        return stack;
    }

    /// <summary>
    /// Each function as the host creates it (one container per invocation), run against the stand-ins: the refresh
    /// publishes to Blob storage and emails nobody; the reminders do nothing at 06:00 UTC and send the digests
    /// through SendGrid at 07:00 on a Monday (both UK winter times).
    /// </summary>
    [Fact]
    public async Task Functions_CloudComposition_RefreshPublishesOnlyAndRemindersSendAtSevenUkTime()
    {
        await using var stack = await TestStack.StartAsync(azurite: fixture.Azurite);
        var monday = new DateTimeOffset(2017, 1, 16, 6, 0, 0, TimeSpan.Zero);

        await using (var provider = stack.Services(new InstantDelays(monday), functions: true))
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            await ActivatorUtilities.CreateInstance<RefreshDashboard>(provider).Run(new TimerInfo(), CancellationToken.None);
            // Resolving is what the host does for an HTTP call; it throws naming any service it cannot build.
            _ = ActivatorUtilities.CreateInstance<RefreshNow>(provider);
            _ = ActivatorUtilities.CreateInstance<UpdateAction>(provider);
        }
        var site = await stack.SiteAsync();
        Assert.Equal(["accessibility.html", "actions.csv", "assets/committee.js", "assets/preview.png", "assets/print.css", "assets/site.css",
            "assets/site.js", "committee.html", "dashboard.json", "feed.xml", "index.html"], site.Keys.Order());
        Assert.Contains("2017-01-16", System.Text.Encoding.UTF8.GetString(site["dashboard.json"]));
        Assert.Empty(stack.SendGrid.Requests);

        await using (var provider = stack.Services(new InstantDelays(monday), functions: true))
            await ActivatorUtilities.CreateInstance<SendReminders>(provider).Run(new TimerInfo(), CancellationToken.None);
        Assert.Empty(stack.SendGrid.Requests); // 06:00 UTC is 06:00 in London in January: not yet

        await using (var provider = stack.Services(new InstantDelays(monday.AddHours(1)), functions: true))
            await ActivatorUtilities.CreateInstance<SendReminders>(provider).Run(new TimerInfo(), CancellationToken.None);
        var sent = stack.AcceptedPerDigest();
        Assert.Contains("2017-W03/housing", sent.Keys);
        Assert.All(sent.Values, count => Assert.Equal(1, count));
        Assert.Contains(stack.SendGrid.AcceptedRequests, r => r.To.Contains(TestStack.Coordinator));
    }

    [Theory]
    [InlineData("Storage:AccountUrl", "Storage__AccountUrl")]
    [InlineData("Tracker:SiteUrl", "Tracker__SiteUrl")]
    public async Task Validate_RequiredCloudSettingMissing_FailsNamingIt(string key, string named)
    {
        await using var stack = await CloudSettingsAsync();
        stack.Settings.Remove(key);

        var failure = Assert.Throws<OptionsValidationException>(() => stack.Services(functions: true)); // validated as the host starts

        Assert.Contains(named, failure.Message);
    }

    /// <summary>State (history with hidden items, the ledger with who was sent what) must never land where the site is served from.</summary>
    [Theory]
    [InlineData("$web", null, "Storage:StateContainer must not be \"$web\"")]
    [InlineData("dashboard", "dashboard", "Storage:StateContainer and Storage:SiteContainer must differ")]
    public async Task Validate_StateContainerIsPublic_FailsNamingIt(string stateContainer, string? siteContainer, string expected)
    {
        await using var stack = await CloudSettingsAsync();
        stack.Settings["Storage:StateContainer"] = stateContainer;
        if (siteContainer is not null) stack.Settings["Storage:SiteContainer"] = siteContainer;

        var failure = Assert.Throws<OptionsValidationException>(() => stack.Services(functions: true)); // validated as the host starts

        Assert.Contains(expected, failure.Message);
    }

    [Theory]
    [InlineData(null, "SendGrid__ApiKey is not set")]
    [InlineData("@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/SendGrid--ApiKey/)", "Key Vault reference")]
    public async Task EmailSender_NoUsableKeyInTheCloud_FailsEachSendWithTheReasonInsteadOfAnOutbox(string? key, string reason)
    {
        await using var stack = await CloudSettingsAsync();
        stack.Settings["SendGrid:ApiKey"] = key;
        await using var provider = stack.Services(functions: true);

        var sender = provider.GetRequiredService<IEmailSender>();
        var result = await sender.SendAsync(new EmailMessage("2017-W03/housing", ["h@example.gov.uk"], "s", "t", "<p>h</p>",
            new Dictionary<string, string>()), CancellationToken.None);

        Assert.False(result.Sent);
        Assert.Contains(reason, result.Error);
    }

    [Fact]
    public async Task EmailSender_KeyInTheCloud_IsSendGrid()
    {
        await using var stack = await CloudSettingsAsync();
        stack.Settings["SendGrid:ApiKey"] = "SG.test";
        stack.Settings["SendGrid:From"] = "safercity@example.gov.uk";
        await using var provider = stack.Services(functions: true);

        Assert.IsType<SaferCity.Infrastructure.SendGrid.SendGridEmailSender>(provider.GetRequiredService<IEmailSender>());
    }

    [Fact]
    public void FunctionsMetadata_Build_ListsEveryFunctionWithItsScheduleSetting()
    {
        var output = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory));
        var configuration = output.Parent!.Name; // bin/<Configuration>/net10.0
        var path = Path.Combine(AzuriteInstance.RepositoryRoot(), "functions", "SaferCity.Functions", "bin", configuration, "net10.0",
            "functions.metadata");
        using var metadata = JsonDocument.Parse(File.ReadAllText(path));

        var functions = metadata.RootElement.EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);

        Assert.Equal(["RefreshDashboard", "RefreshNow", "SendReminders", "UpdateAction"], functions.Keys.Order());
        var update = Trigger(functions["UpdateAction"]);
        Assert.Equal("Anonymous", update.GetProperty("authLevel").GetString()); // the signed link is the credential
        // The token is in the query string or the body, never a route value: the host records request paths.
        Assert.Equal("update/{*rest}", update.GetProperty("route").GetString());
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
