using System.IO.Pipelines;
using System.Text;
using ConsentApi.Policies;

namespace ConsentApi.BulkChecks;

/// <summary>
/// Streams a bulk check's answer: as text, only the numbers that may be used, in the format they came in (trailing
/// comma or not, LF or CRLF), so extract pipelines work unchanged; or as NDJSON, one line per number with its decision.
/// </summary>
public static class BulkResultWriter
{
    public const string Ndjson = "application/x-ndjson";

    public static async Task WriteAsync(NumberSpool decisions, PipeWriter output, bool ndjson, NumberList format,
        PolicyCatalogue catalogue, string? legalBasis, CancellationToken ct)
    {
        var policyUris = catalogue.Policies.Select(p => Encoding.UTF8.GetBytes(p.Uri)).ToArray();
        var exemption = legalBasis is null ? [] : Encoding.UTF8.GetBytes(legalBasis);
        var newline = format.CrLf ? "\r\n"u8.ToArray() : "\n"u8.ToArray();
        var pending = 0;
        await foreach (var block in decisions.ReadAsync(ct))
        {
            for (var i = 0; i < block.Length; i++)
            {
                var packed = block.Span[i];
                var span = output.GetSpan(512);
                int written;
                if (ndjson)
                {
                    written = WriteJsonLine(span, packed, policyUris, exemption);
                }
                else if (BulkFlags.IsDenied(packed))
                {
                    continue;
                }
                else
                {
                    written = WriteDigits(span, BulkFlags.Number(packed));
                    if (format.TrailingComma)
                    {
                        span[written++] = (byte)',';
                    }

                    newline.CopyTo(span[written..]);
                    written += newline.Length;
                }

                output.Advance(written);
                pending += written;
                if (pending >= 1 << 16)
                {
                    await output.FlushAsync(ct);
                    pending = 0;
                }
            }
        }

        await output.FlushAsync(ct);
    }

    private static int WriteJsonLine(Span<byte> span, long packed, byte[][] policyUris, byte[] exemption)
    {
        var n = Append(span, 0, "{\"nhsNumber\":\""u8);
        n += WriteDigits(span[n..], BulkFlags.Number(packed));
        n = Append(span, n, BulkFlags.IsDenied(packed) ? "\",\"decision\":\"deny\""u8 : "\",\"decision\":\"permit\""u8);
        var policy = BulkFlags.Policy(packed);
        if (policy >= 0)
        {
            n = Append(span, n, ",\"policy\":\""u8);
            n = Append(span, n, policyUris[policy]);
            n = Append(span, n, "\""u8);
        }

        if (BulkFlags.IsOverridden(packed))
        {
            n = Append(span, n, ",\"exemption\":\""u8);
            n = Append(span, n, exemption);
            n = Append(span, n, "\""u8);
        }

        return Append(span, n, "}\n"u8);
    }

    private static int Append(Span<byte> span, int at, ReadOnlySpan<byte> text)
    {
        text.CopyTo(span[at..]);
        return at + text.Length;
    }

    private static int WriteDigits(Span<byte> span, long number)
    {
        for (var i = 9; i >= 0; i--)
        {
            span[i] = (byte)('0' + (number % 10));
            number /= 10;
        }

        return 10;
    }
}
