using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Infrastructure.Composition;

internal static class EmailRegistration
{
    public const string DefaultFrom = "SaferCity <no-reply@example.invalid>";

    /// <summary>Without a SendGrid key, messages are written as .eml files to OUT/outbox.</summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<IEmailSender>(sp => new OutboxEmailSender(
            Path.Combine(sp.GetRequiredService<IOptions<LocalOptions>>().Value.OutDir, "outbox"),
            configuration["SendGrid:From"] is { Length: > 0 } from ? from : DefaultFrom));
        return services;
    }
}
