using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using SaferCity.Core.Dashboard;

namespace SaferCity.Core.Tests.Dashboard;

/// <summary>
/// The texts the last run's screen passed: not screened again, a changed text screened, nothing reused across screens,
/// and a document of hashes alone.
/// </summary>
public sealed class ScreenedTextsTests
{
    private const string Clean = "Seen near EC2V 7H by the night team";       // one letter short of a postcode
    private const string Personal = "Seen near EC2V 7HH by the night team";   // the same, one character longer

    /// <summary>A stored document saying the last run passed these texts (as written, or as a forger would).</summary>
    private static byte[] Document(string signature, params string[] passed) =>
        JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = 1,
            screen = signature,
            passed = MemoryMarshal.AsBytes(passed.Select(ScreenedTexts.Hash).Order().ToArray().AsSpan()).ToArray(),
        });

    [Fact]
    public void Find_TextPassedByTheLastRun_NotScreenedAgain()
    {
        // Only a text that is not screened again can come through as passed when the screen would flag it.
        var known = ScreenedTexts.Read(Document(PersonalDataScreen.Signature, Personal));

        Assert.Null(known.Find(Personal));
        Assert.NotNull(PersonalDataScreen.Find(Personal));
    }

    [Fact]
    public void Find_TextChangedByOneCharacter_ScreenedAgain()
    {
        var first = ScreenedTexts.None();
        Assert.Null(first.Find(Clean));
        var second = ScreenedTexts.Read(first.Serialize());

        Assert.Equal("a postcode", second.Find(Personal)?.Kind);
        Assert.Null(second.Find(Clean));
    }

    [Fact]
    public void Read_AnotherScreensDocument_ScreensEveryText()
    {
        var other = PersonalDataScreen.SignatureOf(PersonalDataScreen.SignatureParts().Append("one more pattern"));

        var known = ScreenedTexts.Read(Document(other, Personal));

        Assert.Equal("a postcode", known.Find(Personal)?.Kind);
    }

    [Fact]
    public void Signature_APatternChanged_Differs()
    {
        var parts = PersonalDataScreen.SignatureParts().ToList();
        Assert.Equal(PersonalDataScreen.Signature, PersonalDataScreen.SignatureOf(parts));
        var postcode = parts.FindIndex(p => p.StartsWith("a postcode", StringComparison.Ordinal));

        parts[postcode] = parts[postcode].Replace("AB|AL|", "AL|", StringComparison.Ordinal);

        Assert.NotEqual(PersonalDataScreen.Signature, PersonalDataScreen.SignatureOf(parts));
    }

    public static TheoryData<string> Unreadable() =>
    [
        "not json",
        "{}",
        "[1,2]",
        """{"format":2,"screen":"SIGNATURE","passed":""}""",
        """{"format":1,"screen":"SIGNATURE","passed":"not base64!"}""",
        """{"format":1,"screen":"SIGNATURE","passed":"AAAA"}""",               // 3 bytes: no whole hash
        """{"format":1,"screen":"SIGNATURE","passed":"AAAAAAAAAAAAAAAAAAAAAA=="} trailing""",
    ];

    [Theory]
    [MemberData(nameof(Unreadable))]
    public void Read_UnreadableOrOldDocument_ScreensEveryText(string json)
    {
        var known = ScreenedTexts.Read(Encoding.UTF8.GetBytes(json.Replace("SIGNATURE", PersonalDataScreen.Signature, StringComparison.Ordinal)));

        Assert.Null(known.Find(Clean));
        Assert.True(known.Changed); // nothing was known, so the document is rewritten
        Assert.Equal("a postcode", known.Find(Personal)?.Kind);
    }

    [Fact]
    public void Read_HashesOutOfOrder_ScreensEveryText()
    {
        var hashes = new[] { ScreenedTexts.Hash(Personal), ScreenedTexts.Hash(Clean) }.Order().Reverse().ToArray();
        var json = JsonSerializer.SerializeToUtf8Bytes(new
        {
            format = 1,
            screen = PersonalDataScreen.Signature,
            passed = MemoryMarshal.AsBytes(hashes.AsSpan()).ToArray(),
        });

        Assert.Equal("a postcode", ScreenedTexts.Read(json).Find(Personal)?.Kind);
    }

    [Fact]
    public void Changed_SameTextsInAnotherOrder_False()
    {
        var first = ScreenedTexts.None();
        first.Find("Patrols increased");
        first.Find(Clean);
        var second = ScreenedTexts.Read(first.Serialize());
        second.Find(Clean);
        second.Find("Patrols increased");
        second.Find(Clean);
        var third = ScreenedTexts.Read(second.Serialize());
        third.Find(Clean); // "Patrols increased" gone from the tracker

        Assert.False(second.Changed);
        Assert.True(third.Changed);
        Assert.True(ScreenedTexts.Read(third.Serialize()).Find(Clean) is null);
    }

    [Fact]
    public void Serialize_PassedAndFlaggedTexts_HoldsHashesOfThePassedOnly()
    {
        var known = ScreenedTexts.None();
        known.Find(Clean);
        known.Find(Personal);
        known.Find("Victim can be reached on 07700 900123 after 6pm.");

        var bytes = known.Serialize();
        using var json = JsonDocument.Parse(bytes);

        Assert.Equal(["format", "screen", "passed"], json.RootElement.EnumerateObject().Select(p => p.Name));
        var passed = MemoryMarshal.Cast<byte, UInt128>(json.RootElement.GetProperty("passed").GetBytesFromBase64()).ToArray();
        Assert.Equal([ScreenedTexts.Hash(Clean)], passed);
        var text = Encoding.UTF8.GetString(bytes);
        foreach (var word in new[] { "Seen", "EC2V", "night", "07700", "Victim" })
            Assert.DoesNotContain(word, text, StringComparison.OrdinalIgnoreCase);
    }
}
