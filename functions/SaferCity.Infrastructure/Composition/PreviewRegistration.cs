using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SaferCity.Core.Local;
using SaferCity.Core.Model;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure.SendGrid;

namespace SaferCity.Infrastructure.Composition;

public static class PreviewRegistration
{
    /// <summary>
    /// OUT/preview: where a dry run or a look-back run puts the site and emails it would have published and sent.
    /// The CLI registers it for every run; the Functions app has none (<see cref="NoRunPreview"/>, registered by
    /// AddSaferCity), so such a run there publishes and sends nothing. Registered after AddSaferCity, it replaces that.
    /// </summary>
    public static IServiceCollection AddLocalPreview(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IRunPreview>(sp =>
        {
            var local = sp.GetRequiredService<IOptions<LocalOptions>>().Value;
            var from = sp.GetRequiredService<IOptions<SendGridOptions>>().Value.From;
            return new FolderRunPreview(Path.Combine(local.OutDir, "preview"), from is { Length: > 0 } ? from : EmailRegistration.DefaultFrom);
        }));
        return services;
    }
}
