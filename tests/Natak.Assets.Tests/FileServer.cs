using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Natak.Testing;

namespace Natak.Assets.Tests;

/// <summary>A real Kestrel server on 127.0.0.1 serving registered files and redirects, for download tests.</summary>
public sealed class FileServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    private FileServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    public static async Task<FileServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var server = new FileServer(app, port);
        app.Run(context => server._routes.TryGetValue(context.Request.Path.Value ?? "", out var handler)
            ? handler(context)
            : Respond(context, StatusCodes.Status404NotFound));
        await app.StartAsync();
        return server;
    }

    /// <summary>http://127.0.0.1:{port}{path}</summary>
    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>Serves <paramref name="body"/> at <paramref name="path"/>; without a length it is sent chunked.</summary>
    public Uri Serve(string path, byte[] body, string? contentType, bool sendLength = true)
    {
        _routes[path] = async context =>
        {
            if (contentType is not null)
            {
                context.Response.ContentType = contentType;
            }

            if (sendLength)
            {
                context.Response.ContentLength = body.Length;
            }

            // In slices, so a chunked body really streams.
            for (var offset = 0; offset < body.Length; offset += 256 * 1024)
            {
                await context.Response.Body.WriteAsync(body.AsMemory(offset, Math.Min(256 * 1024, body.Length - offset)), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        };
        return Url(path);
    }

    /// <summary>Sends the headers and <paramref name="head"/>, then stalls until the client goes away.</summary>
    public Uri Stall(string path, byte[] head, string contentType)
    {
        _routes[path] = async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.Body.WriteAsync(head, context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            try
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // the client gave up, as it should
            }
        };
        return Url(path);
    }

    public Uri Redirect(string path, string location, int status = StatusCodes.Status302Found)
    {
        _routes[path] = context =>
        {
            context.Response.Headers.Location = location;
            return Respond(context, status);
        };
        return Url(path);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task Respond(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}
