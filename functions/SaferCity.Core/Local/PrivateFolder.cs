namespace SaferCity.Core.Local;

/// <summary>
/// The state folder holds the update audit (who changed what) and, locally, the key that signs update links:
/// a folder made for it is readable by its owner only (0700 on Unix). A folder that exists is left as it is.
/// </summary>
public static class PrivateFolder
{
    public const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void Create(string path)
    {
        if (Directory.Exists(path)) return;
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(path);
        else Directory.CreateDirectory(path, OwnerOnly);
    }
}
