using System.Globalization;

namespace ConsentApi.Export;

/// <summary>
/// Writes one type's lines into NDJSON files of at most <see cref="LinesPerFile"/> lines each ({Type}-{n}.ndjson),
/// through a buffered stream, so memory stays the same whatever the number of lines.
/// </summary>
public sealed class NdjsonSink(string folder, string type) : IAsyncDisposable
{
    public const int LinesPerFile = 1_000_000;
    private readonly List<ExportOutput> outputs = [];
    private FileStream? current;
    private long inCurrent;

    public long Total { get; private set; }

    public IReadOnlyList<ExportOutput> Outputs => outputs;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> json, CancellationToken ct)
    {
        if (current is null || inCurrent == LinesPerFile)
        {
            await CloseAsync();
            var name = $"{type}-{(outputs.Count + 1).ToString(CultureInfo.InvariantCulture)}.ndjson";
            var options = Persistence.PrivateFiles.Create();
            options.Access = FileAccess.Write;
            options.BufferSize = 1 << 16;
            current = new FileStream(Path.Combine(folder, name), options);
            outputs.Add(new ExportOutput(type, name, 0));
            inCurrent = 0;
        }

        await current.WriteAsync(json, ct);
        current.WriteByte((byte)'\n');
        inCurrent++;
        Total++;
    }

    public async ValueTask DisposeAsync() => await CloseAsync();

    private async ValueTask CloseAsync()
    {
        if (current is null)
        {
            return;
        }

        await current.FlushAsync();
        await current.DisposeAsync();
        current = null;
        outputs[^1] = outputs[^1] with { Count = inCurrent };
    }
}
