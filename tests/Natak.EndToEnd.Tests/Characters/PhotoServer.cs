using System.IO.Compression;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Natak.Testing;

namespace Natak.EndToEnd.Tests.Characters;

/// <summary>
/// Someone else's web server on loopback (an allow-listed development host): photos, a 200 MB "photo" streamed
/// on demand, and a text file served as <c>image/jpeg</c>. Real HTTP, so the API's checks go through the SSRF-safe fetcher.
/// </summary>
public sealed class PhotoServer : IAsyncDisposable
{
    public const long HugeBytes = 200L * 1024 * 1024;

    private readonly WebApplication _app;
    private int _hugeRequests;

    private PhotoServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>How many times the 200 MB file was asked for.</summary>
    public int HugeRequests => _hugeRequests;

    public string PhotoUrl(int index) => new Uri(BaseUrl, $"/photos/{index}.png").ToString();

    public string HugeUrl => new Uri(BaseUrl, "/photos/huge.jpg").ToString();

    public string TextAsJpegUrl => new Uri(BaseUrl, "/photos/notes.jpg").ToString();

    /// <summary>A zip of <paramref name="count"/> photos, as a client that packed them itself would host it.</summary>
    public string ZipUrl(int count) => new Uri(BaseUrl, $"/photos/set-{count}.zip").ToString();

    public static async Task<PhotoServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var server = new PhotoServer(app, new Uri($"http://127.0.0.1:{port}"));
        app.MapGet("/photos/huge.jpg", server.ServeHugeAsync);
        app.MapGet("/photos/notes.jpg", () => Results.Bytes(Photos.Text(), "image/jpeg"));
        app.MapGet("/photos/{index:int}.png", (int index) => Results.Bytes(Photos.Png(index), "image/png"));
        app.MapGet("/photos/set-{count:int}.zip", (int count) => Results.Bytes(Zip(count), "application/zip"));
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static byte[] Zip(int count)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < count; i++)
            {
                using var entry = zip.CreateEntry($"me-{i}.png").Open();
                entry.Write(Photos.Png(20 + i));
            }
        }

        return bytes.ToArray();
    }

    private async Task ServeHugeAsync(HttpContext http)
    {
        Interlocked.Increment(ref _hugeRequests);
        http.Response.ContentType = "image/jpeg";
        http.Response.ContentLength = HugeBytes;
        var chunk = new byte[64 * 1024];
        byte[] jpegStart = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00];
        jpegStart.CopyTo(chunk, 0);
        try
        {
            for (long sent = 0; sent < HugeBytes; sent += chunk.Length)
            {
                await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
                chunk.AsSpan(0, jpegStart.Length).Clear();
            }
        }
        catch (OperationCanceledException)
        {
            // The client refused it after the headers, as it should.
        }
    }
}
