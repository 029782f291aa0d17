namespace SaferCity.Core.Tests.Support;

/// <summary>
/// What a test costs, as an xUnit trait. A scale test builds plans of thousands of actions: pure, but minutes on a busy
/// machine, so <c>scripts/test.sh --fast</c> leaves it out (<c>--filter "Category!=Scale"</c>); the full run keeps it.
/// </summary>
internal static class Cost
{
    public const string Category = "Category";
    public const string Scale = "Scale";
}
