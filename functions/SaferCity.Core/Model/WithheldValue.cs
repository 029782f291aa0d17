namespace SaferCity.Core.Model;

/// <summary>
/// One value kept off the dashboard, for the coordinator (private): which actions, which field, and what matched.
/// A theme or a lead shared by several actions is one entry naming them all.
/// </summary>
public sealed record WithheldValue(IReadOnlyList<string> Actions, string Field, PersonalDataMatch Match)
{
    public string Describe() =>
        $"{string.Join(", ", Actions)} {Field}: withheld from the dashboard, it may hold {Match.Kind} (\"{Match.Quote}\").";
}

/// <summary>What the screen found in one value: the kind ("a UK phone number") and the text that matched.</summary>
public sealed record PersonalDataMatch(string Kind, string Quote);
