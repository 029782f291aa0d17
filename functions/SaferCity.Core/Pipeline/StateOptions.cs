using System.ComponentModel.DataAnnotations;

namespace SaferCity.Core.Pipeline;

/// <summary>Settings section "State": how long the private state keeps what it records.</summary>
public sealed class StateOptions
{
    public const string Section = "State";

    /// <summary>
    /// History points, weekly reminder ledgers, update-audit records and the local outbox's emails older than this many
    /// days are removed on each run. Two years by default: long enough to answer for two years of committee reports and
    /// complaints, short enough that a council's retention schedule accepts it. At least 90 days, because drift,
    /// escalation and "since your last digest" look back that far.
    /// </summary>
    [Range(90, 3660)] public int RetentionDays { get; set; } = 730;
}
