using System.Globalization;
using System.Text.RegularExpressions;

namespace BackCareSite.Content;

/// <summary>Why a written date is not a date, in words: the month that does not exist, the day the month does not have.</summary>
internal static partial class DateAdvice
{
    /// <summary>What is wrong with <paramref name="text"/> and how to write it, for a message that has already quoted it.</summary>
    public static string Explain(string text)
    {
        var iso = IsoShape().Match(text);
        if (iso.Success)
        {
            var year = int.Parse(iso.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(iso.Groups[2].Value, CultureInfo.InvariantCulture);
            var day = int.Parse(iso.Groups[3].Value, CultureInfo.InvariantCulture);
            if (year < 1)
            {
                return "there is no year 0; write YYYY-MM-DD, for example 2026-03-14";
            }

            if (month is < 1 or > 12)
            {
                return $"there is no month {month}: the month comes second in YYYY-MM-DD and runs from 01 to 12";
            }

            var days = DateTime.DaysInMonth(year, month);
            var monthName = new DateTime(year, month, 1).ToString("MMMM yyyy", CultureInfo.InvariantCulture);
            if (day < 1 || day > days)
            {
                return $"{monthName} has {days} days, so there is no day {day}";
            }

            return $"write the month and the day with two digits each: `{year:D4}-{month:D2}-{day:D2}`";
        }

        var british = DayFirstShape().Match(text);
        if (british.Success)
        {
            var day = int.Parse(british.Groups[1].Value, CultureInfo.InvariantCulture);
            var month = int.Parse(british.Groups[2].Value, CultureInfo.InvariantCulture);
            var year = int.Parse(british.Groups[3].Value, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                var date = new DateOnly(year, month, day);
                return $"write dates as YYYY-MM-DD, year first: `{date:yyyy-MM-dd}` for {date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
            }
        }

        return "write a date as YYYY-MM-DD, for example 2026-03-14";
    }

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})$")]
    private static partial Regex IsoShape();

    [GeneratedRegex(@"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")]
    private static partial Regex DayFirstShape();
}
