using System.Globalization;
using System.Text.RegularExpressions;
using SaferCity.Core.Rules;

namespace SaferCity.Core.Reading;

/// <summary>
/// Reads a delivery deadline in every shape SharePoint and people give it:
/// a Date column ("2016-12-31T00:00:00Z", a UK midnight that may be stored as 23:00Z the day before),
/// or text: "December 2016", "Dec 2016", "31/12/2016", "2016-12", "2016-12-31", "5 Sept 2017", "31st March 2017",
/// and as people type them in trackers: "31.01.17", "31/01/17", "Jan-17", "End of March 2017", "w/c 6 March 2017"
/// (the end of that week, its Sunday) and UK financial-year quarters ("Q3 2016/17" is 31 December 2016: the year runs April to March).
/// A month means its last day. "Ongoing", "TBC", "N/A" are no date at all (<see cref="IsNoDeadline"/>): never overdue.
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

        if (DateOnly.TryParseExact(s, ["yyyy-MM-dd", "d/M/yyyy", "d.M.yyyy", "d/M/yy", "d.M.yy", "d-M-yyyy"],
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.Year is >= MinYear and <= MaxYear ? day : null;
        }

        if (WeekCommencing().Match(s) is { Success: true } week)
        {
            // "w/c 6 March 2017": the work is due in that week, so it is late once the week is over.
            return Parse(week.Groups[1].Value) is { } monday && char.IsAsciiDigit(week.Groups[1].Value[0]) ? monday.AddDays(6) : null;
        }

        if (Quarter().Match(s) is { Success: true } quarter) return EndOfQuarter(quarter);

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
            var yearText = named.Groups[3].Success ? named.Groups[3].Value : named.Groups[4].Value;
            var year = int.Parse(yearText, CultureInfo.InvariantCulture);
            if (yearText.Length == 2) year += 2000; // "Jan-17", as Excel shows mmm-yy
            if (!named.Groups[1].Success) return EndOfMonth(year, month);
            var dayOfMonth = int.Parse(named.Groups[1].Value, CultureInfo.InvariantCulture);
            return year is >= MinYear and <= MaxYear && dayOfMonth <= DateTime.DaysInMonth(year, month)
                ? new DateOnly(year, month, dayOfMonth)
                : null;
        }
        return null;
    }

    /// <summary>Typed where a date would go, meaning there is none: a finding, never overdue.</summary>
    public static bool IsNoDeadline(string? text) =>
        text?.Trim().TrimEnd('.').ToLowerInvariant() is "ongoing" or "on going" or "on-going" or "tbc" or "tbd" or "to be confirmed"
            or "n/a" or "na" or "none" or "continuous" or "rolling" or "various";

    /// <summary>The last day of a UK financial-year quarter: Q1 is April to June of the year the financial year starts.</summary>
    private static DateOnly? EndOfQuarter(Match quarter)
    {
        var q = quarter.Groups[1].Value[0] - '0';
        var first = int.Parse(quarter.Groups[2].Value, CultureInfo.InvariantCulture);
        if (first < 100) first += 2000;
        // "2016/17" must name two years in a row; "2016/18" is a slip, not a plan.
        var second = int.Parse(quarter.Groups[3].Value, CultureInfo.InvariantCulture);
        if (second % 100 != (first + 1) % 100) return null;
        return q == 4 ? EndOfMonth(first + 1, 3) : EndOfMonth(first, 3 + 3 * q);
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

    // "March 2017", "end of March 2017", "Sept. 2017", "5 March 2017", "31st March, 2017", "Jan-17", "Mar-2017".
    [GeneratedRegex(
        @"^(?:end\s+(?:of\s+)?|(0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?[\s-]+)?" +
        @"([A-Za-z]+\.?)(?:,?\s+(\d{4})|-(\d{2}|\d{4}))$",
        RegexOptions.IgnoreCase)]
    private static partial Regex NamedMonth();

    // "Q3 2016/17", "Q4 2016-17", "Q1 16/17". A bare "Q2 2017" is left unread: calendar or financial year, nobody can tell.
    [GeneratedRegex(@"^Q([1-4])\s*(\d{4}|\d{2})\s*[/-]\s*(\d{2}|\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex Quarter();

    // "w/c 6 March 2017", "W/C 06/03/2017", "wc 6 March 2017".
    [GeneratedRegex(@"^w/?c\.?\s+(.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex WeekCommencing();
}
