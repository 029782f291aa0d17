using System.ComponentModel.DataAnnotations;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SaferCity.Infrastructure;
using SaferCity.Infrastructure.Graph;

namespace SaferCity.Cli;

/// <summary>How the admin signs in: a code typed on another device, or a browser on this machine.</summary>
public enum AdminSignInMethod
{
    DeviceCode,
    Browser,
}

/// <summary>
/// Settings section "Graph", the CLI's admin sign-in: the app registration (a public client) through which
/// <c>provision</c>, <c>import</c> and <c>check</c> sign in as a person, so their token can carry delegated
/// <c>Sites.Manage.All</c>. The run, the timer functions and the update form never use it.
/// </summary>
public sealed class AdminSignInOptions : IValidatableObject
{
    private const string Guid = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
    private const string Label = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

    /// <summary>Graph__AdminClientId: the app registration's Application (client) id.</summary>
    [RegularExpression($"^{Guid}$", ErrorMessage = "the Application (client) id of the admin app registration, a GUID such as " +
        "1b2c3d4e-0000-4000-8000-000000000001.")]
    public string? AdminClientId { get; set; }

    /// <summary>Graph__TenantId: the directory the app registration is in, by id or by domain (contoso.onmicrosoft.com).</summary>
    [RegularExpression($"^({Guid}|{Label}(\\.{Label})+)$", ErrorMessage = "the Directory (tenant) id, a GUID, or the tenant's domain " +
        "such as contoso.onmicrosoft.com.")]
    public string? TenantId { get; set; }

    /// <summary>Graph__AdminSignIn: DeviceCode (the default: works over SSH and in a container) or Browser.</summary>
    public AdminSignInMethod AdminSignIn { get; set; } = AdminSignInMethod.DeviceCode;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // A single-tenant registration cannot be reached through the multi-tenant endpoint, so the tenant is not guessed.
        if (!string.IsNullOrWhiteSpace(AdminClientId) && string.IsNullOrWhiteSpace(TenantId))
            yield return new ValidationResult("Graph:TenantId must be set with Graph:AdminClientId: the Directory (tenant) id or " +
                "domain of the admin app registration.", [nameof(TenantId)]);
    }
}

/// <summary>
/// Which credential the admin commands sign in with. With Graph__AdminClientId set, <c>provision</c>, <c>import</c> and
/// <c>check</c> sign in as a person (device code or browser) and every Graph and SharePoint request they send carries
/// that token; without it they keep the default credential, and say so.
/// </summary>
public static class AdminSignIn
{
    /// <summary>The commands that change or inspect the lists as an admin.</summary>
    public static readonly IReadOnlySet<string> Commands = new HashSet<string>(StringComparer.Ordinal) { "provision", "import", "check" };

    /// <summary>The settings, validated when the host starts; and, for an admin command with a client id, its sign-in.</summary>
    public static IServiceCollection AddAdminSignIn(this IServiceCollection services, IConfiguration configuration, string command,
        TextWriter prompt)
    {
        services.AddValidatedOptions<AdminSignInOptions>(configuration, GraphOptions.Section);
        if (!Commands.Contains(command)) return services;
        if (string.IsNullOrWhiteSpace(configuration[$"{GraphOptions.Section}:{nameof(AdminSignInOptions.AdminClientId)}"])) return services;
        // Built when first asked for, from the settings the host has validated: a malformed id never reaches Entra.
        return services.AddSingleton(sp => new GraphSignIn(Credential(sp.GetRequiredService<IOptions<AdminSignInOptions>>().Value, prompt)));
    }

    /// <summary>The person's credential: device code, whose prompt is one plain line on <paramref name="prompt"/>, or the browser.</summary>
    public static TokenCredential Credential(AdminSignInOptions options, TextWriter prompt) => options.AdminSignIn switch
    {
        AdminSignInMethod.Browser => new InteractiveBrowserCredential(new InteractiveBrowserCredentialOptions
        {
            ClientId = options.AdminClientId, TenantId = options.TenantId,
        }),
        _ => new DeviceCodeCredential(DeviceCodeOptions(options, prompt)),
    };

    /// <summary>The device-code settings: Azure.Identity's own prompt (to stdout, several sentences) replaced by one line on stderr.</summary>
    public static DeviceCodeCredentialOptions DeviceCodeOptions(AdminSignInOptions options, TextWriter prompt) => new()
    {
        ClientId = options.AdminClientId, TenantId = options.TenantId,
        DeviceCodeCallback = (info, _) => prompt.WriteLineAsync(Prompt(info)),
    };

    /// <summary>The device-code prompt as one plain line: where to go, what to type, until when.</summary>
    public static string Prompt(DeviceCodeInfo info) =>
        $"To sign in as a SharePoint admin, open {info.VerificationUri} and enter the code {info.UserCode} " +
        $"(valid until {info.ExpiresOn.UtcDateTime:HH:mm} UTC).";

    /// <summary>Says on stderr who <paramref name="command"/> signs in as, before its first request to SharePoint.</summary>
    public static void Announce(string command, IServiceProvider services, TextWriter stderr)
    {
        var line = Identity(command, services.GetRequiredService<IOptions<GraphOptions>>().Value,
            services.GetRequiredService<IOptions<AdminSignInOptions>>().Value);
        if (line is not null) stderr.WriteLine(line);
    }

    /// <summary>
    /// The one line an admin command says about who it signs in as, on stderr before its first request; null when it signs
    /// in as no one (an emulator) or the command is not an admin command.
    /// </summary>
    public static string? Identity(string command, GraphOptions graph, AdminSignInOptions admin)
    {
        if (!Commands.Contains(command)) return null;
        if (!string.IsNullOrWhiteSpace(admin.AdminClientId))
            return $"Signing in as a person through the app registration {admin.AdminClientId} " +
                $"({(admin.AdminSignIn == AdminSignInMethod.Browser ? "browser" : "device code")}, tenant {admin.TenantId}).";
        if (graph.IsEmulator) return null;
        return "Signing in with DefaultAzureCredential (locally `az login`): its Graph token has narrow scopes, and creating lists needs " +
            "more than Sites.Selected write. Set Graph__AdminClientId and Graph__TenantId to sign in as an admin.";
    }
}
