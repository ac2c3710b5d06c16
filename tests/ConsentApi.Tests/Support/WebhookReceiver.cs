using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ConsentApi.Tests.Support;

/// <summary>A real HTTP receiver on loopback (its own Kestrel) that records what is posted to /hook and can refuse the first few posts.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _refuse;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Body, Dictionary<string, string> Headers)> Received { get; } = new();

    public string Url => _app.Urls.First() + "/hook";

    /// <summary>Answers the next <paramref name="count"/> posts with 503, as a receiver that is down would.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    public static WebhookReceiver Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            if (Interlocked.Decrement(ref receiver._refuse) >= 0)
            {
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue((body, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Results.Ok();
        });
        app.StartAsync().GetAwaiter().GetResult();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
