using System.ComponentModel.DataAnnotations;

namespace SaferCity.Core.Rules;

/// <summary>Settings section "Reminders".</summary>
public sealed class RemindersOptions : IValidatableObject
{
    public const string Section = "Reminders";

    /// <summary>Who receives the summary (";"-separated addresses allowed).</summary>
    public string? Coordinator { get; set; }

    /// <summary>The coordinator's name, given in every digest as the person to ask. Optional.</summary>
    [StringLength(120)] public string? CoordinatorName { get; set; }

    [Range(0, 366)] public int DueSoonDays { get; set; } = 30;

    [Range(1, 3660)] public int EscalateAfterDays { get; set; } = 28;

    /// <summary>An open action not updated for more than this many days is stale: flagged to its leads and the coordinator. 0 turns it off.</summary>
    [Range(0, 3660)] public int StaleAfterDays { get; set; } = 42;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var address in (Coordinator ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!System.Net.Mail.MailAddress.TryCreate(address, out _))
                yield return new ValidationResult($"Reminders:Coordinator has '{address}', which is not an email address.", [nameof(Coordinator)]);
        }
    }
}

/// <summary>Settings section "Drift".</summary>
public sealed class DriftOptions
{
    public const string Section = "Drift";

    [Range(0, 366)] public int WindowDays { get; set; } = 7;
}
