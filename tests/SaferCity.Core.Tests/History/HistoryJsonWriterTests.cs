using SaferCity.Core.Tests.Support;
using System.Text;
using SaferCity.Core.History;

namespace SaferCity.Core.Tests.History;

/// <summary>
/// history.json and reported.json are written by hand (<see cref="HistoryJsonWriter"/>) where they were written by
/// System.Text.Json: every byte must stay the serializer's, defaults left out and awkward text escaped alike.
/// </summary>
public sealed class HistoryJsonWriterTests
{
    /// <summary>What the default encoder escapes ('+', '&lt;', non-ASCII, a lone surrogate…), and empty text.</summary>
    private static readonly string[] Awkward =
    [
        "", "1.1", "a+b <c> & 'd' `e`", "quote \" \\ /", "café – “x” £", "👮‍♀️", "lone \ud800", "\udc00 low", "tab\t\n\u0000\u007f",
        "\u2028", "ア中文", "A1",
    ];

    [Fact]
    public void Serialize_AwkwardHistory_SameBytesAsTheSerializer()
    {
        var history = AwkwardHistory();

        var hand = HistoryJson.Serialize(history);
        var serializer = HistoryJson.SerializeBySerializer(history, c => c.TrackerHistory);

        Assert.Equal(Encoding.UTF8.GetString(serializer), Encoding.UTF8.GetString(hand));
        Assert.Equal(serializer, hand);
    }

    [Fact]
    public void Serialize_AwkwardReportedStates_SameBytesAsTheSerializer()
    {
        var last = Awkward.Select((key, i) => (key, i)).ToDictionary(k => "lead/" + k.key,
            k => new ReportedPointer(new DateOnly(2017, 1, 16).AddDays(-k.i), k.i == 1 ? default : new DateOnly(2017, 1, 9)));
        var states = new ReportedStates(AwkwardHistory(), last) { SummaryProblems = [.. Awkward] };

        var hand = states.Serialize();
        var serializer = HistoryJson.SerializeBySerializer(states, c => c.ReportedStates);

        Assert.Equal(Encoding.UTF8.GetString(serializer), Encoding.UTF8.GetString(hand));
        Assert.Equal(serializer, hand);
    }

    [Fact]
    public void Serialize_Empty_SameBytesAsTheSerializer()
    {
        Assert.Equal(HistoryJson.SerializeBySerializer(TrackerHistory.Empty, c => c.TrackerHistory), HistoryJson.Serialize(TrackerHistory.Empty));
        Assert.Equal(HistoryJson.SerializeBySerializer(ReportedStates.Empty, c => c.ReportedStates), ReportedStates.Empty.Serialize());
    }

    [Fact]
    public void Serialize_HistoryPastTheFirstBuffer_SameBytesAsTheSerializer()
    {
        var entries = new HistoryEntry(new DateOnly(2017, 1, 16), Rag.Amber, new DateOnly(2017, 3, 31), false, false, false, "e3b0c44298fc1c14",
            new DateOnly(2017, 1, 13));
        var actions = Enumerable.Range(1, 5000).ToDictionary(i => $"{i / 100}.{i}", _ => (IReadOnlyList<HistoryEntry>)[entries]);
        var history = new TrackerHistory([], actions);

        var hand = HistoryJson.Serialize(history);

        Assert.True(hand.Length > 300_000, "spans several of the buffer's growths");
        Assert.Equal(HistoryJson.SerializeBySerializer(history, c => c.TrackerHistory), hand);
    }

    /// <summary>The equalities above prove only the members the fixtures set: they must set every one the serializer knows.</summary>
    [Fact]
    public void AwkwardFixtures_EveryMemberTheSerializerKnows_IsWritten()
    {
        var history = AwkwardHistory();
        var last = new Dictionary<string, ReportedPointer> { ["lead/a"] = new(new DateOnly(2017, 1, 16), new DateOnly(2017, 1, 9)) };
        var states = new ReportedStates(history, last) { SummaryProblems = ["a"] };

        Assert.Empty(SerializerCoverage.NeverWritten(HistoryJson.Context.TrackerHistory,
            HistoryJson.SerializeBySerializer(history, c => c.TrackerHistory)));
        Assert.Empty(SerializerCoverage.NeverWritten(HistoryJson.Context.ReportedStates,
            HistoryJson.SerializeBySerializer(states, c => c.ReportedStates)));
    }

    /// <summary>Every field set and unset, defaults (day, time, zero counts, Green as the enum's zero), every rating and one with no name.</summary>
    private static TrackerHistory AwkwardHistory()
    {
        var day = new DateOnly(2017, 1, 16);
        var actions = new Dictionary<string, IReadOnlyList<HistoryEntry>>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Awkward.Length; i++)
        {
            actions[Awkward[i]] =
            [
                new HistoryEntry(i == 0 ? default : day.AddDays(-i), (Rag)(i % 3), i % 2 == 0 ? null : day.AddDays(i), i % 3 == 0,
                    i % 4 == 0, i % 5 == 0, Comment: i % 2 == 0 ? null : Awkward[i], Updated: i % 3 == 1 ? null : day),
                new HistoryEntry(day, i == 5 ? (Rag)7 : null, default(DateOnly), true, true, true),
            ];
        }
        return new TrackerHistory(
            [
                new HistoryDay(default, default, new RagCounts(0, 0, 0, 0)),
                new HistoryDay(day, new DateTimeOffset(2017, 1, 16, 7, 0, 3, TimeSpan.FromHours(1)).AddTicks(538178),
                    new RagCounts(1, 0, -3, int.MaxValue)),
                new HistoryDay(day.AddDays(7), new DateTimeOffset(2017, 1, 23, 7, 0, 0, TimeSpan.Zero), new RagCounts(0, 12, 0, 0)),
            ],
            actions)
        {
            Tracker = "the tracker file C:\\Trackers\\café <plan> + 2017.xlsx",
        };
    }
}
