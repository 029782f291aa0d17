using SaferCity.Core.Tests.Support;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SaferCity.Core.Reminders;

namespace SaferCity.Core.Tests.Reminders;

/// <summary>
/// The ledger's hand-written writer gives exactly the bytes the serializer gave with <see cref="ReminderLedger.Json"/>:
/// a ledger written by one version is read, compared and rewritten by the next.
/// </summary>
public sealed class LedgerJsonTests
{
    private static byte[] BySerializer(ReminderLedger ledger) => JsonSerializer.SerializeToUtf8Bytes(ledger, ReminderLedger.Json);

    private static readonly DateTimeOffset Whole = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, ReminderLedger> Ledgers() => new()
    {
        { "empty", ReminderLedger.Empty("2017-W03") },
        { "no week, no entries", new ReminderLedger(null!, null!) },
        {
            "every state", ReminderLedger.Empty("2017-W03")
                .With("lead/1", new LedgerEntry(DeliveryState.Due, 0, Whole, []))
                .With("lead/2", new LedgerEntry(DeliveryState.Sending, 1, Whole.AddTicks(1), ["1.1", "1.2"], Digest: "housing"))
                .With("lead/3", new LedgerEntry(DeliveryState.Sent, 1, Whole.AddTicks(1_234_500), ["1.1"], Whole.AddSeconds(1), "id.1@vm",
                    Digest: "fire-brigade"))
                .With("lead/4", new LedgerEntry(DeliveryState.Failed, 3, Whole, ["2.1"], Error: "HTTP 400: bad \"request\""))
                .With(ReminderLedger.SummaryKey, new LedgerEntry(DeliveryState.Unconfirmed, 1, Whole, [], Error: "timeout",
                    Digest: "coordinator"))
        },
        {
            "awkward text", ReminderLedger.Empty("2017-W03")
                .With("lead/<script>&'+\u00e9\u4e2d\ud83d\ude00", new LedgerEntry((DeliveryState)42, -1, DateTimeOffset.MinValue,
                    ["", "a\"b\\c", "\u0000\u001f\u007f", "\u2028\u2029", "\ud800", "caf\u00e9 <b>", "1.1\r\n"],
                    DateTimeOffset.MaxValue, "\u00a0", "line\nbreak", "lead-coordinator"))
                .With("", new LedgerEntry(DeliveryState.Sent, int.MaxValue, new DateTimeOffset(2017, 3, 26, 1, 30, 0, 100,
                    TimeSpan.FromHours(-5.5)), null!, new DateTimeOffset(2017, 10, 29, 1, 0, 0, TimeSpan.FromHours(1))))
        },
    };

    [Theory]
    [MemberData(nameof(Ledgers))]
    public void Serialize_AnyLedger_GivesTheSerializersBytes(string name, ReminderLedger ledger)
    {
        Assert.NotNull(name);

        Assert.Equal(BySerializer(ledger), ledger.Serialize());
    }

    /// <summary>The equality above proves only the members the ledgers set: together they must set every one the serializer knows.</summary>
    [Fact]
    public void Ledgers_EveryMemberTheSerializerKnows_IsWritten()
    {
        // The ledger's options use the reflection resolver implicitly; a copy names it, so its metadata can be asked for.
        var options = new JsonSerializerOptions(ReminderLedger.Json) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var type = options.GetTypeInfo(typeof(ReminderLedger));
        var neverWritten = SerializerCoverage.MemberNames(type);
        foreach (var ledger in Ledgers().Select(row => (ReminderLedger)row[1]))
            neverWritten.IntersectWith(SerializerCoverage.NeverWritten(type, BySerializer(ledger)));

        Assert.Empty(neverWritten);
    }

    [Fact]
    public void Serialize_ALargeLedger_GivesTheSerializersBytes()
    {
        var ledger = ReminderLedger.Empty("2017-W52");
        for (var lead = 0; lead < 20; lead++)
        {
            ledger = ledger.With($"lead/{lead}", new LedgerEntry(DeliveryState.Sent, 1, Whole.AddTicks(lead * 1001),
                [.. Enumerable.Range(1, 3000).Select(i => $"{lead}.{i}")], Whole, $"m{lead}", Digest: $"lead-{lead}"));
        }

        Assert.Equal(BySerializer(ledger), ledger.Serialize());
    }

    [Fact]
    public void Serialize_AfterEachChange_GivesTheSerializersBytes()
    {
        // As a delivery writes it: after each change to one entry, the others as written before.
        var ledger = ReminderLedger.Empty("2017-W03");
        var written = new List<(byte[] Ours, byte[] Theirs)>();
        for (var lead = 0; lead < 5; lead++)
        {
            var key = $"lead/{lead}";
            ledger = ledger.With(key, new LedgerEntry(DeliveryState.Due, 0, Whole, [], Digest: $"léad-{lead}"));
            written.Add((ledger.Serialize(), BySerializer(ledger)));
            var intent = new LedgerEntry(DeliveryState.Sending, 1, Whole.AddTicks(lead), [$"{lead}.1", $"{lead}.<2>"], Digest: $"léad-{lead}");
            ledger = ledger.With(key, intent);
            written.Add((ledger.Serialize(), BySerializer(ledger)));
            ledger = ledger.With(key, intent with { State = DeliveryState.Sent, SentAt = Whole, MessageId = $"m{lead}" });
            written.Add((ledger.Serialize(), BySerializer(ledger)));
        }
        ledger = ledger with { Entries = new Dictionary<string, LedgerEntry>(ledger.Entries) { ["none"] = null! } };
        written.Add((ledger.Serialize(), BySerializer(ledger)));

        Assert.All(written, w => Assert.Equal(w.Theirs, w.Ours));
    }
}
