namespace SaferCity.Dashboard.Tests;

/// <summary>
/// Marks a test as the check behind one claim of the accessibility statement (<c>AccessibilityChecks.All</c>, by id).
/// <see cref="AccessibilityStatementTests"/> fails when a claim has no test or a test names no claim.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class StatementCheckAttribute(string id) : Attribute
{
    public string Id { get; } = id;
}
