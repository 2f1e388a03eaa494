using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Natak.Simulator.Tests;

/// <summary>Real HTTP against a running simulator, with the providers' own auth headers.</summary>
internal sealed class SimClient : IDisposable
{
    public const string FalKey = "fal-test-key-0001";
    public const string WaveSpeedKey = "ws-test-key-0001";
    public const string XaiKey = "xai-test-key-0001";

    private static readonly TimeSpan CompletionTimeout = TimeSpan.FromSeconds(15);

    public SimClient(SimulatorServer sim, TimeSpan? timeout = null)
    {
        Sim = sim;
        Http = new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(30) };
    }

    public SimulatorServer Sim { get; }

    public HttpClient Http { get; }

    public static string FalAuth(string key = FalKey) => "Key " + key;

    public static string Bearer(string key) => "Bearer " + key;

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, object? body = null, string? auth = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            var json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (auth is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(auth);
        }

        return await Http.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string url, string? auth)
    {
        using var response = await SendAsync(HttpMethod.Get, url, auth: auth);
        return (response.StatusCode, await JsonAsync(response));
    }

    // fal

    public string FalSubmitUrl(string model, string? webhook = null) =>
        Sim.Endpoints.FalQueueBaseUrl + "/" + model + (webhook is null ? "" : "?fal_webhook=" + Uri.EscapeDataString(webhook));

    public Task<HttpResponseMessage> FalPostAsync(string model, object body, string? webhook = null, string? auth = null) =>
        SendAsync(HttpMethod.Post, FalSubmitUrl(model, webhook), body, auth ?? FalAuth());

    public async Task<JsonElement> FalSubmitAsync(string model, object body, string? webhook = null, string? key = null)
    {
        using var response = await FalPostAsync(model, body, webhook, key is null ? null : FalAuth(key));
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"submit to {model} answered {(int)response.StatusCode}: {json}");
        return json;
    }

    public async Task<JsonElement> FalWaitAsync(JsonElement submitted, string? key = null)
    {
        var statusUrl = submitted.GetProperty("status_url").GetString()!;
        var deadline = DateTime.UtcNow + CompletionTimeout;
        while (true)
        {
            var (_, status) = await GetJsonAsync(statusUrl, FalAuth(key ?? FalKey));
            if (status.GetProperty("status").GetString() == "COMPLETED")
            {
                return status;
            }

            Assert.True(DateTime.UtcNow < deadline, $"request did not complete: {status}");
            await Task.Delay(15);
        }
    }

    /// <summary>Submit, wait, fetch the result (asserting 200): the model's output JSON.</summary>
    public async Task<JsonElement> FalRunAsync(string model, object body)
    {
        var submitted = await FalSubmitAsync(model, body);
        await FalWaitAsync(submitted);
        var (status, output) = await GetJsonAsync(submitted.GetProperty("response_url").GetString()!, FalAuth());
        Assert.True(status == HttpStatusCode.OK, $"result of {model} answered {(int)status}: {output}");
        return output;
    }

    public async Task<byte[]> DownloadAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        Assert.True(response.IsSuccessStatusCode, $"GET {url} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsByteArrayAsync();
    }

    // WaveSpeed

    public Task<HttpResponseMessage> WaveSpeedPostAsync(string model, object body, string? webhook = null, string? auth = null) =>
        SendAsync(HttpMethod.Post, Sim.Endpoints.WaveSpeedBaseUrl + "/api/v3/" + model + (webhook is null ? "" : "?webhook=" + Uri.EscapeDataString(webhook)),
            body, auth ?? Bearer(WaveSpeedKey));

    public async Task<JsonElement> WaveSpeedSubmitAsync(string model, object body, string? webhook = null)
    {
        using var response = await WaveSpeedPostAsync(model, body, webhook);
        var json = await JsonAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"submit to {model} answered {(int)response.StatusCode}: {json}");
        return json.GetProperty("data");
    }

    /// <summary>Polls <c>data.urls.get</c> until the task is completed or failed; returns <c>data</c>.</summary>
    public async Task<JsonElement> WaveSpeedWaitAsync(JsonElement submitted)
    {
        var url = submitted.GetProperty("urls").GetProperty("get").GetString()!;
        var deadline = DateTime.UtcNow + CompletionTimeout;
        while (true)
        {
            var (code, envelope) = await GetJsonAsync(url, Bearer(WaveSpeedKey));
            Assert.Equal(HttpStatusCode.OK, code);
            var data = envelope.GetProperty("data");
            if (data.GetProperty("status").GetString() is "completed" or "failed")
            {
                return data;
            }

            Assert.True(DateTime.UtcNow < deadline, $"task did not finish: {envelope}");
            await Task.Delay(15);
        }
    }

    // xAI

    public Task<HttpResponseMessage> ChatAsync(object body, string? auth = null) =>
        SendAsync(HttpMethod.Post, Sim.Endpoints.XaiBaseUrl + "/v1/chat/completions", body, auth ?? Bearer(XaiKey));

    public void Dispose() => Http.Dispose();
}
