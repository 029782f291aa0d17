using System.Security.Cryptography;
using System.Text;
using SaferCity.Core.History;

namespace SaferCity.Core.Tests.History;

/// <summary>
/// The comment fingerprint is stored in every history: hashed from a pooled buffer now, it must be what hashing a trimmed
/// copy of the text gave (<see cref="Reference"/>), or every action would look updated once.
/// </summary>
public class SnapshotFingerprintTests
{
    public static TheoryData<string> Comments => new()
    {
        "",
        "   ",
        "On track.",
        "  padded \t\n",
        "caf\u00e9 \U0001F600 \u202e",
        "half a character \ud83d",
        "\u00a0no-break spaces\u2003",
        new string('x', 100_000),
    };

    [Theory]
    [MemberData(nameof(Comments))]
    public void Fingerprint_AwkwardComments_IsTheHashOfTheTrimmedText(string comments) =>
        Assert.Equal(Reference(comments), SnapshotAction.Fingerprint(comments));

    private static string Reference(string comments) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(comments.Trim())).AsSpan(0, 8));
}
