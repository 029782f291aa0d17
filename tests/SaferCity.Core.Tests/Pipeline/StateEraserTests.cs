using System.Text;
using SaferCity.Core.Pipeline;
using SaferCity.Core.Tests.Support;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Pipeline;

/// <summary>erase: every stored copy of an action's text, or of a string, replaced; the record that something happened kept.</summary>
public class StateEraserTests
{
    private static readonly DateTimeOffset At = new(2017, 1, 12, 10, 0, 0, TimeSpan.Zero);

    private static readonly AppliedUpdate First = new(At, "link-1", "lead/7", "Community Safety Team", "12", "2.5",
        new UpdateFields("amber", "Waiting on the venue.", "open", null),
        new UpdateFields("red", "Mr A. Khan, victim, mobile 07700 900123, not yet seen.", "open", null));

    private static readonly AppliedUpdate Second = new(At.AddHours(1), "link-2", "lead/8", "City of London Police", "13", "3.1",
        new UpdateFields("green", "On track.", "open", null),
        new UpdateFields("green", "On track; Mr A. Khan attended the panel.", "open", null));

    private static async Task<InMemoryStateStore> StateWithUpdatesAsync()
    {
        var state = new InMemoryStateStore();
        await UpdateAudit.AppendAsync(state, First, CancellationToken.None);
        await UpdateAudit.AppendAsync(state, Second, CancellationToken.None);
        state.Documents["history.json"] = Encoding.UTF8.GetBytes("""{"days":[],"actions":{"2.5":[]}}""");
        return state;
    }

    private static string Audit(InMemoryStateStore state) =>
        string.Concat(state.Documents.Where(d => d.Key.StartsWith("updates/", StringComparison.Ordinal))
            .Select(d => Encoding.UTF8.GetString(d.Value)));

    [Fact]
    public async Task EraseAsync_Action_ItsCommentsGoFromTheAuditAndTheRecordStays()
    {
        var state = await StateWithUpdatesAsync();

        var report = await StateEraser.EraseAsync(state, new ErasureRequest("2.5", null), dryRun: false, CancellationToken.None);

        var audit = Audit(state);
        Assert.DoesNotContain("Waiting on the venue.", audit);
        Assert.DoesNotContain("07700 900123", audit);
        Assert.Contains("On track; Mr A. Khan attended the panel.", audit); // another action's text stays
        var kept = await UpdateAudit.ReadAsync(state, At.AddDays(-1), At.AddDays(1), CancellationToken.None);
        Assert.Equal(2, kept.Count);
        Assert.Equal(("2.5", "red", StateEraser.Marker), (kept[0].Action, kept[0].After.Rag, kept[0].After.Comment));
        Assert.Equal([(UpdateAudit.DocumentName(First), 2)], report.Documents);
    }

    [Fact]
    public async Task EraseAsync_Text_EveryOccurrenceInEveryDocumentReplaced()
    {
        var state = await StateWithUpdatesAsync();

        var report = await StateEraser.EraseAsync(state, new ErasureRequest(null, "mr a. khan"), dryRun: false, CancellationToken.None);

        var audit = Audit(state);
        Assert.DoesNotContain("Khan", audit);
        Assert.Contains("[erased], victim, mobile 07700 900123", audit);
        Assert.Contains("On track; [erased] attended the panel.", audit);
        Assert.Equal(2, report.Values);
    }

    [Fact]
    public async Task EraseAsync_DryRun_ReportsButChangesNothing()
    {
        var state = await StateWithUpdatesAsync();
        var before = Audit(state);

        var report = await StateEraser.EraseAsync(state, new ErasureRequest(null, "07700 900123"), dryRun: true, CancellationToken.None);

        Assert.Equal(1, report.Values);
        Assert.Equal(before, Audit(state));
    }

    [Fact]
    public async Task EraseAsync_TextNowhere_ReportsNothing()
    {
        var state = await StateWithUpdatesAsync();

        var report = await StateEraser.EraseAsync(state, new ErasureRequest("9.9", "nobody here"), dryRun: false, CancellationToken.None);

        Assert.Empty(report.Documents);
    }
}
