using System.Collections.Concurrent;
using System.Net;
using Natak.Testing;

namespace Natak.Providers.Tests.Support;

/// <summary>One webhook delivery as received over HTTP.</summary>
public sealed record ReceivedWebhook(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>A real loopback HTTP endpoint that accepts webhook deliveries (200) and keeps them for assertions.</summary>
public sealed class WebhookInbox : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly int _port = FreePort.Next();

    public WebhookInbox()
    {
        _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{_port}/{path.TrimStart('/')}");

    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (_received.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching webhook within {timeout}; received {_received.Count}.");
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _arrived.Dispose();
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new ReceivedWebhook(context.Request.Url!.AbsolutePath, headers, body.ToArray()));
            context.Response.StatusCode = (int)HttpStatusCode.OK;
            context.Response.Close();
            try
            {
                _arrived.Release();
            }
            catch (ObjectDisposedException)
            {
                return;
            }
        }
    }
}
