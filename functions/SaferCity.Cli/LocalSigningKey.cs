using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using SaferCity.Core.Local;

namespace SaferCity.Cli;

/// <summary>
/// On this machine, update links work without a key being set up: when Updates:BaseUrl is a loopback address and no
/// Updates:SigningKey is given, <c>run</c> and <c>serve</c> share a random key kept in the state folder. Any other
/// address needs a real key (Key Vault in the cloud), and the settings check says so.
/// The key signs links that change the tracker, so only this user may read it: the file is 0600, and a state folder
/// the CLI creates is 0700.
/// </summary>
internal static class LocalSigningKey
{
    public const string FileName = "update-signing.key";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static IReadOnlyDictionary<string, string?> Settings(IConfiguration configuration)
    {
        if (PathFor(configuration) is not { } path) return new Dictionary<string, string?>();
        return new Dictionary<string, string?> { ["Updates:SigningKey"] = Ensure(path) };
    }

    /// <summary>Where the key of this machine's links lives, or null when a key is set or links are not local.</summary>
    public static string? PathFor(IConfiguration configuration)
    {
        var baseUrl = configuration["Updates:BaseUrl"];
        if (!string.IsNullOrEmpty(configuration["Updates:SigningKey"]) ||
            !Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || !uri.IsLoopback)
            return null;
        var state = configuration["Local:StateDir"] ?? Path.Combine(configuration["Local:OutDir"] ?? "out", "state");
        return Path.GetFullPath(Path.Combine(state, FileName));
    }

    /// <summary>The key in <paramref name="path"/>, made first when there is none: written whole to a private temporary file, then moved into
    /// place.</summary>
    internal static string Ensure(string path)
    {
        PrivateFolder.Create(Path.GetDirectoryName(path)!);
        if (!File.Exists(path))
        {
            var temp = $"{path}.{Guid.NewGuid():N}.tmp";
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnlyFile; // private from its first byte
                using (var writer = new StreamWriter(temp, options)) writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(48)));
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: use theirs.
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
        }
        // A key file made by an earlier version, or copied in, may be readable by others: close it.
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnlyFile) != 0) File.SetUnixFileMode(path, OwnerOnlyFile);
        return File.ReadAllText(path).Trim();
    }
}
