using System.Globalization;

namespace FhirAdapters.Primitives;

/// <summary>
/// A parsed FHIR date, dateTime or instant and the time range it stands for: <c>2024-05</c> is all of May 2024.
/// Values without a time zone (dates, partial dates) are taken as UTC, as documented in the CapabilityStatement.
/// </summary>
public readonly record struct FhirDateRange(DateTimeOffset Start, DateTimeOffset EndExclusive, FhirDateRangePrecision Precision)
{
    /// <summary>The last tick inside the range.</summary>
    public DateTimeOffset EndInclusive => EndExclusive.AddTicks(-1);

    /// <summary>Parses a resource value (seconds and zone required when a time is given).</summary>
    public static bool TryParse(string? text, out FhirDateRange value) => TryParse(text, lenient: false, out value);

    /// <summary>
    /// Parses a value. <paramref name="lenient"/> (for search parameters) also accepts a time without seconds
    /// and without a zone (taken as UTC).
    /// </summary>
    public static bool TryParse(string? text, bool lenient, out FhirDateRange value)
    {
        value = default;
        if (string.IsNullOrEmpty(text) || text.Length < 4 || !AllDigits(text, 0, 4))
        {
            return false;
        }

        var year = Int(text, 0, 4);
        if (year < 1)
        {
            return false;
        }

        if (text.Length == 4)
        {
            var y = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
            value = new FhirDateRange(y, year == 9999 ? DateTimeOffset.MaxValue : y.AddYears(1), FhirDateRangePrecision.Year);
            return true;
        }

        if (text.Length < 7 || text[4] != '-' || !AllDigits(text, 5, 2))
        {
            return false;
        }

        var month = Int(text, 5, 2);
        if (month is < 1 or > 12)
        {
            return false;
        }

        if (text.Length == 7)
        {
            var m = new DateTimeOffset(year, month, 1, 0, 0, 0, TimeSpan.Zero);
            value = new FhirDateRange(m, SafeAdd(m, d => d.AddMonths(1)), FhirDateRangePrecision.Month);
            return true;
        }

        if (text.Length < 10 || text[7] != '-' || !AllDigits(text, 8, 2))
        {
            return false;
        }

        var day = Int(text, 8, 2);
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        if (text.Length == 10)
        {
            var d = new DateTimeOffset(year, month, day, 0, 0, 0, TimeSpan.Zero);
            value = new FhirDateRange(d, SafeAdd(d, x => x.AddDays(1)), FhirDateRangePrecision.Day);
            return true;
        }

        return text[10] == 'T' && TryParseTime(text, year, month, day, lenient, out value);
    }

    private static bool TryParseTime(string text, int year, int month, int day, bool lenient, out FhirDateRange value)
    {
        value = default;
        var i = 11;
        if (text.Length < i + 5 || !AllDigits(text, i, 2) || text[i + 2] != ':' || !AllDigits(text, i + 3, 2))
        {
            return false;
        }

        var hour = Int(text, i, 2);
        var minute = Int(text, i + 3, 2);
        i += 5;
        var second = 0;
        var precision = FhirDateRangePrecision.Minute;
        long fractionTicks = 0;
        var fractionDigits = 0;
        if (i < text.Length && text[i] == ':')
        {
            if (!AllDigits(text, i + 1, 2))
            {
                return false;
            }

            second = Int(text, i + 1, 2);
            i += 3;
            precision = FhirDateRangePrecision.Second;
            if (i < text.Length && text[i] == '.')
            {
                var fractionStart = ++i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }

                fractionDigits = i - fractionStart;
                if (fractionDigits == 0)
                {
                    return false;
                }

                var digits = text.Substring(fractionStart, Math.Min(fractionDigits, 7)).PadRight(7, '0');
                fractionTicks = long.Parse(digits, CultureInfo.InvariantCulture);
                precision = FhirDateRangePrecision.Fraction;
            }
        }
        else if (!lenient)
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 60)
        {
            return false;
        }

        TimeSpan offset;
        if (i == text.Length)
        {
            if (!lenient)
            {
                return false;
            }

            offset = TimeSpan.Zero;
        }
        else if (text[i] == 'Z' && i + 1 == text.Length)
        {
            offset = TimeSpan.Zero;
        }
        else if ((text[i] == '+' || text[i] == '-') && i + 6 == text.Length && AllDigits(text, i + 1, 2)
                 && text[i + 3] == ':' && AllDigits(text, i + 4, 2))
        {
            var oh = Int(text, i + 1, 2);
            var om = Int(text, i + 4, 2);
            if (oh > 14 || om > 59 || (oh == 14 && om > 0))
            {
                return false;
            }

            offset = new TimeSpan(oh, om, 0) * (text[i] == '-' ? -1 : 1);
        }
        else
        {
            return false;
        }

        // A leap second (:60) is held as the last tick of second 59.
        var leap = second == 60;
        var start = new DateTimeOffset(year, month, day, hour, minute, leap ? 59 : second, offset)
            .AddTicks(leap ? TimeSpan.TicksPerSecond - 1 : fractionTicks)
            .ToUniversalTime();
        var width = precision switch
        {
            FhirDateRangePrecision.Minute => TimeSpan.TicksPerMinute,
            FhirDateRangePrecision.Second => TimeSpan.TicksPerSecond,
            _ => fractionDigits >= 7 ? 1 : (long)Math.Pow(10, 7 - fractionDigits),
        };
        value = new FhirDateRange(start, SafeAdd(start, s => s.AddTicks(width)), precision);
        return true;
    }

    /// <summary>Formats an instant as FHIR writes it: UTC with milliseconds, e.g. 2026-11-21T10:15:30.123Z.</summary>
    public static string FormatInstant(DateTimeOffset instant) =>
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset SafeAdd(DateTimeOffset value, Func<DateTimeOffset, DateTimeOffset> add)
    {
        try
        {
            return add(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return DateTimeOffset.MaxValue;
        }
    }

    private static bool AllDigits(string s, int start, int count)
    {
        if (start + count > s.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static int Int(string s, int start, int count) => int.Parse(s.AsSpan(start, count), CultureInfo.InvariantCulture);
}
