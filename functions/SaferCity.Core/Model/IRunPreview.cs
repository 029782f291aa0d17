namespace SaferCity.Core.Model;

/// <summary>
/// Where a run that must not touch the real thing puts what it would have published and sent: a dry run, and a
/// look-back (a run dated before the newest snapshot). Without one, such a run publishes and sends nothing at all.
/// </summary>
public interface IRunPreview
{
    /// <summary>Receives the site the run would have published.</summary>
    ISitePublisher Site { get; }

    /// <summary>Receives the emails the run would have sent, marked as previews.</summary>
    IEmailSender Outbox { get; }

    /// <summary>Empties the preview, so it holds only this run's files.</summary>
    void Clear();
}

/// <summary>Why a run left the real site, outbox and state alone.</summary>
public enum RunMode
{
    /// <summary>Published, sent and recorded.</summary>
    Live,

    /// <summary>Asked for with --dry-run.</summary>
    DryRun,

    /// <summary>Dated before the newest snapshot: publishing or sending would put an old week over the current one.</summary>
    LookBack,
}
