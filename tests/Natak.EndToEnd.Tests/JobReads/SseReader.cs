using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Natak.EndToEnd.Tests.JobReads;

/// <summary>One Server-Sent Event as a client reads it: its id and the job view in its data (null for a comment).</summary>
public sealed record SseEvent(string? Id, JsonObject? Data, string? Comment);

/// <summary>A plain SSE client over HttpClient: reads the stream line by line, as a browser's EventSource parses it.</summary>
public sealed class SseReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private SseReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public HttpResponseMessage Response => _response;

    /// <summary>Opens the stream (headers read, body not): check <see cref="Response"/> before reading.</summary>
    public static async Task<SseReader> OpenAsync(HttpClient http, string path, string? lastEventId = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return new SseReader(response, new StreamReader(await response.Content.ReadAsStreamAsync(), Encoding.UTF8));
    }

    /// <summary>The next event or comment, or null when the server ended the stream.</summary>
    public async Task<SseEvent?> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        string? id = null;
        string? comment = null;
        var data = new StringBuilder();
        while (true)
        {
            var line = await _reader.ReadLineAsync(cts.Token);
            if (line is null)
            {
                return null;
            }

            if (line.Length == 0)
            {
                if (data.Length > 0 || comment is not null)
                {
                    return new SseEvent(id, data.Length > 0 ? JsonNode.Parse(data.ToString())!.AsObject() : null, comment);
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                comment = line[1..].Trim();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]);
            }
        }
    }

    /// <summary>Every event until the server ends the stream (comments skipped).</summary>
    public async Task<List<SseEvent>> ReadToEndAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var events = new List<SseEvent>();
        while (await NextAsync(deadline - DateTime.UtcNow) is { } next)
        {
            if (next.Data is not null)
            {
                events.Add(next);
            }
        }

        return events;
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
