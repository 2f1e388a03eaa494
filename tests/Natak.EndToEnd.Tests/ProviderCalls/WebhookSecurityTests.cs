using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Natak.EndToEnd.Tests.Infrastructure;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Orchestrations.Webhooks;
using Natak.Simulator;
using NSec.Cryptography;

namespace Natak.EndToEnd.Tests.ProviderCalls;

/// <summary>
/// Deliveries that must not move a job: forged, tampered, expired, unsigned, or a genuine delivery replayed
/// against another job's URL. Each gets 401 (or is ignored), and the waiting jobs carry on to complete by themselves.
/// </summary>
[Collection(ProviderCallCollection.Name)]
public sealed class WebhookSecurityTests(ProviderCallFixture fixture) : IDisposable
{
    public void Dispose() => fixture.Simulator.Control.ClearFaults();

    [Fact]
    public async Task Unverifiable_or_misdirected_deliveries_are_refused_and_the_call_is_unaffected()
    {
        // Webhooks dropped and the model slowed: both jobs are parked, waiting at the provider, while we attack them.
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Webhook, Kind = FaultKind.DropWebhook, Times = 2 });
        using var slow = fixture.SlowModel("fal-ai/z-image/turbo", TimeSpan.FromSeconds(10));
        await fixture.GrantAsync(User, 2);
        using var api = fixture.Api(User);
        var victim = await StartAsync(api);
        var other = await StartAsync(api);
        var urls = fixture.Host.Services.GetRequiredService<WebhookUrls>();
        var victimUrl = urls.For(ProviderNames.Fal, victim.Call.JobId, victim.Call.StepKey);
        var otherUrl = urls.For(ProviderNames.Fal, other.Call.JobId, other.Call.StepKey);
        var genuineKey = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(ProviderCallFixture.FalSeedHex), KeyBlobFormat.RawPrivateKey);
        using var forgedKey = Key.Create(SignatureAlgorithm.Ed25519);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claim = Body(victim.RequestId);

        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(victimUrl, claim, Sign(forgedKey, victim.RequestId, now, claim)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(victimUrl, claim.Replace("OK", "ERROR", StringComparison.Ordinal), Sign(genuineKey, victim.RequestId, now, claim)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(victimUrl, claim, Sign(genuineKey, victim.RequestId, now - 600, claim)));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(victimUrl, claim, headers: null));

        // A genuine delivery for the victim's request, aimed at the other job's step with the victim's token.
        var mixed = new Uri(otherUrl.GetLeftPart(UriPartial.Path) + otherUrl.Query.Split("&t=")[0] + "&t=" + victimUrl.Query.Split("&t=")[1]);
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(mixed, claim, Sign(genuineKey, victim.RequestId, now, claim)));

        // The same genuine delivery on the other job's own URL verifies, but names a request that job never made: ignored.
        Assert.Equal(HttpStatusCode.OK, await PostAsync(otherUrl, claim, Sign(genuineKey, victim.RequestId, now, claim)));

        foreach (var call in new[] { victim, other })
        {
            // the job's row says it runs once the submit's note is written, just after the submit itself
            var deadline = DateTime.UtcNow.AddSeconds(5);
            string? status;
            do
            {
                status = (string?)(await ApiClient.ReadObjectAsync(await api.GetAsync("/api/jobs/" + call.Call.JobId)))["status"];
            }
            while (status != "running" && DateTime.UtcNow < deadline && await Task.Delay(100).ContinueWith(_ => true));
            Assert.Equal("running", status);
        }

        // Left alone, both finish by polling with their own outputs.
        foreach (var call in new[] { victim, other })
        {
            var job = await Jobs.WaitForTerminalAsync(api, call.Call.JobId);
            Assert.True((string?)job["status"] == "succeeded", job.ToJsonString());
            Assert.Contains(call.Call.JobId, (string)job["result"]!["images"]![0]!["url"]!, StringComparison.Ordinal);
        }
    }

    private const string User = "webhook-user";

    private async Task<(StepCall Call, string RequestId)> StartAsync(ApiClient api)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var jobId = await Jobs.StartAsync(api, "/api/images", new { prompt = "a quiet harbour #" + marker, width = 512, height = 512 });
        var submit = await fixture.Simulator.Control.WaitForCallAsync(
            c => c.Operation == SimulatorOperation.Submit && c.Input?.ToString()?.Contains(marker, StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(60));
        return (new StepCall(jobId, "generate-1", marker), submit.RequestId!);
    }

    private static string Body(string requestId) =>
        $$"""{"request_id":"{{requestId}}","gateway_request_id":"{{requestId}}","status":"OK","payload":{"images":[]},"error":null,"payload_error":null}""";

    private static Dictionary<string, string> Sign(Key key, string requestId, long timestamp, string body)
    {
        var ts = timestamp.ToString(CultureInfo.InvariantCulture);
        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
        var signature = SignatureAlgorithm.Ed25519.Sign(key, Encoding.UTF8.GetBytes($"{requestId}\nsim-user\n{ts}\n{digest}"));
        return new()
        {
            ["X-Fal-Webhook-Request-Id"] = requestId,
            ["X-Fal-Webhook-User-Id"] = "sim-user",
            ["X-Fal-Webhook-Timestamp"] = ts,
            ["X-Fal-Webhook-Signature"] = Convert.ToHexStringLower(signature),
        };
    }

    private static async Task<HttpStatusCode> PostAsync(Uri url, string body, Dictionary<string, string>? headers)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers ?? [])
        {
            request.Headers.Add(name, value);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
