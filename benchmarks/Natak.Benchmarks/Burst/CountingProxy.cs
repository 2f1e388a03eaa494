using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Natak.Benchmarks.Burst;

/// <summary>
/// A reverse proxy in front of Azurite's three services and s3rver that counts every request by service and by what
/// it touched (queue, table, container; operation), and can make a service unreachable for a while (every request
/// is answered by a dropped connection), the way a network blip looks to a client.
/// </summary>
internal sealed partial class CountingProxy : IAsyncDisposable
{
    private const string BatchCategory = "POST $batch";

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _client;
    private readonly Dictionary<int, Route> _routes;
    private readonly ConcurrentDictionary<(string Service, string Category), long> _counts = new();
    private readonly ConcurrentDictionary<string, DateTimeOffset> _outageUntil = new(StringComparer.Ordinal);

    private CountingProxy(WebApplication app, HttpClient client, Dictionary<int, Route> routes)
    {
        _app = app;
        _client = client;
        _routes = routes;
    }

    /// <summary>Starts one listener per target; <paramref name="targets"/> maps a service name to the address it forwards to.</summary>
    public static async Task<CountingProxy> StartAsync(IReadOnlyDictionary<string, Uri> targets)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var ports = targets.Keys.ToDictionary(k => k, _ => Natak.Testing.FreePort.Next(), StringComparer.Ordinal);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            foreach (var port in ports.Values)
            {
                kestrel.Listen(IPAddress.Loopback, port, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
        var app = builder.Build();
        var client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = 256,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        var routes = targets.ToDictionary(t => ports[t.Key], t => new Route(t.Key, t.Value));
        var proxy = new CountingProxy(app, client, routes);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        return proxy;
    }

    /// <summary>The local address that forwards to <paramref name="service"/>.</summary>
    public Uri AddressOf(string service) =>
        new($"http://127.0.0.1:{_routes.Single(r => r.Value.Service == service).Key}");

    /// <summary>Every request from now until <paramref name="until"/> to <paramref name="service"/> gets a dropped connection.</summary>
    public void Outage(string service, DateTimeOffset until) => _outageUntil[service] = until;

    /// <summary>A copy of the counts so far, keyed by service and category.</summary>
    public Dictionary<(string Service, string Category), long> Snapshot() => new(_counts);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        var route = _routes[context.Connection.LocalPort];
        if (_outageUntil.TryGetValue(route.Service, out var until) && DateTimeOffset.UtcNow < until)
        {
            _counts.AddOrUpdate((route.Service, "refused during outage"), 1, (_, n) => n + 1);
            context.Abort();
            return;
        }

        var request = context.Request;
        var category = Categorize(route.Service, request);
        if (category == BatchCategory)
        {
            // Name the table(s) the transaction wrote and how many rows, from its multipart body.
            request.EnableBuffering();
            using var reader = new StreamReader(request.Body, leaveOpen: true);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            request.Body.Position = 0;
            var writes = BatchWrite().Matches(body).Select(m => Family(m.Groups["table"].Value)).ToList();
            category = $"POST $batch {string.Join('+', writes.Distinct())} ({writes.Count} rows)";
        }

        _counts.AddOrUpdate((route.Service, category), 1, (_, n) => n + 1);
        // The raw target, byte for byte: a storage signature covers the path as the client encoded it.
        var rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        using var outbound = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(route.Target.GetLeftPart(UriPartial.Authority) + rawTarget, UriKind.Absolute));
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            outbound.Content = new StreamContent(request.Body);
        }

        foreach (var header in request.Headers)
        {
            if (HopByHop.Contains(header.Key))
            {
                continue;
            }

            if (!outbound.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value) && outbound.Content is not null)
            {
                outbound.Content.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
            }
        }

        try
        {
            using var response = await _client.SendAsync(outbound, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(header.Key))
                {
                    context.Response.Headers[header.Key] = header.Value.ToArray();
                }
            }

            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (Exception) when (!context.Response.HasStarted)
        {
            context.Abort();
        }
    }

    /// <summary>
    /// What a request touched, in words: the operation and the object family. Durable's task-hub objects are named
    /// after the hub (<c>{hub}-control-01</c>, <c>{hub}History</c>); the hub name is cut off so categories add up
    /// across runs.
    /// </summary>
    private static string Categorize(string service, HttpRequest request)
    {
        var segments = request.Path.Value!.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var method = request.Method;
        switch (service)
        {
            case "queue":
            {
                var queue = segments.Length > 1 ? Family(segments[1]) : "(account)";
                var messages = segments.Length > 2 ? (segments.Length > 3 ? " message" : " messages") : string.Empty;
                var peek = request.Query.ContainsKey("peekonly") ? " peek" : string.Empty;
                return $"{method}{messages}{peek} {queue}";
            }

            case "table":
            {
                var table = segments.Length > 1 ? segments[1] : "(account)";
                if (table == "$batch")
                {
                    return BatchCategory;
                }

                var paren = table.IndexOf('(', StringComparison.Ordinal);
                var name = paren > 0 ? table[..paren] : table;
                var entity = paren > 0 ? " entity" : (request.Query.ContainsKey("$filter") ? " query" : string.Empty);
                return $"{method}{entity} {Family(name)}";
            }

            case "blob":
            {
                var container = segments.Length > 1 ? Family(segments[1]) : "(account)";
                var comp = request.Query.TryGetValue("comp", out var c) ? " comp=" + c : string.Empty;
                return $"{method}{comp} {container}";
            }

            default:
                return method + (segments.Length > 1 ? " object" : " bucket");
        }
    }

    /// <summary>Strips a task hub prefix and digits so <c>benchburst1a2b-control-03</c> reads <c>control-NN</c>.</summary>
    private static string Family(string name)
    {
        string[] known = ["History", "Instances", "Partitions", "-control-", "-workitems", "-leases", "-applease", "-largemessages"];
        foreach (var k in known)
        {
            var at = name.IndexOf(k, StringComparison.OrdinalIgnoreCase);
            if (at > 0)
            {
                return "hub" + string.Concat(name[at..].Select(ch => char.IsAsciiDigit(ch) ? 'N' : ch));
            }
        }

        return name.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>One write inside an entity-group transaction: <c>PUT http://host/account/Table(PartitionKey=…</c>.</summary>
    [GeneratedRegex(@"^(?:POST|PUT|PATCH|MERGE|DELETE) https?://[^\s]*/(?<table>[A-Za-z][A-Za-z0-9]*)(?:\(|\s|\?)", RegexOptions.Multiline)]
    private static partial Regex BatchWrite();

    private sealed record Route(string Service, Uri Target);
}
