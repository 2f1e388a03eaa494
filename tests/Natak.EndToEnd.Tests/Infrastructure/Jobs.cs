using System.Net;
using System.Text.Json.Nodes;

namespace Natak.EndToEnd.Tests.Infrastructure;

/// <summary>Polls a job through the public API until it reaches a terminal status.</summary>
public static class Jobs
{
    public static async Task<JsonObject> WaitForTerminalAsync(ApiClient api, string jobId, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        JsonObject? last = null;
        while (DateTime.UtcNow < deadline)
        {
            var response = await api.GetAsync("/api/jobs/" + jobId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            last = await ApiClient.ReadObjectAsync(response);
            if ((string?)last["status"] is "succeeded" or "failed" or "cancelled")
            {
                return last;
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"job {jobId} did not finish: {last?.ToJsonString()}");
    }

    public static async Task<string> StartAsync(ApiClient api, string path, object body, string? idempotencyKey = null)
    {
        var response = await api.PostJsonAsync(path, body, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        Assert.NotNull(response.Headers.Location);
        return (string)JsonNode.Parse(text)!["jobId"]!;
    }
}
