using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;

namespace SaferCity.Integration.Tests.Stack;

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

/// <summary>Records every message handed to the real sender, across pipelines, to catch a digest sent twice.</summary>
internal sealed class RecordingEmailSender(IEmailSender inner, ConcurrentQueue<string> sent) : IEmailSender
{
    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        sent.Enqueue(message.DigestId);
        return await inner.SendAsync(message, cancellationToken);
    }
}

/// <summary>Reads the tracker, then does something the test needs at that moment (the run lock is already held).</summary>
internal sealed class InterceptingSource(ITrackerSource inner, Func<Task> whileReading) : ITrackerSource
{
    public async Task<TrackerLists> ReadAsync(CancellationToken cancellationToken)
    {
        await whileReading();
        return await inner.ReadAsync(cancellationToken);
    }
}
