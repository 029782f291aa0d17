using SaferCity.Core.Tests.Support;
using System.Text;
using SaferCity.Core.Dashboard;
using SaferCity.Core.History;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>
/// dashboard.json is written by hand (<see cref="DashboardJsonWriter"/>) where it was written by System.Text.Json: every
/// byte must stay the serializer's, on the values an encoder treats differently.
/// </summary>
public sealed class DashboardJsonWriterTests
{
    /// <summary>Escaping, HTML-sensitive characters, non-ASCII, emoji, a lone surrogate, controls, empty text.</summary>
    private static readonly string[] Awkward =
    [
        "", "plain", "quote \" and \\ backslash", "<script>&'+`</script>", "café – “quoted” £5 €", "emoji 👮‍♀️ 🚓",
        "lone \ud800 high", "lone \udc00 low", "tab\tnew\nline\r\u0000\u001f\u007f", "\u2028\u2029 separators",
        "=SUM(A1)", "ア中文 العربية", new string('x', 5000),
    ];

    [Fact]
    public void Serialize_AwkwardValues_SameBytesAsTheSerializer()
    {
        var document = DashboardDocument.From(Awkward_Model());

        var hand = DashboardJson.Serialize(document).ToArray();
        var serializer = DashboardJson.SerializeBySerializer(document);

        Assert.Equal(Encoding.UTF8.GetString(serializer), Encoding.UTF8.GetString(hand));
        Assert.Equal(serializer, hand);
    }

    [Fact]
    public async Task WriteAsync_AwkwardValuesPastTheFlushSize_SameBytesAndHashAsTheSerializer()
    {
        var many = Awkward_Model();
        many = many with { Actions = [.. Enumerable.Range(0, 40).SelectMany(_ => many.Actions)] };
        var document = DashboardDocument.From(many);
        var serializer = DashboardJson.SerializeBySerializer(document);
        Assert.True(serializer.Length > 200_000, "the file spans several flushes");

        using var written = new MemoryStream();
        await DashboardJson.WriteAsync(written, document, CancellationToken.None);

        Assert.Equal(serializer, written.ToArray());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(serializer)), DashboardJson.Hash(document));
    }

    [Fact]
    public void Serialize_EmptyModel_SameBytesAsTheSerializer()
    {
        var empty = new PublicDashboard(new DateOnly(2017, 1, 16), new DateTimeOffset(2017, 1, 16, 7, 0, 0, 123, TimeSpan.FromHours(1)),
            new DashboardSummary(0, 0, 0, 0, 0, 0, 0, 0, 0), [], [], []);
        var document = DashboardDocument.From(empty);

        Assert.Equal(DashboardJson.SerializeBySerializer(document), DashboardJson.Serialize(document).ToArray());
    }

    /// <summary>The equality above proves only the members the fixture sets: it must set every one the serializer knows.</summary>
    [Fact]
    public void AwkwardModel_EveryMemberTheSerializerKnows_IsWritten()
    {
        var json = DashboardJson.SerializeBySerializer(DashboardDocument.From(Awkward_Model()));

        Assert.Empty(SerializerCoverage.NeverWritten(DashboardJson.Options.GetTypeInfo(typeof(DashboardDocument)), json));
    }

    /// <summary>Every field of an action, the drift kinds, nulls where the contract allows them, and the awkward texts.</summary>
    private static PublicDashboard Awkward_Model()
    {
        var day = new DateOnly(2017, 1, 16);
        var actions = Awkward.Select((text, i) => new PublicAction(
            $"{i}.{text[..Math.Min(3, text.Length)]}", text, text, i % 3 == 0 ? null : day.AddDays(i), i % 4 == 0 ? [] : [text, "Police"],
            i % 4 == 0 ? null : (Rag)(i % 3), i % 2 == 0, i % 3 == 1, i * 7, i % 5 == 0, i % 2 == 1, text, Drift(i))
        {
            LastUpdated = i % 2 == 0 ? null : day.AddDays(-i),
            Stale = i % 3 == 2,
            History = i % 3 == 0 ? [] : [new PublicState(day.AddDays(-7), null, null, false), new PublicState(day, Rag.Red, day, true)],
        }).ToList();
        return new PublicDashboard(day, new DateTimeOffset(2017, 1, 16, 7, 0, 3, 54, TimeSpan.Zero).AddTicks(1234),
            new DashboardSummary(1, 2, 3, 4, 5, 6, 7, 8, 9) { Unrated = 10, Stale = 11 }, actions, ["9.9", "<x>", ""],
            [new Finding("1.1", "lead", "unknown", "Ministry of <Magic> & “café”"), new Finding("1.2", "rag", "missing")])
        {
            DriftSince = day.AddDays(-7),
            Trend = [new TrendDay(day.AddDays(-7), new RagCounts(1, 2, 3, 4)), new TrendDay(day, new RagCounts(0, 0, 0, int.MaxValue))],
            Themes = [.. Awkward],
            StaleAfterDays = 90,
        };
    }

    private static IReadOnlyList<DriftChange> Drift(int i) => (i % 4) switch
    {
        0 => [],
        1 => [new DriftChange(DriftKind.RagWorsened) { FromRag = Rag.Amber, ToRag = Rag.Red }],
        2 => [new DriftChange(DriftKind.DeadlineSlipped) { FromDate = new DateOnly(2017, 2, 28), ToDate = new DateOnly(2017, 5, 31) },
            new DriftChange(DriftKind.Completed)],
        _ => [.. Enum.GetValues<DriftKind>().Select(k => new DriftChange(k))],
    };
}
