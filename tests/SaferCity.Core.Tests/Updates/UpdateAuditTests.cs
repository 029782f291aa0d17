using System.Text;
using System.Text.Json;
using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

/// <summary>The audit keeps who, when and which fields; the text only for Updates__AuditTextDays; nothing past State__RetentionDays.</summary>
public class UpdateAuditTests
{
    private static readonly DateTimeOffset Now = new(2017, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static AppliedUpdate Update(DateTimeOffset at, string comment = "Spoke to Jane Smith") =>
        new(at, "0123456789abcdef", "community-safety-team", "Community Safety Team", "11", "2.5",
            new UpdateFields("amber", "Before text", "open", "2016-12-31"), new UpdateFields("red", comment, "open", "2016-12-31"));

    [Fact]
    public async Task Maintain_RecordsPastTextDaysAndRetention_TextReplacedThenRecordDeleted()
    {
        var state = new InMemoryStateStore();
        await UpdateAudit.AppendAsync(state, Update(Now.AddDays(-10)), CancellationToken.None);   // recent: kept whole
        await UpdateAudit.AppendAsync(state, Update(Now.AddDays(-100)), CancellationToken.None);  // past 90 days: text goes
        await UpdateAudit.AppendAsync(state, Update(Now.AddDays(-800)), CancellationToken.None);  // past 730 days: deleted

        var (stripped, deleted) = await UpdateAudit.MaintainAsync(state, Now, textDays: 90, retentionDays: 730, CancellationToken.None);

        Assert.Equal((1, 1), (stripped, deleted));
        var left = await UpdateAudit.ReadAsync(state, Now.AddYears(-3), Now, CancellationToken.None);
        Assert.Equal(2, left.Count);
        var old = left[0];
        Assert.True(old.Stripped);
        Assert.Equal(("community-safety-team", "2.5", "red"), (old.LeadKey, old.Action, old.After.Rag)); // who, what, which fields stay
        Assert.Matches(@"^\[text removed: 19 characters, sha256 [0-9a-f]{16}\]$", old.After.Comment);
        Assert.Equal("Spoke to Jane Smith", left[1].After.Comment);
        Assert.DoesNotContain(state.Documents.Values, d => Encoding.UTF8.GetString(d).Contains("Jane Smith", StringComparison.Ordinal) &&
            JsonSerializer.Deserialize<AppliedUpdate>(d, new JsonSerializerOptions(JsonSerializerDefaults.Web))!.At < Now.AddDays(-90));
        Assert.Equal((0, 0), await UpdateAudit.MaintainAsync(state, Now, 90, 730, CancellationToken.None)); // a second run changes nothing
    }

    [Fact]
    public async Task Maintain_MonthWrittenWholeBefore_IsStrippedAndPrunedToo()
    {
        var state = new InMemoryStateStore();
        var records = new[] { Update(Now.AddDays(-800)), Update(Now.AddDays(-100)) };
        await state.WriteAsync("updates/2015-03.json",
            JsonSerializer.SerializeToUtf8Bytes(records, new JsonSerializerOptions(JsonSerializerDefaults.Web)), null, CancellationToken.None);

        Assert.Equal((1, 1), await UpdateAudit.MaintainAsync(state, Now, 90, 730, CancellationToken.None));

        var kept = JsonSerializer.Deserialize<List<AppliedUpdate>>(state.Documents["updates/2015-03.json"],
            new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        Assert.True(Assert.Single(kept).Stripped);
    }

    [Fact]
    public async Task Run_Live_MaintainsTheAudit()
    {
        var harness = Harness.ForSample();
        await UpdateAudit.AppendAsync(harness.State, Update(new DateTimeOffset(2017, 1, 2, 9, 0, 0, TimeSpan.Zero)), CancellationToken.None);

        await harness.RunAsync("2017-06-05"); // 154 days on: past the 90 days of text

        var record = Assert.Single(await UpdateAudit.ReadAsync(harness.State, Now.AddYears(-1), Now.AddYears(1), CancellationToken.None));
        Assert.True(record.Stripped);
    }
}
