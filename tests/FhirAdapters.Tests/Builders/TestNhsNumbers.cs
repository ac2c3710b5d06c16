namespace FhirAdapters.Tests.Builders;

/// <summary>Valid NHS numbers for tests, made by computing the Modulus 11 check digit.</summary>
public static class TestNhsNumbers
{
    private static long _next = 900_000_100;

    /// <summary>A fresh valid NHS number (skipping bases whose check digit would be 10).</summary>
    public static string Next()
    {
        while (true)
        {
            var candidate = WithCheckDigit(Interlocked.Increment(ref _next));
            if (candidate is not null)
            {
                return candidate;
            }
        }
    }

    /// <summary>The 10-digit number for nine leading digits, or null when no check digit exists.</summary>
    public static string? WithCheckDigit(long firstNine)
    {
        var digits = firstNine.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        return check switch
        {
            11 => digits + "0",
            10 => null,
            _ => digits + check,
        };
    }

    /// <summary>A number with a wrong check digit.</summary>
    public static string WithWrongCheckDigit()
    {
        var valid = Next();
        var last = (valid[9] - '0' + 1) % 10;
        return valid[..9] + last;
    }
}
