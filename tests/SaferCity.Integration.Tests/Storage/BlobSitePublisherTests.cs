using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SaferCity.Core.Pipeline;
using SaferCity.Infrastructure.Blob;

namespace SaferCity.Integration.Tests.Storage;

/// <summary>The Blob site publisher's uploads are conditional: a run never overwrites files another run wrote meanwhile.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobSitePublisherTests(AzuriteFixture azurite)
{
    private readonly string site = AzuriteFixture.UniqueContainer("site");

    private BlobSitePublisher Publisher()
    {
        var service = azurite.Azurite.Client();
        return new BlobSitePublisher(service, service.GetBlobContainerClient(site), false, NullLogger<BlobSitePublisher>.Instance);
    }

    private static SiteFile File(string path, string text) =>
        new(path, Encoding.UTF8.GetBytes(text), "text/plain; charset=utf-8", "no-cache");

    [Theory]
    [InlineData(true)]  // the file was there when the run listed the container, then another run rewrote it
    [InlineData(false)] // the file was not there, then another run created it
    public async Task PublishAsync_FileWrittenByAnotherRunAfterTheListing_RefusesAndKeepsTheOtherRunsBytes(bool existedBefore)
    {
        var container = azurite.Azurite.Client().GetBlobContainerClient(site);
        if (existedBefore) await Publisher().PublishAsync([File("data.txt", "old")], CancellationToken.None);
        var other = container.GetBlobClient("data.txt");
        var files = new OnUploadPass([File("a.txt", "a"), File("data.txt", "this run's"), File("index.html", "page")], "data.txt",
            () => other.Upload(BinaryData.FromString("the other run's"), overwrite: true));

        var failure = await Assert.ThrowsAsync<PipelineException>(() => Publisher().PublishAsync(files, CancellationToken.None));

        Assert.Equal("Site file 'data.txt' was changed by another run while this one published; " +
            "nothing was overwritten (1 of 3 files written before it).",
            failure.Message);
        Assert.Equal("the other run's", (await other.DownloadContentAsync()).Value.Content.ToString());
        Assert.False(await container.GetBlobClient("index.html").ExistsAsync()); // nothing after it
    }

    /// <summary>Written in pieces of 64 KB, as the JSON and CSV writers hand them over; optionally failing part-way.</summary>
    private static SiteFile Streamed(string path, string text, bool failPartWay = false) =>
        SiteFile.Streamed(path, "text/csv; charset=utf-8", "no-cache", async (stream, ct) =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            for (var i = 0; i < bytes.Length; i += 65536)
            {
                if (failPartWay && i > bytes.Length / 2) throw new InvalidOperationException("render failed");
                await stream.WriteAsync(bytes.AsMemory(i, Math.Min(65536, bytes.Length - i)), ct);
            }
        });

    [Fact]
    public async Task PublishAsync_StreamedFiles_GzippedInBlocksHashedPlainAndCommittedOnlyWhenChanged()
    {
        var container = azurite.Azurite.Client().GetBlobContainerClient(site);
        // Hex of random bytes gzips to about half: more than one 4 MB block.
        var big = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(5_000_000));
        var files = new[] { Streamed("actions.csv", big), Streamed("small.csv", "a,b\r\n") };

        var first = await Publisher().PublishAsync(files, CancellationToken.None);

        var csv = container.GetBlobClient("actions.csv");
        var properties = (await csv.GetPropertiesAsync()).Value;
        Assert.Equal("gzip", properties.ContentEncoding);
        Assert.True(properties.ContentLength > StagedBlobStream.BlockSize && properties.ContentLength < big.Length);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(big))),
            properties.Metadata["contenthash"]);
        await using (var gzip = new System.IO.Compression.GZipStream((await csv.DownloadStreamingAsync()).Value.Content,
            System.IO.Compression.CompressionMode.Decompress))
        using (var reader = new StreamReader(gzip))
            Assert.Equal(big, await reader.ReadToEndAsync());
        Assert.Null((await container.GetBlobClient("small.csv").GetPropertiesAsync()).Value.ContentEncoding); // under 8 KB: plain

        var second = await Publisher().PublishAsync(files, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Publisher().PublishAsync([Streamed("actions.csv", big + "more", failPartWay: true)], CancellationToken.None));

        Assert.Equal((2, 0), (first.Written, first.Unchanged));
        Assert.Equal((0, 2), (second.Written, second.Unchanged));
        Assert.Equal(properties.ETag, (await csv.GetPropertiesAsync()).Value.ETag); // neither the rerun nor the failed render wrote it
        var changed = await Publisher().PublishAsync([Streamed("actions.csv", "changed")], CancellationToken.None);
        Assert.Equal(1, changed.Written);
        Assert.Equal("changed", (await csv.DownloadContentAsync()).Value.Content.ToString());
    }
}
