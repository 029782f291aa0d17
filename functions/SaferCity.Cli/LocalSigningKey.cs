using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;

namespace SaferCity.Cli;

/// <summary>
/// On this machine, update links work without a key being set up: when Updates:BaseUrl is a loopback address and no
/// Updates:SigningKey is given, <c>run</c> and <c>serve</c> share a random key kept in the state folder. Any other
/// address needs a real key (Key Vault in the cloud), and the settings check says so.
/// </summary>
internal static class LocalSigningKey
{
    public const string FileName = "update-signing.key";

    public static IReadOnlyDictionary<string, string?> Settings(IConfiguration configuration)
    {
        var baseUrl = configuration["Updates:BaseUrl"];
        if (!string.IsNullOrEmpty(configuration["Updates:SigningKey"]) ||
            !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || !uri.IsLoopback)
            return new Dictionary<string, string?>();

        var state = configuration["Local:StateDir"] ?? Path.Combine(configuration["Local:OutDir"] ?? "out", "state");
        var path = Path.Combine(state, FileName);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(state);
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(file);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: use theirs.
            }
        }
        return new Dictionary<string, string?> { ["Updates:SigningKey"] = File.ReadAllText(path).Trim() };
    }
}
