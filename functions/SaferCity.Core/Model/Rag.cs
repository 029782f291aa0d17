namespace SaferCity.Core.Model;

/// <summary>Red/Amber/Green: whether an action is on target for its deadline. Ordered by severity.</summary>
public enum Rag
{
    Green = 0,
    Amber = 1,
    Red = 2,
}

public static class RagExtensions
{
    /// <summary>The lower-case word used in dashboard.json and the state store.</summary>
    public static string ToWord(this Rag rag) => rag switch
    {
        Rag.Green => "green",
        Rag.Amber => "amber",
        Rag.Red => "red",
        _ => throw new ArgumentOutOfRangeException(nameof(rag)),
    };

    /// <summary>The rating a stored lower-case word names (<see cref="ToWord"/>'s inverse); false for anything else.</summary>
    public static bool TryFromWord(string? word, out Rag rag)
    {
        (var known, rag) = word switch
        {
            "green" => (true, Rag.Green),
            "amber" => (true, Rag.Amber),
            "red" => (true, Rag.Red),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>The word people read: "Green", "Amber", "Red".</summary>
    public static string ToTitle(this Rag rag) => rag switch
    {
        Rag.Green => "Green",
        Rag.Amber => "Amber",
        Rag.Red => "Red",
        _ => throw new ArgumentOutOfRangeException(nameof(rag)),
    };
}
