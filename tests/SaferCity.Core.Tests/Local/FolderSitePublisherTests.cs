using System.Text;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Tests.Local;

/// <summary>Streamed files go straight to the folder, compared on the way: only a changed file is replaced.</summary>
public sealed class FolderSitePublisherTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "safercity-site-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>A file written in pieces of 7 bytes, as a renderer hands them over.</summary>
    private static SiteFile Streamed(string text, Exception? failAfterFirstPiece = null) =>
        SiteFile.Streamed("data/actions.csv", "text/csv; charset=utf-8", "no-cache", async (stream, ct) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var i = 0; i < bytes.Length; i += 7)
            {
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(7, bytes.Length - i)), ct);
                if (failAfterFirstPiece is not null) throw failAfterFirstPiece;
            }
        });

    private string FilePath => Path.Combine(_folder, "data", "actions.csv");

    private async Task<PublishResult> PublishAsync(SiteFile file) =>
        await new FolderSitePublisher(_folder).PublishAsync([file], CancellationToken.None);

    [Fact]
    public async Task PublishAsync_StreamedFileUnchanged_NotRewritten()
    {
        var text = string.Concat(Enumerable.Repeat("1.1,Theme,Do the thing\r\n", 5000));
        Assert.Equal(1, (await PublishAsync(Streamed(text))).Written);
        var written = File.GetLastWriteTimeUtc(FilePath);
        File.SetLastWriteTimeUtc(FilePath, written.AddHours(-1));

        var again = await PublishAsync(Streamed(text));

        Assert.Equal((0, 1), (again.Written, again.Unchanged));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(FilePath));
        Assert.False(File.Exists(FilePath + ".tmp"));
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstuvwxyZ")] // the last piece differs
    [InlineData("abcdefghijklmnopqrstuvwxyz", "abcdefghijXlmnopqrstuvwxyz")] // a middle piece
    [InlineData("abcdefghijklmnopqrstuvwxyz", "abcdefghijklmnopqrstu")]      // shorter: every byte it has is equal
    [InlineData("abcdefghijklmnopqrstu", "abcdefghijklmnopqrstuvwxyz")]      // longer
    public async Task PublishAsync_StreamedFileChanged_ReplacedWhole(string before, string after)
    {
        await PublishAsync(Streamed(before));

        var again = await PublishAsync(Streamed(after));

        Assert.Equal(1, again.Written);
        Assert.Equal(after, await File.ReadAllTextAsync(FilePath));
        Assert.False(File.Exists(FilePath + ".tmp"));
    }

    [Fact]
    public async Task PublishAsync_RenderFailsPartWay_LastGoodFileStays()
    {
        await PublishAsync(Streamed("the last good file"));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PublishAsync(Streamed("a new and different file", new InvalidOperationException("render failed"))));

        Assert.Equal("the last good file", await File.ReadAllTextAsync(FilePath));
        Assert.False(File.Exists(FilePath + ".tmp"));
    }
}
