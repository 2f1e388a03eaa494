using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Natak.Providers.Tests.Support;

/// <summary>One request as the fake provider saw it.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string Body);

/// <summary>
/// The innermost handler of a provider's HttpClient (under the real resilience pipeline): records each request and
/// answers with a scripted response, so tests can count exactly how often a call was sent.
/// </summary>
public sealed class FakeProvider : HttpMessageHandler
{
    private readonly Func<SeenRequest, int, Task<HttpResponseMessage>> _respond;
    private readonly ConcurrentQueue<SeenRequest> _requests = new();
    private int _count;

    public FakeProvider(Func<SeenRequest, int, Task<HttpResponseMessage>> respond) => _respond = respond;

    public FakeProvider(Func<SeenRequest, int, HttpResponseMessage> respond)
        : this((request, n) => Task.FromResult(respond(request, n)))
    {
    }

    public IReadOnlyList<SeenRequest> Requests => [.. _requests];

    public int Count => Volatile.Read(ref _count);

    /// <summary>Answers every request with the same status and body.</summary>
    public static FakeProvider Always(HttpStatusCode status, string body = "{}") => new((_, _) => Json(status, body));

    /// <summary>Answers the n-th request (0-based) with <c>responses[n]</c>, the last one thereafter.</summary>
    public static FakeProvider Sequence(params (HttpStatusCode Status, string Body)[] responses) =>
        new((_, n) => Json(responses[Math.Min(n, responses.Length - 1)].Status, responses[Math.Min(n, responses.Length - 1)].Body));

    public static HttpResponseMessage Json(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var seen = new SeenRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.MediaType,
            body);
        _requests.Enqueue(seen);
        var n = Interlocked.Increment(ref _count) - 1;
        // Like a real connection, a pending answer is abandoned when the pipeline's timeout cancels the attempt.
        var response = await _respond(seen, n).WaitAsync(cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
