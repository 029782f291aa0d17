namespace SaferCity.Core.Updates;

/// <summary>
/// What signs with Updates:SigningKey: the links in digests and the form's sealed version. Both are there while update
/// links are switched on (<see cref="UpdatesOptions.Enabled"/>) and both are null while they are off, so a service
/// asks one question. Made once by the composition root and shared by the reminders and the update form.
/// </summary>
public sealed record LinkSigning(UpdateLinkSigner? Signer, FormVersion? Versions)
{
    /// <summary>Links switched off: nothing is signed and every link is refused.</summary>
    public static readonly LinkSigning Off = new(null, null);

    public static LinkSigning From(UpdatesOptions options) =>
        options.Enabled ? new(new UpdateLinkSigner(options), new FormVersion(options.SigningKey!)) : Off;
}
