using System.Globalization;

namespace SaferCity.Core.Import;

/// <summary>What a hide cell says: show, hide, or something nobody can read (which hides: fail closed).</summary>
public enum HideCell { Show, Hide, Unreadable }

/// <summary>Cell values that need more than their text: a hide flag, and a RAG kept as shading.</summary>
public static class CellMeaning
{
    /// <summary>Yes, Y, True, x, ✓ and 1 hide; blank, No, N, False, 0 and "-" show; anything else hides too.</summary>
    public static HideCell Hide(string? text) => text?.Trim().TrimEnd('.').ToLowerInvariant() switch
    {
        null or "" or "no" or "n" or "false" or "0" or "-" or "public" => HideCell.Show,
        "yes" or "y" or "true" or "x" or "✓" or "✔" or "☑" or "1" or "hide" or "hidden" or "confidential" or "restricted" or "private"
            => HideCell.Hide,
        _ => HideCell.Unreadable,
    };

    // Colours people fill RAG cells with: Office's standard and theme shades, and the light fills of Excel's cell styles.
    // Grey, white and black are here so that shading nobody means as a rating is not read as one.
    private static readonly (string Hex, string? Word)[] Palette =
    [
        ("00B050", "Green"), ("00FF00", "Green"), ("92D050", "Green"), ("008000", "Green"), ("C6EFCE", "Green"), ("70AD47", "Green"),
        ("FFC000", "Amber"), ("FFA500", "Amber"), ("FFFF00", "Amber"), ("FFEB9C", "Amber"), ("ED7D31", "Amber"), ("FFBF00", "Amber"),
        ("FF0000", "Red"), ("C00000", "Red"), ("FFC7CE", "Red"), ("E6B8B7", "Red"),
        ("0070C0", "Blue"), ("0000FF", "Blue"), ("00B0F0", "Blue"), ("4472C4", "Blue"), ("9BC2E6", "Blue"), ("BDD7EE", "Blue"),
        ("FFFFFF", null), ("000000", null), ("808080", null), ("A6A6A6", null), ("BFBFBF", null), ("D9D9D9", null), ("F2F2F2", null),
        ("D0CECE", null), ("595959", null),
    ];

    /// <summary>The RAG word ("Green", "Amber", "Red", "Blue") nearest a cell's shading, or null (none, grey, white).</summary>
    public static string? RagOfFill(string? hex)
    {
        if (Rgb(hex) is not { } colour) return null;
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var (paletteHex, word) in Palette)
        {
            var p = Rgb(paletteHex)!.Value;
            var d = Square(colour.R - p.R) + Square(colour.G - p.G) + Square(colour.B - p.B);
            if (d < bestDistance) (best, bestDistance) = (word, d);
        }
        return best;
    }

    private static int Square(int x) => x * x;

    private static (int R, int G, int B)? Rgb(string? hex)
    {
        var h = hex?.Trim().TrimStart('#');
        if (h is { Length: 8 }) h = h[2..]; // Excel's ARGB
        if (h is not { Length: 6 } || !int.TryParse(h, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return null;
        return ((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF);
    }
}
