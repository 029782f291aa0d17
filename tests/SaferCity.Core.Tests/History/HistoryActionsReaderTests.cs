using System.Text;
using SaferCity.Core.History;
using SaferCity.Core.Model;

namespace SaferCity.Core.Tests.History;

/// <summary>
/// history.json's actions are read by hand (fast on a large tracker); what it reads must be what was written, and a
/// document in any other form the generated reader accepts reads as before.
/// </summary>
public sealed class HistoryActionsReaderTests
{
    private static readonly DateOnly Day = new(2017, 1, 16);

    /// <summary>Every member set and left out at least once, and an action gone.</summary>
    private static TrackerHistory Varied() => new(
        [new HistoryDay(Day, new DateTimeOffset(2017, 1, 16, 7, 0, 0, TimeSpan.Zero), new RagCounts(1, 1, 1, 1))],
        new Dictionary<string, IReadOnlyList<HistoryEntry>>
        {
            ["1.1"] = [new HistoryEntry(Day.AddDays(-7), Rag.Red, new DateOnly(2016, 2, 29), true, true, false, "c0ffee", Day.AddDays(-8)),
                       new HistoryEntry(Day, null, null, false, false, true)],
            ["A.2"] = [new HistoryEntry(Day, Rag.Amber, null, false, false, false, null, null)],
            ["3"] = [new HistoryEntry(Day, Rag.Green, new DateOnly(2017, 12, 31), false, false, false, "", Day)],
        }) { Tracker = "the tracker file t.json" };

    [Fact]
    public void Deserialize_WhatWasWritten_ReadsEveryMember()
    {
        var history = Varied();

        var back = HistoryJson.Deserialize(HistoryJson.Serialize(history));

        Assert.Equal(history.Days, back.Days);
        Assert.Equal(history.Tracker, back.Tracker);
        Assert.Equal(history.Actions.Keys.Order(), back.Actions.Keys.Order());
        foreach (var (id, entries) in history.Actions) Assert.Equal(entries, back.Actions[id]);
        Assert.True(back.Actions.ContainsKey("a.2")); // numbers are looked up as the parser matches them
    }

    [Fact]
    public void Deserialize_ReportedStates_ReadsEveryMember()
    {
        var reported = ReportedStates.Empty with { States = Varied() };

        var back = ReportedStates.Deserialize(reported.Serialize());

        foreach (var (id, entries) in reported.States.Actions) Assert.Equal(entries, back.States.Actions[id]);
        Assert.True(back.States.Actions.ContainsKey("a.2"));
    }

    public static TheoryData<string, string> OtherForms() => new()
    {
        { "an escaped number", """{"days":[],"actions":{"1\u002E1":[{"from":"2017-01-16","rag":"red"}]}}""" },
        { "an escaped value", """{"days":[],"actions":{"1.1":[{"from":"2017\u002D01-16","rag":"red"}]}}""" },
        { "a member in capitals", """{"days":[],"actions":{"1.1":[{"From":"2017-01-16","Rag":"red"}]}}""" },
        { "a rating as a number", """{"days":[],"actions":{"1.1":[{"from":"2017-01-16","rag":2}]}}""" },
        { "a rating in capitals", """{"days":[],"actions":{"1.1":[{"from":"2017-01-16","rag":"Red"}]}}""" },
    };

    [Theory]
    [MemberData(nameof(OtherForms))]
    public void Deserialize_AnotherFormTheGeneratedReaderAccepts_ReadsAsBefore(string form, string json)
    {
        var back = HistoryJson.Deserialize(Encoding.UTF8.GetBytes(json));

        var entry = Assert.Single(back.Actions["1.1"]);
        Assert.Equal((Day, Rag.Red), (entry.From, entry.Rag));
        Assert.False(string.IsNullOrEmpty(form));
    }

    [Fact]
    public void Deserialize_ADayThatDoesNotExist_Refused() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() =>
            HistoryJson.Deserialize("""{"days":[],"actions":{"1.1":[{"from":"2017-02-30"}]}}"""u8));
}
