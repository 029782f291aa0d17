using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SaferCity.Infrastructure;

namespace SaferCity.Cli;

/// <summary>
/// Checks every setting before the host starts, so a mistake is one line naming the setting the way the user
/// typed it (Reminders__DueSoonDays), instead of the options system's type and member names and a stack trace.
/// The host still validates on start; this only words the common mistakes for a person.
/// </summary>
internal static partial class SettingsCheck
{
    public static string? FirstProblem(IConfiguration configuration, IServiceCollection services)
    {
        // One section may bind two types (Graph: the client's settings and the CLI's admin sign-in); each is checked.
        var sections = services.Select(d => d.ImplementationInstance).OfType<SettingsSection>().Distinct();
        foreach (var (type, sectionName) in sections)
        {
            var section = configuration.GetSection(sectionName);
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToList();

            // Values the binder could not convert: it would throw "Failed to convert configuration value…".
            foreach (var property in properties)
            {
                if (section[property.Name] is not { } raw) continue;
                if (!Converts(property.PropertyType, raw))
                    return $"{EnvName(sectionName, property.Name)} must be {Expected(property)}, not '{raw}'.";
            }

            var options = section.Get(type) ?? Activator.CreateInstance(type)!;
            foreach (var property in properties)
            {
                var value = property.GetValue(options);
                foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
                {
                    if (attribute.IsValid(value)) continue;
                    var name = EnvName(sectionName, property.Name);
                    return attribute switch
                    {
                        RequiredAttribute => $"{name} must not be empty.",
                        RangeAttribute r => $"{name} must be between {r.Minimum} and {r.Maximum}, not '{value}'.",
                        UrlAttribute => $"{name} must be a full web address such as " +
                            $"{UrlExamples.GetValueOrDefault(name, "https://contoso.sharepoint.com/sites/scp")}, not '{value}'.",
                        _ => $"{name}: {attribute.FormatErrorMessage(name)}",
                    };
                }
            }
            if (options is IValidatableObject validatable &&
                validatable.Validate(new ValidationContext(options)).FirstOrDefault() is { ErrorMessage: { } message })
                return EnvNames(message);
        }
        return null;
    }

    /// <summary>An example shaped like each address setting; the SharePoint site's for any other.</summary>
    private static readonly Dictionary<string, string> UrlExamples = new(StringComparer.Ordinal)
    {
        ["Updates__BaseUrl"] = "https://{app}.azurewebsites.net/api/update (or http://127.0.0.1:7071 on this machine)",
        ["Dashboard__PublicUrl"] = "https://{account}.z33.web.core.windows.net/",
    };

    /// <summary>"Reminders:Coordinator" in a message becomes "Reminders__Coordinator", the name set in the environment.</summary>
    public static string EnvNames(string message) => SettingName().Replace(message, m => m.Value.Replace(":", "__", StringComparison.Ordinal));

    private static string EnvName(string section, string key) => $"{section}:{key}".Replace(":", "__", StringComparison.Ordinal);

    private static bool Converts(Type type, string raw)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return true;
        if (raw.Length == 0 && Nullable.GetUnderlyingType(type) is not null) return true;
        try
        {
            TypeDescriptor.GetConverter(target).ConvertFromInvariantString(raw);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or NotSupportedException or OverflowException)
        {
            return false;
        }
    }

    private static string Expected(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(int) || type == typeof(long))
            return property.Name.EndsWith("Days", StringComparison.Ordinal) ? "a whole number of days"
                : property.Name.EndsWith("Hours", StringComparison.Ordinal) ? "a whole number of hours"
                : property.Name.EndsWith("Seconds", StringComparison.Ordinal) ? "a whole number of seconds"
                : "a whole number";
        if (type == typeof(bool)) return "true or false";
        if (type == typeof(TimeSpan)) return "a duration as hh:mm:ss (e.g. 00:00:30)";
        if (type == typeof(double) || type == typeof(decimal)) return string.Create(CultureInfo.InvariantCulture, $"a number (e.g. {1.5})");
        if (type.IsEnum) return $"one of {string.Join(", ", Enum.GetNames(type))}";
        return $"a {type.Name}";
    }

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*(:[A-Z][A-Za-z]*)+\b")]
    private static partial Regex SettingName();
}
