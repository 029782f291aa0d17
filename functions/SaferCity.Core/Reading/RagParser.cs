using SaferCity.Core.Model;

namespace SaferCity.Core.Reading;

/// <summary>
/// "G"/"A"/"R" or "Green"/"Amber"/"Red", any case; anything else is unknown (null).
/// BRAG trackers add Blue ("B"): complete, which is not a rating but a state, so <see cref="IsBlue"/> asks for it.
/// </summary>
public static class RagParser
{
    public static Rag? Parse(string? text)
    {
        var t = text.AsSpan().Trim();
        if (Is(t, "g") || Is(t, "green")) return Rag.Green;
        if (Is(t, "a") || Is(t, "amber")) return Rag.Amber;
        if (Is(t, "r") || Is(t, "red")) return Rag.Red;
        return null;
    }

    /// <summary>BRAG's Blue: the action is complete.</summary>
    public static bool IsBlue(string? text)
    {
        var t = text.AsSpan().Trim();
        return Is(t, "b") || Is(t, "blue");
    }

    private static bool Is(ReadOnlySpan<char> text, string word) => text.Equals(word, StringComparison.OrdinalIgnoreCase);
}
