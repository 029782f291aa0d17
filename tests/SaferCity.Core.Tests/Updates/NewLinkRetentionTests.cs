using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

/// <summary>The record of each "Email me a new link" is private and kept no longer than State__RetentionDays.</summary>
public class NewLinkRetentionTests
{
    private static readonly DateTimeOffset Now = new(2017, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static NewLink.Sent Sent(DateTimeOffset at, string oldLink) =>
        new(at, oldLink, "fedcba9876543210", "#7", "Licensing", "11", "2.8");

    [Fact]
    public async Task Prune_RecordsPastRetention_DeletedAndRecentKept()
    {
        var state = new InMemoryStateStore();
        await NewLink.RecordAsync(state, Sent(Now.AddDays(-731), "0000000000000001"), CancellationToken.None);
        await NewLink.RecordAsync(state, Sent(Now.AddDays(-729), "0000000000000002"), CancellationToken.None);

        Assert.Equal(1, await NewLink.PruneAsync(state, Now, retentionDays: 730, CancellationToken.None));

        var left = Assert.Single(state.Documents.Keys, k => k.StartsWith("new-links/", StringComparison.Ordinal));
        Assert.Contains("0000000000000002", left, StringComparison.Ordinal);
        Assert.Equal(0, await NewLink.PruneAsync(state, Now, 730, CancellationToken.None)); // a second run changes nothing
    }
}
