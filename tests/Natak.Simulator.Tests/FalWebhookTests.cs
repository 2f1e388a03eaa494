using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace Natak.Simulator.Tests;

public sealed class FalWebhookTests
{
    private static readonly object Prompt = new { prompt = "a kite", image_size = "square", seed = 5 };

    [Fact]
    public async Task The_webhook_goes_to_the_exact_url_and_its_signature_verifies_against_the_jwks_key()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        var target = receiver.BaseUrl + "/webhooks/fal?job=abc%20123&step=render";

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: target);
        var delivery = (await receiver.WaitForAsync(1))[0];

        Assert.Equal("/webhooks/fal?job=abc%20123&step=render", delivery.PathAndQuery);
        var body = JsonDocument.Parse(delivery.Body).RootElement;
        var requestId = submitted.GetProperty("request_id").GetString();
        Assert.Equal(requestId, body.GetProperty("request_id").GetString());
        Assert.Equal(requestId, body.GetProperty("gateway_request_id").GetString());
        Assert.Equal("OK", body.GetProperty("status").GetString());
        Assert.Equal(512, body.GetProperty("payload").GetProperty("images")[0].GetProperty("width").GetInt32());
        Assert.Equal(requestId, delivery.Headers["X-Fal-Webhook-Request-Id"]);
        Assert.InRange(long.Parse(delivery.Headers["X-Fal-Webhook-Timestamp"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 60, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);

        var keys = await JwksKeysAsync(client, sim);
        Assert.True(Verifies(keys, delivery.Headers, delivery.Body));
    }

    [Fact]
    public async Task A_tampered_body_or_user_id_does_not_verify()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: receiver.BaseUrl + "/hook");
        var delivery = (await receiver.WaitForAsync(1))[0];
        var keys = await JwksKeysAsync(client, sim);

        var tampered = (byte[])delivery.Body.Clone();
        tampered[^2] ^= 0x01;
        var otherUser = new Dictionary<string, string>(delivery.Headers.ToDictionary(), StringComparer.OrdinalIgnoreCase) { ["X-Fal-Webhook-User-Id"] = "someone-else" };

        Assert.True(Verifies(keys, delivery.Headers, delivery.Body));
        Assert.False(Verifies(keys, delivery.Headers, tampered));
        Assert.False(Verifies(keys, otherUser, delivery.Body));
    }

    [Fact]
    public async Task A_configured_seed_gives_the_same_key_on_every_start()
    {
        const string Seed = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
        await using var first = await Sim.StartAsync(o => o.FalSigningKeySeed = Seed);
        await using var second = await Sim.StartAsync(o => o.FalSigningKeySeed = Seed);
        await using var random = await Sim.StartAsync();

        using var expected = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(Seed), KeyBlobFormat.RawPrivateKey);
        var expectedPublic = expected.PublicKey.Export(KeyBlobFormat.RawPublicKey);

        Assert.Equal(expectedPublic, first.Control.FalWebhookPublicKey.ToArray());
        Assert.Equal(expectedPublic, second.Control.FalWebhookPublicKey.ToArray());
        Assert.NotEqual(expectedPublic, random.Control.FalWebhookPublicKey.ToArray());
    }

    [Fact]
    public async Task A_failed_request_sends_status_ERROR_with_the_error_and_its_body_as_payload()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.CompletedWithError, StatusCode = 422, ErrorType = "content_policy_violation" });

        await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: receiver.BaseUrl + "/hook");
        var body = JsonDocument.Parse((await receiver.WaitForAsync(1))[0].Body).RootElement;

        Assert.Equal("ERROR", body.GetProperty("status").GetString());
        Assert.Equal("Invalid status code: 422", body.GetProperty("error").GetString());
        Assert.Equal("content_policy_violation", body.GetProperty("payload").GetProperty("detail")[0].GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_target_that_fails_is_retried_with_backoff_until_it_accepts()
    {
        await using var sim = await Sim.StartAsync(o => o.WebhookInitialBackoff = TimeSpan.FromMilliseconds(100));
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        receiver.AnswerWith(500, 503);

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: receiver.BaseUrl + "/hook");
        var deliveries = await receiver.WaitForAsync(3);
        await Task.Delay(300);

        Assert.Equal(3, receiver.Deliveries.Count);
        Assert.True(deliveries[1].At - deliveries[0].At >= TimeSpan.FromMilliseconds(90));
        Assert.True(deliveries[2].At - deliveries[1].At >= TimeSpan.FromMilliseconds(190));
        Assert.Equal(deliveries[0].Body, deliveries[2].Body);
        var attempts = sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Webhook);
        Assert.Equal([(1, 500), (2, 503), (3, 200)], attempts.Select(a => (a.Attempt!.Value, a.StatusCode)).ToArray());
        Assert.All(attempts, a => Assert.Equal(submitted.GetProperty("request_id").GetString(), a.RequestId));
        Assert.All(attempts, a => Assert.Equal(receiver.BaseUrl + "/hook", a.Target));
    }

    [Fact]
    public async Task Delivery_stops_after_the_configured_attempts()
    {
        await using var sim = await Sim.StartAsync(o => o.WebhookMaxAttempts = 2);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        receiver.AnswerWith(500, 500, 500, 500);

        await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: receiver.BaseUrl + "/hook");
        await receiver.WaitForAsync(2);
        await Task.Delay(400);

        Assert.Equal(2, receiver.Deliveries.Count);
    }

    [Fact]
    public async Task An_unreachable_target_is_recorded_with_status_0()
    {
        await using var sim = await Sim.StartAsync(o => o.WebhookMaxAttempts = 2);
        using var client = new SimClient(sim);

        await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: "http://127.0.0.1:1/hook");
        await sim.Control.WaitForCallAsync(c => c.Operation == SimulatorOperation.Webhook && c.Attempt == 2, TimeSpan.FromSeconds(10));

        Assert.All(sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.Webhook), c => Assert.Equal(0, c.StatusCode));
    }

    [Fact]
    public async Task A_duplicate_webhook_fault_delivers_the_same_completion_twice()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.DuplicateWebhook, Times = 1 });

        await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: receiver.BaseUrl + "/hook");
        var deliveries = await receiver.WaitForAsync(2);

        Assert.Equal(deliveries[0].Body, deliveries[1].Body);
        var keys = await JwksKeysAsync(client, sim);
        Assert.All(deliveries, d => Assert.True(Verifies(keys, d.Headers, d.Body)));
    }

    [Fact]
    public async Task A_dropped_webhook_is_never_delivered_but_the_drop_is_recorded()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Model = "fal-ai/z-image/turbo", Kind = FaultKind.DropWebhook });

        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: receiver.BaseUrl + "/hook");
        await client.FalWaitAsync(submitted);
        var dropped = await sim.Control.WaitForCallAsync(c => c.Operation == SimulatorOperation.Webhook, TimeSpan.FromSeconds(5));
        await Task.Delay(200);

        Assert.Empty(receiver.Deliveries);
        Assert.Equal((0, 0), (dropped.Attempt!.Value, dropped.StatusCode));
        Assert.Contains("dropWebhook", dropped.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delayed_webhook_arrives_after_the_delay()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.Fal, Kind = FaultKind.DelayWebhook, Delay = TimeSpan.FromMilliseconds(700) });

        var submittedAt = DateTime.UtcNow;
        var submitted = await client.FalSubmitAsync("fal-ai/z-image/turbo", Prompt, webhook: receiver.BaseUrl + "/hook");
        var status = await client.FalWaitAsync(submitted);
        var delivery = (await receiver.WaitForAsync(1))[0];

        // the job itself takes ~30 ms: only the delay can put the delivery this late
        Assert.True(delivery.At - submittedAt >= TimeSpan.FromMilliseconds(700), $"arrived {(delivery.At - submittedAt).TotalMilliseconds} ms after submit");
        Assert.Equal("COMPLETED", status.GetProperty("status").GetString());
    }

    /// <summary>Reads fal's JWKS as a receiver would, decoding x tolerantly (padding or not).</summary>
    internal static async Task<List<PublicKey>> JwksKeysAsync(SimClient client, SimulatorServer sim)
    {
        var jwks = JsonDocument.Parse(await client.DownloadAsync(sim.Endpoints.FalJwksUrl)).RootElement;
        return jwks.GetProperty("keys").EnumerateArray().Select(k =>
        {
            Assert.Equal(("OKP", "Ed25519"), (k.GetProperty("kty").GetString(), k.GetProperty("crv").GetString()));
            var raw = Base64Url.DecodeFromChars(k.GetProperty("x").GetString()!);
            return PublicKey.Import(SignatureAlgorithm.Ed25519, raw, KeyBlobFormat.RawPublicKey);
        }).ToList();
    }

    internal static bool Verifies(IEnumerable<PublicKey> keys, IReadOnlyDictionary<string, string> headers, byte[] body)
    {
        var message = Encoding.UTF8.GetBytes(string.Join('\n',
            headers["X-Fal-Webhook-Request-Id"],
            headers["X-Fal-Webhook-User-Id"],
            headers["X-Fal-Webhook-Timestamp"],
            Convert.ToHexStringLower(SHA256.HashData(body))));
        var signature = Convert.FromHexString(headers["X-Fal-Webhook-Signature"]);
        return keys.Any(k => SignatureAlgorithm.Ed25519.Verify(k, message, signature));
    }
}
