namespace FhirAdapters.Primitives;

/// <summary>NHS numbers: ten digits, the last a Modulus 11 check digit.</summary>
public static class NhsNumber
{
    /// <summary>The FHIR identifier system for NHS numbers.</summary>
    public const string System = "https://fhir.nhs.uk/Id/nhs-number";

    public static bool IsValid(string? value) => Problem(value) is null;

    /// <summary>Why <paramref name="value"/> is not a valid NHS number, or null when it is.</summary>
    public static string? Problem(string? value)
    {
        if (value is null || value.Length != 10)
        {
            return "an NHS number has exactly 10 digits, without spaces";
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            if (!char.IsAsciiDigit(value[i]))
            {
                return "an NHS number has exactly 10 digits, without spaces";
            }

            if (i < 9)
            {
                sum += (value[i] - '0') * (10 - i);
            }
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        if (check == 10)
        {
            return "no valid NHS number has these first nine digits (the Modulus 11 check gives 10)";
        }

        return check == value[9] - '0'
            ? null
            : $"the check digit is wrong: the Modulus 11 check of the first nine digits gives {check}, not {value[9]}";
    }

    /// <summary>Parses a 10-digit NHS number into a long, or returns false if it is not valid.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out long number)
    {
        number = 0;
        if (value.Length != 10)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            number = (number * 10) + (c - '0');
            if (i < 9)
            {
                sum += (c - '0') * (10 - i);
            }
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        return check != 10 && check == value[9] - '0';
    }

    /// <summary>Parses a 10-digit NHS number written in ASCII/UTF-8 bytes, or returns false if it is not valid.</summary>
    public static bool TryParse(ReadOnlySpan<byte> value, out long number)
    {
        number = 0;
        if (value.Length != 10)
        {
            return false;
        }

        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < 10; i++)
        {
            chars[i] = (char)value[i];
        }

        return TryParse(chars, out number);
    }
}
