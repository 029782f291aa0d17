using System.Collections.Concurrent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>
/// The real pipeline from <c>AddSaferCity</c>, configured the way the CLI's --storage does it:
/// site and state in Azurite, the sample tracker, emails to an outbox folder.
/// </summary>
internal sealed class BlobPipelineHost : IDisposable
{
    public static readonly DateOnly AsOf = new(2017, 1, 16);

    private readonly ServiceProvider provider;

    public BlobPipelineHost(string connectionString, string siteContainer, string stateContainer, string outDir,
        Action<IServiceCollection>? replace = null, IDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = connectionString,
            ["Storage:SiteContainer"] = siteContainer,
            ["Storage:StateContainer"] = stateContainer,
            ["Local:TrackerFile"] = SampleFiles.Tracker,
            ["Local:LeadsFile"] = SampleFiles.Leads,
            ["Local:OutDir"] = outDir,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();

        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero)));
        services.AddSaferCity(configuration);
        replace?.Invoke(services);
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }

    public IServiceProvider Services => provider;

    public TrackerPipeline Pipeline => provider.GetRequiredService<TrackerPipeline>();

    public Task<RunOutcome> RunAsync(DateOnly? asOf = null, bool remind = true) =>
        Pipeline.RunAsync(new RunRequest(asOf ?? AsOf, Remind: remind), CancellationToken.None);

    public void Dispose() => provider.Dispose();
}

/// <summary>Records every message handed to the real outbox sender, across pipelines, to catch a digest sent twice.</summary>
internal sealed class RecordingEmailSender(IEmailSender inner, ConcurrentQueue<string> sent) : IEmailSender
{
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        sent.Enqueue(message.DigestId);
        return await inner.SendAsync(message, cancellationToken);
    }
}

/// <summary>Reads the sample, then does something the test needs at that moment (the run lock is already held).</summary>
internal sealed class InterceptingSource(ITrackerSource inner, Func<Task> whileReading) : ITrackerSource
{
    public async Task<TrackerLists> ReadAsync(CancellationToken cancellationToken)
    {
        await whileReading();
        return await inner.ReadAsync(cancellationToken);
    }
}

internal static class ServiceCollectionTestExtensions
{
    /// <summary>Wraps the registered service of type T (a decorator), keeping its construction.</summary>
    public static IServiceCollection Decorate<T>(this IServiceCollection services, Func<T, IServiceProvider, T> wrap) where T : class
    {
        var original = services.Last(d => d.ServiceType == typeof(T));
        services.Remove(original);
        services.AddSingleton<T>(sp => wrap((T)original.ImplementationFactory!(sp), sp));
        return services;
    }
}
