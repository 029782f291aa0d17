using System.Globalization;

namespace SaferCity.Core.Updates;

/// <summary>The three boxes of a GOV.UK date input, as typed.</summary>
public sealed record DateParts(string Day, string Month, string Year)
{
    public static readonly DateParts Empty = new("", "", "");

    public static DateParts Of(string? isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? new(d.Day.ToString(CultureInfo.InvariantCulture), d.Month.ToString(CultureInfo.InvariantCulture),
                d.Year.ToString(CultureInfo.InvariantCulture))
            : Empty;

    public bool IsEmpty => Day.Length == 0 && Month.Length == 0 && Year.Length == 0;
}

/// <summary>
/// Reads a GOV.UK date input on the server (the browser checks nothing: the form has no script and no date picker).
/// All three parts or none; each part is checked on its own, and the message names the part at fault, as the
/// Design System's date input asks ("Deadline must include a month", "Deadline day must be …").
/// </summary>
public static class DateInput
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");
    private static readonly string[] PartNames = ["day", "month", "year"];

    /// <summary>The date (yyyy-MM-dd), null when all three are empty, or the error: the first part at fault (its id is
    /// <c>{name}-{part}</c>), every part to highlight, and the message.</summary>
    public static (string? Iso, DateError? Error) Read(string name, string label, DateParts typed)
    {
        if (typed.IsEmpty) return (null, null);
        string[] values = [typed.Day, typed.Month, typed.Year];
        var missing = Enumerable.Range(0, 3).Where(i => values[i].Length == 0).ToArray();
        if (missing.Length > 0)
            return (null, new DateError(name, [.. missing.Select(i => PartNames[i])],
                $"{label} must include a {string.Join(" and ", missing.Select(i => PartNames[i]))}"));

        if (!int.TryParse(typed.Day, NumberStyles.None, CultureInfo.InvariantCulture, out var day) || day is < 1 or > 31)
            return (null, new DateError(name, ["day"], $"{label} day must be a number from 1 to 31"));
        if (Month(typed.Month) is not { } month)
            return (null, new DateError(name, ["month"], $"{label} month must be a number from 1 to 12, or the month\u2019s name"));
        if (typed.Year.Length != 4 || !int.TryParse(typed.Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return (null, new DateError(name, ["year"], $"{label} year must include 4 numbers, for example 2017"));
        if (year is < MinYear or > MaxYear)
            return (null, new DateError(name, ["year"], $"{label} year must be between {MinYear} and {MaxYear}"));
        var days = DateTime.DaysInMonth(year, month);
        if (day > days)
            return (null, new DateError(name, ["day"],
                $"{label} must be a real date: {new DateOnly(year, month, 1).ToString("MMMM yyyy", Uk)} has {days} days"));
        return (new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null);
    }

    /// <summary>1 to 12, "03", or the month's name or its first three letters ("Mar", "march"), as GOV.UK accepts.</summary>
    private static int? Month(string text)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return number is >= 1 and <= 12 ? number : null;
        for (var m = 1; m <= 12; m++)
        {
            var full = Uk.DateTimeFormat.GetMonthName(m);
            if (text.Equals(full, StringComparison.OrdinalIgnoreCase) || text.Equals(full[..3], StringComparison.OrdinalIgnoreCase)) return m;
        }
        return null;
    }
}

/// <summary>A date input's error: the parts to highlight (the first is where the error summary links) and the message.</summary>
public sealed record DateError(string Name, IReadOnlyList<string> Parts, string Message)
{
    public string FirstField => $"{Name}-{Parts[0]}";
}
