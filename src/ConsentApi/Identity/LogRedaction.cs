using System.Text.RegularExpressions;

namespace ConsentApi.Identity;

/// <summary>
/// What may go into a log line from a caller's input: no credential ever (a signed assertion, an access or refresh
/// token, a password, a code), and nothing long.
/// </summary>
public static partial class LogRedaction
{
    /// <summary>Replaces anything shaped like a JWT, or any long unbroken token, with "[redacted]".</summary>
    public static string Redact(string text) => LongToken().Replace(Jwt().Replace(text, "[redacted]"), "[redacted]");

    /// <summary>A caller's value quoted in a message: redacted, and cut to 40 characters.</summary>
    public static string Short(string value)
    {
        var redacted = Redact(value);
        return redacted.Length <= 40 ? redacted : redacted[..40] + "...";
    }

    [GeneratedRegex(@"[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();

    [GeneratedRegex(@"[A-Za-z0-9_\-+/=]{48,}")]
    private static partial Regex LongToken();
}
