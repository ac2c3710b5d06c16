using System.Buffers.Binary;

namespace ConsentApi.BulkChecks;

/// <summary>
/// A list of 64-bit values on disk (a temporary file, deleted on close), so a bulk check holds ten million NHS
/// numbers in a few kilobytes of memory. Written once, then read back in order as often as needed.
/// </summary>
public sealed class NumberSpool : IAsyncDisposable
{
    private const int BufferBytes = 1 << 16;
    private readonly FileStream file;
    private readonly byte[] buffer = new byte[BufferBytes];
    private int filled;

    public NumberSpool()
    {
        var options = Persistence.PrivateFiles.Create(FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        options.BufferSize = 1;
        file = new FileStream(Path.Combine(Path.GetTempPath(), "consentregistry-" + Guid.NewGuid().ToString("N") + ".spool"), options);
    }

    public long Count { get; private set; }

    public async ValueTask AddAsync(long value, CancellationToken ct)
    {
        if (filled == BufferBytes)
        {
            await file.WriteAsync(buffer.AsMemory(0, filled), ct);
            filled = 0;
        }

        BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(filled), value);
        filled += 8;
        Count++;
    }

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (filled > 0)
        {
            await file.WriteAsync(buffer.AsMemory(0, filled), ct);
            filled = 0;
        }

        await file.FlushAsync(ct);
    }

    /// <summary>Reads everything written, in order, a block at a time (the block is reused: copy what you keep).</summary>
    public async IAsyncEnumerable<ReadOnlyMemory<long>> ReadAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await FlushAsync(ct);
        var bytes = new byte[BufferBytes];
        var values = new long[BufferBytes / 8];
        long offset = 0;
        while (true)
        {
            var read = await RandomAccess.ReadAsync(file.SafeFileHandle, bytes, offset, ct);
            if (read == 0)
            {
                yield break;
            }

            var whole = read / 8 * 8;
            for (var i = 0; i < whole / 8; i++)
            {
                values[i] = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8));
            }

            offset += whole;
            yield return values.AsMemory(0, whole / 8);
        }
    }

    public ValueTask DisposeAsync() => file.DisposeAsync();
}
