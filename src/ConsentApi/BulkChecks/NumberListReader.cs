using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using FhirAdapters.Primitives;

namespace ConsentApi.BulkChecks;

/// <summary>
/// Reads a list of NHS numbers in the national service's .dat format (one number per line followed by a comma, LF
/// or CRLF) or as plain lines, straight from the request body into a <see cref="NumberSpool"/>. Blank lines are
/// skipped; every other line must hold exactly one valid NHS number. Memory stays flat however long the list.
/// </summary>
public static class NumberListReader
{
    public static async Task<NumberList> ReadAsync(PipeReader body, NumberSpool spool, CancellationToken ct)
    {
        var state = new State();
        while (true)
        {
            var result = await body.ReadAsync(ct);
            var buffer = result.Buffer;
            var position = ReadLines(ref buffer, state, out var numbers);
            foreach (var number in numbers)
            {
                await spool.AddAsync(number, ct);
            }

            body.AdvanceTo(position, buffer.End);
            if (result.IsCompleted)
            {
                if (!buffer.Slice(position).IsEmpty)
                {
                    var last = buffer.Slice(position).ToArray();
                    if (Line(last, state) is { } n)
                    {
                        await spool.AddAsync(n, ct);
                    }
                }

                break;
            }
        }

        await body.CompleteAsync();
        await spool.FlushAsync(ct);
        return new NumberList(spool.Count, state.InvalidCount, state.Invalid, state.TrailingComma ?? true, state.CrLf ?? false);
    }

    private static SequencePosition ReadLines(ref ReadOnlySequence<byte> buffer, State state, out List<long> numbers)
    {
        numbers = new List<long>(4096);
        var reader = new SequenceReader<byte>(buffer);
        while (reader.TryReadTo(out ReadOnlySpan<byte> line, (byte)'\n'))
        {
            if (Line(line, state) is { } number)
            {
                numbers.Add(number);
            }
        }

        return reader.Position;
    }

    private static long? Line(ReadOnlySpan<byte> line, State state)
    {
        state.LineNumber++;
        var crlf = line.Length > 0 && line[^1] == (byte)'\r';
        if (crlf)
        {
            line = line[..^1];
        }

        var content = line.Trim((byte)' ');
        if (content.IsEmpty)
        {
            return null;
        }

        state.CrLf ??= crlf;
        var comma = content[^1] == (byte)',';
        if (comma)
        {
            content = content[..^1].TrimEnd((byte)' ');
        }

        state.TrailingComma ??= comma;
        if (content.Length == 10 && NhsNumber.TryParse(content, out var number))
        {
            return number;
        }

        state.InvalidCount++;
        if (state.Invalid.Count < NumberList.MaxReported)
        {
            var text = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 40)]);
            var digits = Encoding.UTF8.GetString(content[..Math.Min(content.Length, 40)]);
            state.Invalid.Add(new InvalidLine(state.LineNumber, text, NhsNumber.Problem(digits) ?? "not an NHS number"));
        }

        return null;
    }

    private sealed class State
    {
        public long LineNumber;
        public long InvalidCount;
        public bool? TrailingComma;
        public bool? CrLf;
        public List<InvalidLine> Invalid { get; } = [];
    }
}
