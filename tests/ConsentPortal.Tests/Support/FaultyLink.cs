using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace ConsentPortal.Tests.Support;

/// <summary>
/// A TCP relay on loopback between the portal and the registry, which a test can cut: while it is down, open
/// connections are dropped and new ones are closed at once, as when the registry is unreachable. Everything else is
/// real: the bytes pass through unchanged.
/// </summary>
public sealed class FaultyLink : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint target;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<TcpClient, byte> open = new();
    private readonly Task accepting;
    private volatile bool down;

    public FaultyLink(Uri target)
    {
        this.target = new IPEndPoint(IPAddress.Loopback, target.Port);
        listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        accepting = AcceptAsync();
    }

    public Uri Address { get; }

    /// <summary>Cuts the link: drops every open connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        down = true;
        foreach (var client in open.Keys)
        {
            client.Dispose();
        }
    }

    public void Restore() => down = false;

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        try
        {
            await accepting;
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var incoming = await listener.AcceptTcpClientAsync(stopping.Token);
            if (down)
            {
                incoming.Dispose();
                continue;
            }

            _ = RelayAsync(incoming);
        }
    }

    private async Task RelayAsync(TcpClient incoming)
    {
        using var outgoing = new TcpClient();
        open[incoming] = 0;
        open[outgoing] = 0;
        try
        {
            await outgoing.ConnectAsync(target, stopping.Token);
            var a = incoming.GetStream().CopyToAsync(outgoing.GetStream(), stopping.Token);
            var b = outgoing.GetStream().CopyToAsync(incoming.GetStream(), stopping.Token);
            await Task.WhenAny(a, b);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The link was cut, or one side closed: the other side sees its connection end, as it would on a real network.
        }
        finally
        {
            open.TryRemove(incoming, out _);
            open.TryRemove(outgoing, out _);
            incoming.Dispose();
        }
    }
}
