using Microsoft.Extensions.Configuration;
using SaferCity.Cli;

namespace SaferCity.Cli.Tests;

/// <summary>The local signing key signs links that change the tracker: only its owner may read it.</summary>
public sealed class LocalSigningKeyTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("safercity-key-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private IConfiguration Settings(string state) => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Updates:BaseUrl"] = "http://127.0.0.1:7071",
        ["Local:StateDir"] = state,
    }).Build();

    [Fact]
    public void Settings_NoStateFolderYet_CreatesFolder0700AndKeyFile0600()
    {
        if (OperatingSystem.IsWindows()) return; // modes are Unix's
        var state = Path.Combine(dir, "new", "state");

        var key = LocalSigningKey.Settings(Settings(state))["Updates:SigningKey"];

        Assert.Equal(64, key!.Length); // 48 random bytes
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(state));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(state, LocalSigningKey.FileName)));
        Assert.Equal([LocalSigningKey.FileName], Directory.GetFiles(state).Select(Path.GetFileName)); // no temporary file left
    }

    [Fact]
    public void Settings_KeyFileReadableByOthers_IsClosedToOwnerOnlyAndKept()
    {
        if (OperatingSystem.IsWindows()) return;
        var path = Path.Combine(dir, LocalSigningKey.FileName);
        File.WriteAllText(path, "an-existing-key-0123456789-abcdefghijklmnopqrstu");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var key = LocalSigningKey.Settings(Settings(dir))["Updates:SigningKey"];

        Assert.Equal("an-existing-key-0123456789-abcdefghijklmnopqrstu", key);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public void Settings_KeyGivenOrAddressNotLocal_NoFile()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Updates:BaseUrl"] = "https://app.example.org/api/update",
            ["Local:StateDir"] = dir,
        }).Build();

        Assert.Empty(LocalSigningKey.Settings(configuration));
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public async Task FolderStateStore_NewStateFolder_IsOwnerOnly()
    {
        if (OperatingSystem.IsWindows()) return;
        var state = Path.Combine(dir, "state");

        await new SaferCity.Core.Local.FolderStateStore(state).WriteAsync("updates/2017-01/x.json", new byte[] { 1 }, null, CancellationToken.None);

        Assert.Equal(SaferCity.Core.Local.PrivateFolder.OwnerOnly, File.GetUnixFileMode(state));
        Assert.Equal(SaferCity.Core.Local.PrivateFolder.OwnerOnly, File.GetUnixFileMode(Path.Combine(state, "updates", "2017-01")));
    }
}
