using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Dashboard;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Rules;
using SaferCity.Infrastructure;

namespace SaferCity.Integration.Tests.Composition;

/// <summary>A bad setting stops the app with a message naming it, before anything runs.</summary>
public class OptionsValidationTests
{
    private static T Resolve<T>(params (string Key, string Value)[] settings) where T : class
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        using var services = new ServiceCollection().AddLogging().AddSaferCity(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<T>>().Value;
    }

    [Fact]
    public void Options_Defaults_MatchTheBrief()
    {
        var reminders = Resolve<RemindersOptions>();

        Assert.Equal(30, reminders.DueSoonDays);
        Assert.Equal(28, reminders.EscalateAfterDays);
        Assert.Equal(7, Resolve<DriftOptions>().WindowDays);
        Assert.Equal(730, Resolve<StateOptions>().RetentionDays);
    }

    [Fact]
    public void Options_FromEnvironmentStyleKeys_Bind()
    {
        var reminders = Resolve<RemindersOptions>(("Reminders:DueSoonDays", "14"), ("Reminders:Coordinator", "a@example.gov.uk; b@example.gov.uk"));

        Assert.Equal(14, reminders.DueSoonDays);
        Assert.Equal("a@example.gov.uk; b@example.gov.uk", reminders.Coordinator);
    }

    [Theory]
    [InlineData("a@example.gov.uk,b@example.gov.uk")]
    [InlineData(" a@example.gov.uk ;; b@example.gov.uk ; ")]
    public void Options_CoordinatorListWithCommasOrBlanks_IsValid(string coordinator) =>
        Assert.Equal(coordinator, Resolve<RemindersOptions>(("Reminders:Coordinator", coordinator)).Coordinator);

    [Fact]
    public void Options_OneBadCoordinatorAmongGood_FailsNamingTheBadOne()
    {
        var e = Assert.ThrowsAny<OptionsValidationException>(() => Resolve<RemindersOptions>(("Reminders:Coordinator", "a@example.gov.uk, nobody")));

        Assert.Contains("'nobody'", e.Message);
        Assert.DoesNotContain("'a@example.gov.uk'", e.Message);
    }

    [Theory]
    [InlineData("Reminders:DueSoonDays", "-1", "DueSoonDays")]
    [InlineData("Reminders:EscalateAfterDays", "0", "EscalateAfterDays")]
    [InlineData("Reminders:Coordinator", "not an address", "Reminders:Coordinator")]
    [InlineData("Drift:WindowDays", "999", "WindowDays")]
    public void Options_BadValue_FailsNamingTheSetting(string key, string value, string named)
    {
        var e = Assert.ThrowsAny<OptionsValidationException>(() =>
        {
            _ = key.StartsWith("Drift", StringComparison.Ordinal)
                ? (object)Resolve<DriftOptions>((key, value))
                : Resolve<RemindersOptions>((key, value));
        });

        Assert.Contains(named, e.Message);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("0")]
    [InlineData("99999")]
    public void Options_RetentionDaysOutOfRange_FailsNamingTheSetting(string days)
    {
        var e = Assert.ThrowsAny<OptionsValidationException>(() => Resolve<StateOptions>(("State:RetentionDays", days)));

        Assert.Contains("RetentionDays", e.Message);
    }

    [Fact]
    public void Options_RetentionDaysSet_Binds() =>
        Assert.Equal(365, Resolve<StateOptions>(("State:RetentionDays", "365")).RetentionDays);

    [Theory]
    [InlineData("mailto:dpo@example.gov.uk")]
    [InlineData("not a url")]
    public void Options_PrivacyNoticeNotAWebPage_FailsNamingTheSetting(string url) =>
        Assert.Contains("Privacy:NoticeUrl",
            Assert.ThrowsAny<OptionsValidationException>(() => Resolve<PrivacyOptions>(("Privacy:NoticeUrl", url))).Message);

    [Fact]
    public void Options_PrivacySettings_ReachTheDashboardOptions() =>
        Assert.Equal("https://example.gov.uk/privacy",
            Resolve<DashboardOptions>(("Privacy:NoticeUrl", "https://example.gov.uk/privacy")).Privacy.NoticeUrl);

    [Fact]
    public void Options_BadDashboardUrl_Fails() =>
        Assert.ThrowsAny<OptionsValidationException>(() => Resolve<DashboardOptions>(("Dashboard:PublicUrl", "not a url")));
}
