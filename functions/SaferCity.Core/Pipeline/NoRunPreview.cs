using SaferCity.Core.Model;

namespace SaferCity.Core.Pipeline;

/// <summary>
/// The preview of a host that keeps none (the Functions app): a dry run or a look-back run there renders nothing for
/// it, and publishes and sends nothing. Whatever is handed to it anyway goes nowhere.
/// </summary>
public sealed class NoRunPreview : IRunPreview
{
    public static readonly NoRunPreview Instance = new();

    private NoRunPreview()
    {
    }

    public ISitePublisher Site { get; } = new Nowhere();

    public IEmailSender Outbox { get; } = new Nowhere();

    public void Clear()
    {
    }

    private sealed class Nowhere : ISitePublisher, IEmailSender
    {
        public Task<PublishResult> PublishAsync(IReadOnlyList<SiteFile> files, CancellationToken cancellationToken) =>
            Task.FromResult(new PublishResult(0, 0));

        public Task<SendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
            Task.FromResult(SendResult.Failed("This host keeps no previews."));
    }
}
