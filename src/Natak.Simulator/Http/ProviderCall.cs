using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Natak.Simulator;

/// <summary>One provider call being answered: writes the response and records it in the call log exactly once.</summary>
internal sealed class ProviderCall(HttpContext http, SimulatorProvider provider, SimulatorOperation operation, CallLog log)
{
    private bool _recorded;

    public HttpContext Http => http;

    public SimulatorProvider Provider => provider;

    public SimulatorOperation Operation => operation;

    public string? Model { get; set; }

    public string? RequestId { get; set; }

    public JsonElement? Input { get; set; }

    public string? Note { get; set; }

    public async Task RespondAsync(int statusCode, JsonNode? body, IReadOnlyDictionary<string, string>? headers = null)
    {
        http.Response.StatusCode = statusCode;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            http.Response.Headers[name] = value;
        }

        if (body is not null)
        {
            var bytes = WireJson.Bytes(body);
            http.Response.ContentType = "application/json";
            http.Response.ContentLength = bytes.Length;
            Record(statusCode);
            await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
        }
        else
        {
            Record(statusCode);
        }
    }

    /// <summary>Records the call with the status the response ended up with (for responses written by framework results).</summary>
    public void RecordWritten() => Record(http.Response.StatusCode);

    /// <summary>Drops the connection without an answer.</summary>
    public void Abort(string note)
    {
        Note = note;
        Record(0);
        http.Abort();
    }

    /// <summary>Holds the request for <paramref name="delay"/> (or until the client or the simulator gives up), then drops it.</summary>
    public async Task HangAsync(TimeSpan? delay, TimeProvider time, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        try
        {
            await Task.Delay(delay ?? Timeout.InfiniteTimeSpan, time, linked.Token);
        }
        catch (OperationCanceledException)
        {
            // the client gave up first, as it should
        }

        Abort(Note ?? "hang");
    }

    private void Record(int statusCode)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        log.Record(new SimulatorCall
        {
            Seq = 0,
            At = default,
            Provider = provider,
            Operation = operation,
            Model = Model,
            RequestId = RequestId,
            Method = http.Request.Method,
            Path = http.Request.Path.Value ?? "",
            StatusCode = statusCode,
            Input = Input,
            Note = Note,
        });
    }
}
