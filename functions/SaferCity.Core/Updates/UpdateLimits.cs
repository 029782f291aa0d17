using SaferCity.Core.Model;

namespace SaferCity.Core.Updates;

/// <summary>
/// The update endpoint's hourly limits, one set per process (the per-address count is held in memory): submissions
/// per link, new links per lead and action, and requests per client address.
/// </summary>
public sealed record UpdateLimits(LinkAllowance PerLink, LinkAllowance NewLinks, SubmissionLimiter PerAddress)
{
    /// <summary>New links one lead may be sent for one action in an hour, however many old links ask.</summary>
    public const int NewLinksPerActionPerHour = 1;

    public static UpdateLimits From(IStateStore state, TimeProvider time, UpdatesOptions options) => new(
        new LinkAllowance(state, time, options.MaxSubmissionsPerLinkPerHour),
        new LinkAllowance(state, time, NewLinksPerActionPerHour),
        new SubmissionLimiter(time, options.MaxRequestsPerAddressPerHour));
}
