using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ConsentApi.Tests.Support;

/// <summary>
/// A real HTTP receiver on loopback (its own Kestrel) that records every request to /hook and below (method, path,
/// body, headers). It can refuse the next few requests, or all of them while it is marked down, with 503 as a
/// receiver that is down would.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _refuse;
    private volatile bool _down;

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>How many requests were answered 503.</summary>
    public int Refused => _refused;
    private int _refused;

    public string Url => _app.Urls.First() + "/hook";

    /// <summary>Answers the next <paramref name="count"/> requests with 503.</summary>
    public void RefuseNext(int count) => Interlocked.Exchange(ref _refuse, count);

    /// <summary>While set, every request is held open and never answered (until the sender gives up).</summary>
    public bool Hang { get; set; }

    /// <summary>Requests held by <see cref="Hang"/> so far, and how many of them have ended (the sender gave up).</summary>
    public int Held => _held;
    private int _held;

    public int HeldThenEnded => _heldThenEnded;
    private int _heldThenEnded;

    /// <summary>While down, every request is answered 503.</summary>
    public bool Down
    {
        get => _down;
        set => _down = value;
    }

    public static WebhookReceiver Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Map("/hook/{**rest}", async (HttpContext context) =>
        {
            if (receiver.Hang)
            {
                Interlocked.Increment(ref receiver._held);
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref receiver._heldThenEnded);
                }

                return Results.Empty;
            }

            if (receiver._down || Interlocked.Decrement(ref receiver._refuse) >= 0)
            {
                Interlocked.Increment(ref receiver._refused);
                return Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }

            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            receiver.Received.Enqueue(new ReceivedRequest(context.Request.Method, context.Request.Path, body,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Results.Ok();
        });
        app.StartAsync().GetAwaiter().GetResult();
        return receiver;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
