using System.Net;
using System.Text;
using ConsentApi.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ConsentApi.Tests.BulkChecks;

/// <summary>
/// Ten million lines through one bulk check, streamed both ways: the server must not hold the list in memory.
/// Held as strings the list would take over 500 MB, as longs 80 MB; streamed, the live heap stays within a few tens of MB.
/// The heap is the whole process's, so this runs alone: beside the parallel tests it once measured 69 MB.
/// </summary>
[Collection(WholeProcessMeasurements.Name)]
public sealed class BulkCheckStreamingTests(SqliteApiFactory api) : IClassFixture<SqliteApiFactory>
{
    private const int Lines = 10_000_000;
    private const long AllowedGrowthBytes = 64L * 1024 * 1024;

    [Fact]
    public async Task CheckOptOuts_WhenTenMillionLines_ThenAllAnsweredAndHeapStaysFlat()
    {
        // No redirect or cookie handlers: the test host's redirect handler buffers request bodies so it can resend them.
        var server = api.CreateClient().BaseAddress!;
        var http = api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = server, AllowAutoRedirect = false, HandleCookies = false });
        http.BaseAddress = new Uri(http.BaseAddress!, "fhir/");
        http.Timeout = TimeSpan.FromMinutes(10);
        await http.PostAsync("/register/disclosures", new StringContent(
            """{"id":"STREAM-1","recipientOds":"RR8","recipientName":"Load test","purpose":"HRESCH","dataDescription":"d","optOutsApply":true}""",
            Encoding.UTF8, "application/json"));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                // A full collection first: what counts is what the server holds on to, not garbage awaiting collection.
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                await Task.Delay(100, CancellationToken.None);
            }
        });

        var request = new HttpRequestMessage(HttpMethod.Post, "$check-opt-outs?purpose=HRESCH&disclosure=STREAM-1") { Content = new NumberListContent(Lines) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        long returned = 0;
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            var buffer = new byte[1 << 16];
            int read;
            while ((read = await body.ReadAsync(buffer)) > 0)
            {
                returned += buffer.AsSpan(0, read).Count((byte)'\n');
            }
        }

        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Lines, returned);
        Assert.True(peak - baseline < AllowedGrowthBytes, $"heap grew by {(peak - baseline) / (1024 * 1024)} MB");
    }

    /// <summary>Writes valid NHS numbers, one per line with a trailing comma, without ever holding the list.</summary>
    private sealed class NumberListContent(int lines) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var buffer = new byte[1 << 16];
            var used = 0;
            var written = 0;
            for (long nine = 900_000_000; written < lines; nine++)
            {
                if (used + 12 > buffer.Length)
                {
                    await stream.WriteAsync(buffer.AsMemory(0, used));
                    used = 0;
                }

                if (!TryWrite(nine, buffer.AsSpan(used, 10)))
                {
                    continue;
                }

                used += 10;
                buffer[used++] = (byte)',';
                buffer[used++] = (byte)'\n';
                written++;
            }

            await stream.WriteAsync(buffer.AsMemory(0, used));
        }

        /// <summary>Writes the NHS number for nine leading digits (Modulus 11), or returns false when none exists.</summary>
        private static bool TryWrite(long firstNine, Span<byte> into)
        {
            var sum = 0;
            for (var i = 8; i >= 0; i--)
            {
                var digit = (int)(firstNine % 10);
                firstNine /= 10;
                into[i] = (byte)('0' + digit);
                sum += digit * (10 - i);
            }

            var check = 11 - (sum % 11);
            if (check == 10)
            {
                return false;
            }

            into[9] = (byte)('0' + (check == 11 ? 0 : check));
            return true;
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
