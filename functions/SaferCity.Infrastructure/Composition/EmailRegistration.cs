using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Model;
using SaferCity.Infrastructure.SendGrid;

namespace SaferCity.Infrastructure.Composition;

internal static class EmailRegistration
{
    public const string DefaultFrom = "SaferCity <no-reply@example.invalid>";

    /// <summary>
    /// A SendGrid key means SendGrid. Without one (or with a Key Vault reference App Service could not
    /// resolve), and always for a dry run, messages are written as .eml files to OUT/outbox.
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<SendGridOptions>(configuration, SendGridOptions.Section);
        services.AddSingleton(sp =>
        {
            var sendGrid = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
            return new SendGridEmailSender(SendGridEmailSender.CreateHttpClient(sendGrid), sendGrid,
                sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SendGridEmailSender>>());
        });
        services.AddSingleton<IEmailSender>(sp =>
        {
            var local = sp.GetRequiredService<IOptions<LocalOptions>>().Value;
            var sendGrid = sp.GetRequiredService<IOptions<SendGridOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EmailRegistration).FullName!);
            if (sendGrid.HasApiKey && !local.DryRun) return sp.GetRequiredService<SendGridEmailSender>();

            var outbox = Path.Combine(local.OutDir, "outbox");
            if (sendGrid.IsUnresolvedReference)
            {
                // In the cloud this means the secret is missing or the app cannot read the vault: say so loudly.
                logger.LogWarning("SendGrid:ApiKey is an unresolved Key Vault reference; emails are written to {Outbox} instead of " +
                    "being sent", outbox);
            }
            return new OutboxEmailSender(outbox, sendGrid.From is { Length: > 0 } from ? from : DefaultFrom);
        });
        return services;
    }
}
