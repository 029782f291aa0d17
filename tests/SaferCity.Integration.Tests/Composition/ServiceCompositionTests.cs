using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Reminders;
using SaferCity.Core.Updates;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Composition;

namespace SaferCity.Integration.Tests.Composition;

/// <summary>
/// What the composition root makes once and hands to the services (update-link signing, the hourly limits, the parser,
/// the set-up notice), and the services' constructors taking everything they need, none of it optional.
/// </summary>
public sealed class ServiceCompositionTests
{
    private const string Key = "composition-test-signing-key-0123456789-abcdefgh";
    private const string Address = "203.0.113.7";

    private static ServiceProvider Provider(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddLogging().AddSaferCity(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    [Fact]
    public void AddSaferCity_UpdateLinksOn_TheDigestsSignWhatTheFormAccepts()
    {
        using var provider = Provider(("Updates:BaseUrl", "https://updates.example.org/u"), ("Updates:SigningKey", Key));
        var signing = provider.GetRequiredService<LinkSigning>();
        var now = DateTimeOffset.UtcNow;

        var token = signing.Signer!.Sign(new UpdateLink("housing", "11", "2.5", now, now.AddDays(28)));

        Assert.NotNull(signing.Versions);
        Assert.Equal(LinkStatus.Valid, signing.Signer.Check(token, now).Status);
        Assert.NotNull(provider.GetRequiredService<ReminderService>());
        Assert.NotNull(provider.GetRequiredService<UpdateService>());
    }

    [Fact]
    public async Task AddSaferCity_UpdateLinksOff_NothingSignedAndTheFormRefusesEveryLink()
    {
        using var provider = Provider();

        var page = await provider.GetRequiredService<UpdateService>().ShowAsync("any.token", Address, CancellationToken.None);

        Assert.Same(LinkSigning.Off, provider.GetRequiredService<LinkSigning>());
        Assert.Equal(404, page.Status);
    }

    [Fact]
    public async Task AddSaferCity_AddressLimitSetting_OneCountShared()
    {
        using var provider = Provider(("Updates:MaxRequestsPerAddressPerHour", "1"));
        var service = provider.GetRequiredService<UpdateService>();

        var first = await service.ShowAsync("any.token", Address, CancellationToken.None);
        var second = await provider.GetRequiredService<UpdateService>().ShowAsync("any.token", Address, CancellationToken.None);

        Assert.Equal(404, first.Status);
        Assert.Equal(429, second.Status);
    }

    /// <summary>
    /// A service (a class whose constructor takes options or a logger) or a Graph adapter (one that takes the Graph client)
    /// says everything it needs: an optional parameter hides a dependency the composition root can forget (an adapter given
    /// no site zone read dates as London's on any site).
    /// </summary>
    [Fact]
    public void Services_Constructors_TakeNoOptionalParameters()
    {
        var optional = new[] { typeof(TrackerPipeline).Assembly, typeof(SettingsSection).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.GetConstructors().Any(c => c.GetParameters().Any(IsServiceParameter)))
            .Where(t => t.GetConstructors().Any(c => c.GetParameters().Any(p => p.IsOptional)))
            .Order(Comparer<Type>.Create((a, b) => string.CompareOrdinal(a.FullName, b.FullName)));

        Assert.Empty(optional);
    }

    /// <summary>The pipeline's preview is a real dependency: none kept in the cloud, the local folder in the CLI.</summary>
    [Fact]
    public void AddSaferCity_PreviewWithoutAndWithTheLocalOne_NoneThenTheFolder()
    {
        using var cloud = Provider();
        var services = new ServiceCollection().AddLogging().AddSaferCity(new ConfigurationBuilder().Build()).AddLocalPreview();
        using var local = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Same(NoRunPreview.Instance, cloud.GetRequiredService<IRunPreview>());
        Assert.NotNull(cloud.GetRequiredService<TrackerPipeline>());
        Assert.IsType<FolderRunPreview>(local.GetRequiredService<IRunPreview>());
        Assert.Single(services, d => d.ServiceType == typeof(IRunPreview));
    }

    private static bool IsServiceParameter(ParameterInfo p) =>
        p.ParameterType == typeof(Microsoft.Graph.GraphServiceClient)
        || (p.ParameterType.IsGenericType && p.ParameterType.GetGenericTypeDefinition() is var d
            && (d == typeof(IOptions<>) || d == typeof(ILogger<>)));
}
