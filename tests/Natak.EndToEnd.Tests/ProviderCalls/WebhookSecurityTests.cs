using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Natak.Api.Webhooks;
using Natak.Core.Pricing;
using Natak.Orchestrations.Pipelines;
using Natak.Orchestrations.Pipelines.ProviderCalls;
using Natak.Orchestrations.Webhooks;
using Natak.Simulator;
using NSec.Cryptography;

namespace Natak.EndToEnd.Tests.ProviderCalls;

/// <summary>
/// Deliveries that must not move a job: forged, tampered, expired, unsigned, or a genuine delivery replayed
/// against another job's URL. Each gets 401 (or is ignored), and the waiting provider call carries on to
/// complete by itself.
/// </summary>
[Collection(ProviderCallCollection.Name)]
public sealed class WebhookSecurityTests(ProviderCallFixture fixture) : IDisposable
{
    public void Dispose() => fixture.Simulator.Control.ClearFaults();

    [Fact]
    public async Task Unverifiable_or_misdirected_deliveries_are_refused_and_the_call_is_unaffected()
    {
        // Webhooks dropped and the first poll 12 s away: the call is parked, waiting, while we attack it.
        fixture.Simulator.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Operation = SimulatorOperation.Webhook, Kind = FaultKind.DropWebhook, Times = 2 });
        var victim = await StartAsync(firstPoll: 12);
        var other = await StartAsync(firstPoll: 12);
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
            var instance = await fixture.Host.DurableClient.GetInstanceAsync(call.Call.InstanceIdOf());
            Assert.Equal(OrchestrationRuntimeStatus.Running, instance!.RuntimeStatus);
        }

        // Left alone, both finish by polling with their own outputs.
        foreach (var call in new[] { victim, other })
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var done = await fixture.Host.DurableClient.WaitForInstanceCompletionAsync(call.Call.InstanceIdOf(), getInputsAndOutputs: true, timeout.Token);
            var result = done.ReadOutputAs<ProviderCallResult>()!;
            Assert.True(result.Succeeded, result.Failure?.Message);
            Assert.Contains(call.Call.JobId, result.Output!.Main!.Key, StringComparison.Ordinal);
        }
    }

    private async Task<(ProviderCallInput Call, string RequestId)> StartAsync(int firstPoll)
    {
        var jobId = "img_" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var call = new ProviderCallInput(jobId, "webhook-user", "generate", ModelKind.Image, "z-image-turbo", "default", [ProviderNames.Fal],
            new Dictionary<string, string> { ["prompt"] = "a quiet harbour #" + marker, ["size"] = "512x512" }, "sfw", "basic-image",
            new StepWait(TimeSpan.FromSeconds(firstPoll), TimeSpan.FromSeconds(firstPoll), TimeSpan.FromMinutes(2)));
        await fixture.Host.DurableClient.ScheduleNewOrchestrationInstanceAsync(nameof(ProviderCallOrchestrator), call, new StartOrchestrationOptions(call.InstanceIdOf()));
        var submit = await fixture.Simulator.Control.WaitForCallAsync(
            c => c.Operation == SimulatorOperation.Submit && c.Input?.ToString()?.Contains(marker, StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(60));
        return (call, submit.RequestId!);
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
