using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Local;

/// <summary>
/// A run lock on a local file. The operating system holds it with the open handle,
/// so a crashed run never leaves a stale lock behind.
/// </summary>
public sealed class FolderRunLock(string folder) : IRunLock
{
    public const string FileName = "run.lock";

    public Task<IAsyncDisposable?> TryAcquireAsync(CancellationToken cancellationToken)
    {
        PrivateFolder.Create(folder);
        try
        {
            var handle = new FileStream(Path.Combine(folder, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<IAsyncDisposable?>(handle);
        }
        catch (IOException)
        {
            return Task.FromResult<IAsyncDisposable?>(null);
        }
    }
}
