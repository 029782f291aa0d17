using System.Text;
using SaferCity.Core.Reading;

namespace SaferCity.Core.Tests.Reading;

/// <summary>JSON that the strict reader refuses is made readable; JSON it accepts is left exactly as it is.</summary>
public class LenientJsonTests
{
    private static string? Repair(string json) =>
        LenientJson.Repair(Encoding.UTF8.GetBytes(json)) is { } repaired ? Encoding.UTF8.GetString(repaired) : null;

    [Theory]
    [InlineData("{\"Comments\":\"plain\"}")]
    [InlineData("{\"Comments\":\"line\\nbreak \\\"quoted\\\" \\\\ back\"}")]
    [InlineData("{\"Comments\":\"\\ud83d\\ude00\"}")]                   // a proper pair
    [InlineData("{\"Comments\":\"\\uDBFF\\uDC00\"}")]                   // the pair at the ends of both ranges
    [InlineData("{\"Comments\":\"\\u00e9\\uD7FF\\uE000\\u12aB\"}")]     // no surrogates
    [InlineData("{\"Comments\":\"\\\\ud800\"}")]                        // an escaped backslash, then the letters "ud800"
    [InlineData("\\ud83d\\ude00")]                                      // a pair at the very end
    [InlineData("trailing \\")]
    public void Repair_JsonTheReaderAccepts_NothingChanged(string json)
    {
        Assert.Null(Repair(json));
    }

    [Theory]
    [InlineData("{\"c\":\"\\ud800\"}", "{\"c\":\"\\uFFFD\"}")]
    [InlineData("{\"c\":\"\\uDFFF\"}", "{\"c\":\"\\uFFFD\"}")]              // a lone low surrogate
    [InlineData("{\"c\":\"\\udbff!\"}", "{\"c\":\"\\uFFFD!\"}")]
    [InlineData("{\"c\":\"\\ud800\\u0041\"}", "{\"c\":\"\\uFFFD\\u0041\"}")] // a high surrogate before something else
    [InlineData("{\"c\":\"\\ud800\\ud800\"}", "{\"c\":\"\\uFFFD\\uFFFD\"}")] // two highs in a row
    [InlineData("{\"c\":\"\\ude00\\ud83d\"}", "{\"c\":\"\\uFFFD\\uFFFD\"}")] // a pair in the wrong order
    [InlineData("{\"c\":\"\\u0041\\udc00\"}", "{\"c\":\"\\u0041\\uFFFD\"}")] // a lone low surrogate after an ordinary escape
    [InlineData("{\"c\":\"\\udc00\\udc00\"}", "{\"c\":\"\\uFFFD\\uFFFD\"}")] // two lows in a row
    [InlineData("{\"c\":\"\\ud83d\\ude00 \\ud800 \\\\ \\udc00\"}", "{\"c\":\"\\ud83d\\ude00 \\uFFFD \\\\ \\uFFFD\"}")]
    [InlineData("\\ud800", "\\uFFFD")]                                     // a lone escape at the very end
    [InlineData("{\"c\":\"\\ud9a0\"}", "{\"c\":\"\\uFFFD\"}")]              // every hex digit at the ends of its range
    [InlineData("{\"c\":\"\\uDA9A\"}", "{\"c\":\"\\uFFFD\"}")]
    [InlineData("x\\ud800\\ude0", "x\\uFFFD\\ude0")]                       // the next escape cut short
    public void Repair_UnpairedSurrogateEscape_ReplacementCharacter(string json, string expected)
    {
        Assert.Equal(expected, Repair(json));
    }

    [Fact]
    public void Repair_EscapeThatIsNotHex_LeftForTheReaderToRefuse()
    {
        // Not a surrogate, not this code's business: the reader reports it as the broken JSON it is.
        Assert.Null(LenientJson.Repair("{\"c\":\"\\uD8G0\"}"u8));
    }

    [Fact]
    public void Repair_BytesThatAreNotUtf8_DecodedAsReplacementCharacter()
    {
        byte[] json = [.. "{\"c\":\"a"u8, 0xFF, .. "b\"}"u8];

        var repaired = LenientJson.Repair(json);

        Assert.NotNull(repaired);
        Assert.Equal("{\"c\":\"a\uFFFDb\"}", Encoding.UTF8.GetString(repaired));
    }

    [Fact]
    public void Repair_BytesThatAreNotUtf8AndALoneSurrogate_BothRepaired()
    {
        byte[] json = [.. "{\"c\":\"\\ud800"u8, 0xC3, .. "\"}"u8];

        Assert.Equal("{\"c\":\"\\uFFFD\uFFFD\"}", Encoding.UTF8.GetString(LenientJson.Repair(json)!));
    }
}
