using System.Globalization;
using System.Text.RegularExpressions;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reading;

/// <summary>
/// Reads a delivery deadline in every shape SharePoint and people give it:
/// a Date column ("2016-12-31T00:00:00Z", a UK midnight that may be stored as 23:00Z the day before),
/// or text: "December 2016", "Dec 2016", "31/12/2016", "2016-12", "2016-12-31", "5 Sept 2017", "31st March 2017".
/// A month means its last day.
/// </summary>
public static partial class DeadlineParser
{
    // A deadline outside these years is a typing slip ("0201", "20177"), not a plan.
    private const int MinYear = 1900;
    private const int MaxYear = 2200;

    private static readonly string[] MonthNames =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static DateOnly? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var s = text.Trim();

        // A Date column: an instant. SharePoint stores a date as local midnight, so the UK date is the answer.
        if (s.Length > 10 && s[4] == '-' && s[7] == '-' && (s[10] == 'T' || s[10] == ' ') &&
            DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
        {
            return instant.Year is >= MinYear and <= MaxYear ? UkClock.DateOf(instant) : null;
        }

        if (DateOnly.TryParseExact(s, ["yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.Year is >= MinYear and <= MaxYear ? day : null;
        }

        var iso = IsoMonth().Match(s);
        if (iso.Success)
        {
            return EndOfMonth(int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture),
                int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        // Month names are read here rather than by a culture's formats: en-GB knows "Sept" but not "Sep", and people write both.
        var named = NamedMonth().Match(s);
        if (named.Success && MonthOf(named.Groups[2].Value) is { } month)
        {
            var year = int.Parse(named.Groups[3].Value, CultureInfo.InvariantCulture);
            if (!named.Groups[1].Success) return EndOfMonth(year, month);
            var dayOfMonth = int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture);
            return year is >= MinYear and <= MaxYear && dayOfMonth <= DateTime.DaysInMonth(year, month)
                ? new DateOnly(year, month, dayOfMonth)
                : null;
        }
        return null;
    }

    private static int? MonthOf(string word)
    {
        var w = word.ToLowerInvariant().TrimEnd('.');
        if (w == "sept") w = "sep";
        if (w.Length < 3) return null;
        for (var i = 0; i < MonthNames.Length; i++)
        {
            if (MonthNames[i] == w || (w.Length == 3 && MonthNames[i].StartsWith(w, StringComparison.Ordinal)))
                return i + 1;
        }
        return null;
    }

    private static DateOnly? EndOfMonth(int year, int month)
    {
        if (year is < MinYear or > MaxYear || month is < 1 or > 12) return null;
        return new DateOnly(year, month, DateTime.DaysInMonth(year, month));
    }

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})$")]
    private static partial Regex IsoMonth();

    // "March 2017", "end of March 2017", "Sept. 2017", "5 March 2017", "31st March, 2017".
    [GeneratedRegex(@"^(?:end\s+(?:of\s+)?|(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s+)?([A-Za-z]+\.?),?\s+(\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex NamedMonth();
}
