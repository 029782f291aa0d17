using Microsoft.Extensions.DependencyInjection;
using SaferCity.Infrastructure.Graph;
using SaferCity.Integration.Tests.Stack;

namespace SaferCity.Integration.Tests.Graph;

/// <summary>Items fetched as raw JSON through the SDK's request information and read by the file source's parser.</summary>
public sealed class GraphItemPagesTests
{
    [Fact]
    public async Task ReadItemAsync_ItemNotInTheList_NullAndAnItemThatIsReadWithItsETag()
    {
        await using var stack = await TestStack.StartAsync(sendGrid: false);
        await using var services = stack.Services();
        var target = services.GetRequiredService<GraphUpdateTarget>();

        Assert.Null(await target.ReadItemAsync("999", CancellationToken.None));
        var item = await target.ReadItemAsync("1", CancellationToken.None);
        Assert.NotNull(item);
        Assert.False(string.IsNullOrEmpty(item.ETag));
    }
}
