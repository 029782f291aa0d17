namespace SaferCity.Core.Model;

/// <summary>Orders action numbers as people do: 1.2 before 1.10, 4 before 4.1.</summary>
public sealed class ActionNumberComparer : IComparer<TrackerAction>, IComparer<string>
{
    public static readonly ActionNumberComparer Instance = new();

    public int Compare(TrackerAction? x, TrackerAction? y) => Compare(x?.Number, y?.Number);

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        // Segment by segment, without allocating: this runs N log N times when sorting a large tracker.
        ReadOnlySpan<char> xr = x, yr = y;
        while (xr.Length > 0 && yr.Length > 0)
        {
            var xs = Next(ref xr);
            var ys = Next(ref yr);
            var bothNumbers = int.TryParse(xs, out var xn) & int.TryParse(ys, out var yn);
            var c = bothNumbers ? xn.CompareTo(yn) : xs.CompareTo(ys, StringComparison.OrdinalIgnoreCase);
            if (c != 0) return c;
        }
        var lengths = xr.Length.CompareTo(yr.Length);
        return lengths != 0 ? lengths : string.CompareOrdinal(x, y);
    }

    private static ReadOnlySpan<char> Next(ref ReadOnlySpan<char> rest)
    {
        var dot = rest.IndexOf('.');
        var segment = dot < 0 ? rest : rest[..dot];
        rest = dot < 0 ? [] : rest[(dot + 1)..];
        return segment;
    }
}
