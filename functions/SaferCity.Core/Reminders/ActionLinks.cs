namespace SaferCity.Core.Reminders;

/// <summary>
/// The links a digest shows under one action: the signed update form (for leads without a SharePoint login)
/// and the list item itself (for leads with one). Either may be absent.
/// </summary>
public sealed record ActionLinks(Uri? Update, Uri? Item)
{
    public static readonly ActionLinks None = new(null, null);
}
