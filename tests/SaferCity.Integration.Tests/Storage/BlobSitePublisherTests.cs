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

        Assert.Equal("Site file 'data.txt' was changed by another run while this one published; nothing was overwritten (1 of 3 files written before it).",
            failure.Message);
        Assert.Equal("the other run's", (await other.DownloadContentAsync()).Value.Content.ToString());
        Assert.False(await container.GetBlobClient("index.html").ExistsAsync()); // nothing after it
    }
}
