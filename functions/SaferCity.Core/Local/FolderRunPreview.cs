using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Local;

/// <summary>
/// The local preview: OUT/preview/site and OUT/preview/outbox, next to (never inside) the real site and outbox.
/// Preview emails carry "[preview]" in the subject, so one opened by mistake cannot pass for a sent digest.
/// </summary>
public sealed class FolderRunPreview(string folder, string from) : IRunPreview
{
    public const string SubjectMark = "[preview] ";

    public string Folder { get; } = Path.GetFullPath(folder);

    public ISitePublisher Site => _site ??= new FolderSitePublisher(Path.Combine(Folder, "site"));

    public IEmailSender Outbox => _outbox ??= new OutboxEmailSender(Path.Combine(Folder, "outbox"), from, SubjectMark);

    private FolderSitePublisher? _site;
    private OutboxEmailSender? _outbox;

    public void Clear()
    {
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
    }
}
