using System.ComponentModel.DataAnnotations;
using SaferCity.Core.Updates;

namespace SaferCity.Core.Tests.Updates;

public class UpdateLinkSignerTests
{
    internal const string Key = "test-signing-key-0123456789-abcdefghijklmnop";
    private static readonly DateTimeOffset Made = new(2017, 1, 16, 7, 0, 0, TimeSpan.Zero);
    private static readonly UpdateLink Link = new("community-safety-team", "7", "2.5", Made, Made.AddDays(28));

    private static UpdateLinkSigner Signer(string key = Key, string? previous = null) =>
        new(new UpdatesOptions { BaseUrl = "https://updates.example.org/api/update", SigningKey = key, PreviousSigningKey = previous });

    [Fact]
    public void Check_TokenJustSigned_IsValidAndCarriesTheLink()
    {
        var token = Signer().Sign(Link);

        var check = Signer().Check(token, Made.AddDays(1));

        Assert.Equal(LinkStatus.Valid, check.Status);
        Assert.Equal(Link, check.Link);
        Assert.Matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$", token); // safe in a URL path as it is
    }

    [Fact]
    public void Check_AfterExpiry_IsExpired()
    {
        var token = Signer().Sign(Link);

        Assert.Equal(LinkStatus.Valid, Signer().Check(token, Link.ExpiresAt.AddSeconds(-1)).Status);
        Assert.Equal(LinkStatus.Expired, Signer().Check(token, Link.ExpiresAt).Status);
    }

    [Fact]
    public void Check_AnyCharacterChanged_IsInvalid()
    {
        var token = Signer().Sign(Link);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] == '.') continue;
            var changed = token[..i] + (token[i] == 'A' ? 'B' : 'A') + token[(i + 1)..];
            Assert.Equal(LinkStatus.Invalid, Signer().Check(changed, Made).Status);
        }
    }

    [Fact]
    public void Check_PayloadOfAnotherActionWithOldSignature_IsInvalid()
    {
        var mine = Signer().Sign(Link).Split('.');
        var other = Signer().Sign(Link with { ItemId = "8", Number = "2.6" }).Split('.');

        Assert.Equal(LinkStatus.Invalid, Signer().Check($"{other[0]}.{mine[1]}", Made).Status);
    }

    [Fact]
    public void Check_SignedWithAnotherKey_IsInvalid()
    {
        var token = Signer("another-installation-key-0123456789-abcdefgh").Sign(Link);

        Assert.Equal(LinkStatus.Invalid, Signer().Check(token, Made).Status);
    }

    [Fact]
    public void Check_SignedWithPreviousKeyDuringRotation_IsValid()
    {
        const string old = "the-key-before-rotation-0123456789-abcdefghij";
        var token = Signer(old).Sign(Link);

        Assert.Equal(LinkStatus.Valid, Signer(Key, previous: old).Check(token, Made).Status);
        Assert.Equal(LinkStatus.Invalid, Signer(Key).Check(token, Made).Status);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("....")]
    [InlineData("AAAA.AAAA")]
    [InlineData("<script>.x")]
    public void Check_Garbage_IsInvalid(string? token) =>
        Assert.Equal(LinkStatus.Invalid, Signer().Check(token, Made).Status);

    [Fact]
    public void IdOf_IsShortAndDoesNotContainTheToken()
    {
        var token = Signer().Sign(Link);
        var id = UpdateLink.IdOf(token);

        Assert.Equal(16, id.Length);
        Assert.DoesNotContain(id, token, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://updates.example.org/u", null, "SigningKey is required")]
    [InlineData("https://updates.example.org/u", "short", "SigningKey is too short")]
    [InlineData("http://updates.example.org/u", Key, "must be an https address")]
    public void Validate_BaseUrlSetWithoutUsableKey_NamesTheSetting(string baseUrl, string? key, string expected)
    {
        var options = new UpdatesOptions { BaseUrl = baseUrl, SigningKey = key };

        var errors = options.Validate(new ValidationContext(options)).Select(e => e.ErrorMessage).ToList();

        Assert.Contains(errors, e => e!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_LoopbackHttpWithKey_IsFine()
    {
        var options = new UpdatesOptions { BaseUrl = "http://127.0.0.1:7071", SigningKey = Key };

        Assert.Empty(options.Validate(new ValidationContext(options)));
        Assert.Equal(28, options.LinkDays);
    }

    [Fact]
    public void Enabled_KeyVaultReferenceNotResolved_LinksOffAndNeverSignedWithTheReferenceText()
    {
        // What the platform passes on when it cannot read the secret: public text, long enough to pass a length check.
        var options = new UpdatesOptions
        {
            BaseUrl = "https://app.example.org/api/update",
            SigningKey = "@Microsoft.KeyVault(SecretUri=https://kv-scp.vault.azure.net/secrets/Updates--SigningKey/)",
        };

        Assert.False(options.Enabled);
        Assert.Empty(options.Validate(new ValidationContext(options)));
        Assert.True(new UpdatesOptions { BaseUrl = options.BaseUrl, SigningKey = Key }.Enabled);
    }

    public static readonly TheoryData<string> UnresolvedReferences = new()
    {
        "@Microsoft.KeyVault(SecretUri=https://kv-scp.vault.azure.net/secrets/Updates--PreviousSigningKey/)",
        "@microsoft.keyvault(VaultName=kv-scp;SecretName=Updates--PreviousSigningKey)",
        "  @Microsoft.KeyVault (SecretUri=https://kv-scp.vault.azure.net/secrets/Updates--PreviousSigningKey/)",
        "@ MICROSOFT.KEYVAULT\t(SecretUri=https://kv-scp.vault.azure.net/secrets/x/)",
    };

    /// <summary>The token's payload signed with <paramref name="key"/>, as an attacker holding that text would sign it.</summary>
    private static string Forge(string token, string key)
    {
        var payload = token[..token.IndexOf('.')];
        var bytes = Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/') + new string('=', (4 - payload.Length % 4) % 4));
        var mac = System.Security.Cryptography.HMACSHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), bytes);
        return $"{payload}.{Convert.ToBase64String(mac).TrimEnd('=').Replace('+', '-').Replace('/', '_')}";
    }

    [Fact]
    public void Forge_WithTheRealKey_IsValid() =>
        Assert.Equal(LinkStatus.Valid, Signer().Check(Forge(Signer("x-other-key-0123456789-abcdefghijklmnopq").Sign(Link), Key), Made).Status);

    [Theory]
    [MemberData(nameof(UnresolvedReferences))]
    public void Check_PreviousKeyIsAnUnresolvedReference_LinkSignedWithItsTextIsInvalid(string reference)
    {
        // Anyone who can read the app's settings can read this text: a link signed with it must open nothing.
        var forged = Forge(Signer().Sign(Link), reference);
        var options = new UpdatesOptions { BaseUrl = "https://app.example.org/api/update", SigningKey = Key, PreviousSigningKey = reference };

        Assert.Equal(LinkStatus.Invalid, new UpdateLinkSigner(options).Check(forged, Made).Status);
        Assert.True(options.Enabled);
        Assert.True(options.PreviousKeyUnresolved);
        Assert.Empty(options.Validate(new ValidationContext(options)));
        Assert.Equal(LinkStatus.Valid, new UpdateLinkSigner(options).Check(Signer().Sign(Link), Made).Status);
    }

    [Theory]
    [MemberData(nameof(UnresolvedReferences))]
    public void Enabled_CurrentKeyIsAnUnresolvedReferenceInAnySpelling_LinksOff(string reference)
    {
        var options = new UpdatesOptions { BaseUrl = "https://app.example.org/api/update", SigningKey = reference };

        Assert.False(options.Enabled);
        Assert.Throws<InvalidOperationException>(() => new UpdateLinkSigner(options));
    }

    [Fact]
    public void Check_ClaimedExpiryBeyondIssuePlusLinkDays_IsInvalid()
    {
        // A link made with a stolen key but a 100-year expiry: the server knows links last LinkDays.
        var options = new UpdatesOptions { SigningKey = Key, LinkDays = 28 };
        var forever = new UpdateLinkSigner(options).Sign(Link with { ExpiresAt = Made.AddYears(100) });
        var longest = new UpdateLinkSigner(options).Sign(Link with { ExpiresAt = Made.AddDays(28) });

        Assert.Equal(LinkStatus.Invalid, new UpdateLinkSigner(options).Check(forever, Made.AddDays(1)).Status);
        Assert.Equal(LinkStatus.Invalid, new UpdateLinkSigner(options).Check(
            new UpdateLinkSigner(options).Sign(Link with { ExpiresAt = Made.AddDays(28).AddSeconds(1) }), Made.AddDays(1)).Status);
        Assert.Equal(LinkStatus.Valid, new UpdateLinkSigner(options).Check(longest, Made.AddDays(1)).Status);
    }

    [Fact]
    public void Check_PayloadSpelledNonCanonically_IsInvalid()
    {
        // Base64 of a length that is not a multiple of 3 has spare low bits in its last character; a signer writes
        // them as zero. Setting one gives the same bytes and the same signature, but a second token for one link.
        var token = Signer().Sign(Link with { Number = "2.10" }); // a 49-byte payload: 4 spare bits in its last character
        var dot = token.IndexOf('.');
        var payload = token[..dot];
        var mac = token[(dot + 1)..];
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        Assert.NotEqual(0, payload.Length % 4); // the payload has spare bits to flip
        Assert.NotEqual(0, mac.Length % 4);
        string Bump(string part) => part[..^1] + alphabet[alphabet.IndexOf(part[^1], StringComparison.Ordinal) + 1];

        Assert.Equal(LinkStatus.Invalid, Signer().Check($"{Bump(payload)}.{mac}", Made).Status);
        Assert.Equal(LinkStatus.Invalid, Signer().Check($"{payload}.{Bump(mac)}", Made).Status);
        Assert.Equal(LinkStatus.Valid, Signer().Check(token, Made).Status);
    }
}
