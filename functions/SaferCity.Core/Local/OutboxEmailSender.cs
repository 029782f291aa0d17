using MimeKit;
using SaferCity.Core.Pipeline;

namespace SaferCity.Core.Local;

/// <summary>
/// "Sends" by writing each message as an .eml file (MIME, text and HTML parts) into an outbox folder:
/// the sender when no SendGrid key is set, and the preview for --dry-run. Open the files in any mail client.
/// </summary>
/// <param name="subjectMark">Put before every subject ("[preview] " for previews).</param>
public sealed class OutboxEmailSender(string folder, string from, string subjectMark = "") : IEmailSender
{
    public string Folder { get; } = folder;

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = ToMime(subjectMark.Length == 0 ? message : message with { Subject = subjectMark + message.Subject }, from);
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, FileNameOf(message.DigestId));
        await mime.WriteToAsync(path, cancellationToken);
        return SendResult.Ok(mime.MessageId);
    }

    public static string FileNameOf(string digestId) => digestId.Replace('/', '_') + ".eml";

    /// <summary>
    /// Retention: deletes the emails of weeks that ended before <paramref name="cutoff"/> (by the week in the file name,
    /// "2017-W03_coordinator.eml"), and any other .eml file last written before it. Returns how many went.
    /// </summary>
    public int Prune(DateOnly cutoff)
    {
        if (!Directory.Exists(Folder)) return 0;
        var deleted = 0;
        foreach (var path in Directory.EnumerateFiles(Folder, "*.eml"))
        {
            var name = Path.GetFileName(path);
            var week = name.IndexOf('_', StringComparison.Ordinal) is > 0 and var end ? StateRetention.WeekEnd(name[..end] + ".json") : null;
            var day = week ?? DateOnly.FromDateTime(File.GetLastWriteTimeUtc(path));
            if (day >= cutoff) continue;
            File.Delete(path);
            deleted++;
        }
        return deleted;
    }

    public static MimeMessage ToMime(EmailMessage message, string from)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(from));
        foreach (var to in message.To) mime.To.Add(MailboxAddress.Parse(to));
        mime.Subject = message.Subject;
        mime.Headers.Add("X-SaferCity-Digest", message.DigestId);
        foreach (var (key, value) in message.Tags) mime.Headers.Add("X-SaferCity-" + key, value);
        mime.Body = new BodyBuilder { TextBody = message.Text, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}
