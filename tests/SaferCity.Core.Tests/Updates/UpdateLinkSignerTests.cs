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
}
