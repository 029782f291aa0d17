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
        var xs = x.Split('.');
        var ys = y.Split('.');
        for (var i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            var bothNumbers = int.TryParse(xs[i], out var xn) & int.TryParse(ys[i], out var yn);
            var c = bothNumbers ? xn.CompareTo(yn) : string.Compare(xs[i], ys[i], StringComparison.OrdinalIgnoreCase);
            if (c != 0) return c;
        }
        var lengths = xs.Length.CompareTo(ys.Length);
        return lengths != 0 ? lengths : string.CompareOrdinal(x, y);
    }
}
