using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SaferCity.Core.Local;
using SaferCity.Core.Pipeline;

namespace SaferCity.Cli;

/// <summary>
/// erase: answers an erasure request. Every stored copy of an action's text (--action) or of a string (--text) is
/// replaced in the state (local folder or Blob storage), and local outbox emails that carry it are deleted; the
/// report says what went. The tracker list itself is the partnership's to edit in SharePoint.
/// </summary>
internal static class EraseCommand
{
    // A digest clips a long comment, so an email is matched on the text's opening words.
    private const int EmailMatchLength = 40;

    public static async Task<int> RunAsync(CliArguments cli, CliContext context)
    {
        var action = cli.Values.GetValueOrDefault(CliCommands.EraseAction.Name);
        var text = cli.Values.GetValueOrDefault(CliCommands.EraseText.Name);
        if (string.IsNullOrWhiteSpace(action) && string.IsNullOrWhiteSpace(text))
            throw new UsageException("erase needs what to erase: --action NUMBER, --text TEXT, or both.");
        if (text is { Length: > 0 and < 4 })
            throw new UsageException("erase --text needs at least 4 characters: a shorter string would erase unrelated text.");
        var dryRun = cli.Has(CliCommands.EraseDryRun);

        var report = await StateEraser.EraseAsync(context.Services.GetRequiredService<IStateStore>(), new ErasureRequest(action, text), dryRun,
            context.Cancel);
        var verb = dryRun ? "Would erase" : "Erased";
        foreach (var (document, values) in report.Documents) context.Out.WriteLine($"{verb} {values} value(s) in state '{document}'.");
        var emails = context.Services.GetService<IEmailSender>() is OutboxEmailSender outbox ? Emails(outbox.Folder, report.Texts) : [];
        foreach (var email in emails)
        {
            if (!dryRun) File.Delete(email);
            context.Out.WriteLine($"{(dryRun ? "Would delete" : "Deleted")} outbox email '{email}'.");
        }
        context.Out.WriteLine(report.Documents.Count == 0 && emails.Count == 0
            ? "Nothing stored holds that text."
            : $"{(dryRun ? "DRY RUN: nothing changed. " : "")}{report.Values} stored value(s) in {report.Documents.Count} document(s), " +
                $"{emails.Count} email(s).");
        return 0;
    }

    private static List<string> Emails(string folder, IReadOnlyList<string> texts)
    {
        if (!Directory.Exists(folder) || texts.Count == 0) return [];
        var needles = texts.Select(t => t.Length > EmailMatchLength ? t[..EmailMatchLength] : t).ToList();
        return Directory.EnumerateFiles(folder, "*.eml").Where(path =>
        {
            var message = MimeMessage.Load(path);
            var body = $"{message.Subject}\n{message.TextBody}\n{message.HtmlBody}";
            return needles.Any(n => body.Contains(n, StringComparison.OrdinalIgnoreCase) ||
                                    body.Contains(System.Net.WebUtility.HtmlEncode(n), StringComparison.OrdinalIgnoreCase));
        }).Order(StringComparer.Ordinal).ToList();
    }
}
