using SaferCity.Core.Model;

namespace SaferCity.Core.Reading;

/// <summary>"G"/"A"/"R" or "Green"/"Amber"/"Red", any case; anything else is unknown (null).</summary>
public static class RagParser
{
    public static Rag? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "g" or "green" => Rag.Green,
        "a" or "amber" => Rag.Amber,
        "r" or "red" => Rag.Red,
        _ => null,
    };
}
