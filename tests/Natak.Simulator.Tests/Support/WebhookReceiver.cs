using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Natak.Testing;

namespace Natak.Simulator.Tests;

/// <summary>A real HTTP endpoint on loopback that records webhook deliveries and answers with scripted status codes.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();
    private readonly ConcurrentQueue<Delivery> _deliveries = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private WebhookReceiver(WebApplication app, int port)
    {
        _app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app, port);
        app.MapPost("/{**path}", receiver.HandleAsync);
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next deliveries get these status codes, in order; after that, 200.</summary>
    public void AnswerWith(params int[] statusCodes)
    {
        foreach (var code in statusCodes)
        {
            _answers.Enqueue(code);
        }
    }

    public async Task<IReadOnlyList<Delivery>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_deliveries.Count < count)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"expected {count} webhook deliveries, got {_deliveries.Count}");
            await _arrived.WaitAsync(left);
        }

        return Deliveries;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var status = _answers.TryDequeue(out var scripted) ? scripted : 200;
        _deliveries.Enqueue(new Delivery(http.Request.Path + http.Request.QueryString, headers, body.ToArray(), status, DateTime.UtcNow));
        _arrived.Release();
        http.Response.StatusCode = status;
    }

    internal sealed record Delivery(string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body, int AnsweredWith, DateTime At);
}
