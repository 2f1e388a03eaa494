using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class WaveSpeedTests
{
    private const string Kling = "kwaivgi/kling-v2.6-pro/image-to-video";

    private static object KlingInput(bool sound = false) => new { image = TestFiles.PngUri(1280, 720), prompt = "waves crash", duration = 5, sound };

    [Fact]
    public async Task Submit_answers_created_and_the_result_completes_with_plain_string_outputs()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.WaveSpeedPostAsync(Kling, KlingInput());
        var envelope = await SimClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((200, "success"), (envelope.GetProperty("code").GetInt32(), envelope.GetProperty("message").GetString()));
        var data = envelope.GetProperty("data");
        var id = data.GetProperty("id").GetString()!;
        Assert.Equal((Kling, "created", "", 0), (data.GetProperty("model").GetString(), data.GetProperty("status").GetString(),
            data.GetProperty("error").GetString(), data.GetProperty("outputs").GetArrayLength()));
        Assert.Equal($"{sim.Endpoints.WaveSpeedBaseUrl}/api/v3/predictions/{id}/result", data.GetProperty("urls").GetProperty("get").GetString());
        Assert.True(DateTimeOffset.TryParse(data.GetProperty("created_at").GetString(), CultureInfo.InvariantCulture, out _));

        var done = await client.WaveSpeedWaitAsync(data);

        Assert.Equal("completed", done.GetProperty("status").GetString());
        var output = done.GetProperty("outputs")[0];
        Assert.Equal(JsonValueKind.String, output.ValueKind);
        Assert.StartsWith(sim.BaseUrl.ToString().TrimEnd('/') + "/wavespeed/files/", output.GetString(), StringComparison.Ordinal);
        Assert.False(done.GetProperty("has_nsfw_contents")[0].GetBoolean());
        var mp4 = VideoOutputTests.Probe(await client.DownloadAsync(output.GetString()!));
        Assert.Equal((5.0, 1920, 1080), (mp4.Seconds, mp4.Width, mp4.Height));
    }

    [Fact]
    public async Task The_sound_flag_decides_the_audio_track()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var withSound = await client.WaveSpeedWaitAsync(await client.WaveSpeedSubmitAsync(Kling, KlingInput(sound: true)));
        var silent = await client.WaveSpeedWaitAsync(await client.WaveSpeedSubmitAsync(Kling, KlingInput(sound: false)));

        Assert.Contains("soun", VideoOutputTests.Probe(await client.DownloadAsync(withSound.GetProperty("outputs")[0].GetString()!)).Handlers);
        Assert.DoesNotContain("soun", VideoOutputTests.Probe(await client.DownloadAsync(silent.GetProperty("outputs")[0].GetString()!)).Handlers);
    }

    [Theory]
    [InlineData(Kling, """{"image":"data:image/png;base64,AA==","prompt":"x","duration":"5"}""", "duration")]
    [InlineData(Kling, """{"prompt":"x","duration":5}""", "image")]
    [InlineData("alibaba/wan-2.6/image-to-video", """{"image":"x","prompt":"x","resolution":"4k"}""", "resolution")]
    [InlineData("wavespeed-ai/wan-2.2/animate", """{"image":"x","resolution":"720p"}""", "video")]
    public async Task Invalid_input_is_400_in_the_envelope(string model, string body, string field)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        using var response = await client.WaveSpeedPostAsync(model, body);
        var envelope = await SimClient.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, envelope.GetProperty("code").GetInt32());
        Assert.StartsWith(field + ":", envelope.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, envelope.GetProperty("data").ValueKind);
    }

    [Theory]
    [InlineData(FaultKind.Failed)]
    [InlineData(FaultKind.CompletedWithError)]
    public async Task A_failed_task_is_http_200_with_status_failed_and_an_error(FaultKind kind)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        sim.Control.AddFault(new FaultRule { Provider = SimulatorProvider.WaveSpeed, Kind = kind, Times = 1 });

        var done = await client.WaveSpeedWaitAsync(await client.WaveSpeedSubmitAsync(Kling, KlingInput()));

        Assert.Equal("failed", done.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(done.GetProperty("error").GetString()));
        Assert.Equal(0, done.GetProperty("outputs").GetArrayLength());
    }

    [Fact]
    public async Task A_blocked_prompt_is_accepted_and_the_task_then_fails()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var submitted = await client.WaveSpeedSubmitAsync(Kling, new { image = TestFiles.PngUri(512, 512), prompt = "[[blocked]]" });
        var done = await client.WaveSpeedWaitAsync(submitted);

        Assert.Equal("failed", done.GetProperty("status").GetString());
        Assert.Contains("content", done.GetProperty("error").GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_webhook_is_hmac_signed_with_the_secret_the_api_hands_out()
    {
        await using var sim = await Sim.StartAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);

        var (code, secretEnvelope) = await client.GetJsonAsync(sim.Endpoints.WaveSpeedBaseUrl + "/api/v3/webhook/secret", SimClient.Bearer(SimClient.WaveSpeedKey));
        var secret = secretEnvelope.GetProperty("data").GetProperty("secret").GetString()!;
        var submitted = await client.WaveSpeedSubmitAsync(Kling, KlingInput(), webhook: receiver.BaseUrl + "/ws?order=9");
        var delivery = (await receiver.WaitForAsync(1))[0];

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("whsec_natak-simulator-dev-secret", secret);
        Assert.Equal("/ws?order=9", delivery.PathAndQuery);
        var id = delivery.Headers["webhook-id"];
        var timestamp = delivery.Headers["webhook-timestamp"];
        var key = Encoding.UTF8.GetBytes(secret["whsec_".Length..]);
        var expected = "v3," + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(delivery.Body).ToArray()));
        Assert.Equal(expected, delivery.Headers["webhook-signature"]);

        var payload = JsonDocument.Parse(delivery.Body).RootElement;
        Assert.False(payload.TryGetProperty("data", out _));
        Assert.Equal(submitted.GetProperty("id").GetString(), payload.GetProperty("id").GetString());
        Assert.Equal("completed", payload.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.String, payload.GetProperty("outputs")[0].ValueKind);
        Assert.Equal("waves crash", payload.GetProperty("input").GetProperty("prompt").GetString());
    }

    [Fact]
    public async Task A_configured_secret_signs_the_webhooks()
    {
        await using var sim = await Sim.StartAsync(o => o.WaveSpeedWebhookSecret = "whsec_other");
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = new SimClient(sim);

        await client.WaveSpeedSubmitAsync(Kling, KlingInput(), webhook: receiver.BaseUrl + "/ws");
        var delivery = (await receiver.WaitForAsync(1))[0];

        var signed = $"{delivery.Headers["webhook-id"]}.{delivery.Headers["webhook-timestamp"]}.{Encoding.UTF8.GetString(delivery.Body)}";
        var expected = "v3," + Convert.ToHexStringLower(HMACSHA256.HashData("other"u8, Encoding.UTF8.GetBytes(signed)));
        Assert.Equal(expected, delivery.Headers["webhook-signature"]);
    }

    [Fact]
    public async Task An_unknown_prediction_is_404_and_a_missing_key_is_401()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var (missing, body) = await client.GetJsonAsync(sim.Endpoints.WaveSpeedBaseUrl + "/api/v3/predictions/nope/result", SimClient.Bearer(SimClient.WaveSpeedKey));
        using var unauthorized = await client.WaveSpeedPostAsync(Kling, KlingInput(), auth: "Key " + SimClient.WaveSpeedKey);

        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal(404, body.GetProperty("code").GetInt32());
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
    }

    [Theory]
    [InlineData("alibaba/wan-2.6/image-to-video", """{"prompt":"x","duration":15,"resolution":"1080p"}""", 15.0, 1920, 1080)]
    [InlineData("alibaba/wan-2.5/image-to-video", """{"prompt":"x","duration":10}""", 10.0, 1280, 720)]
    [InlineData("kwaivgi/kling-v2.1-i2v-pro", """{"prompt":"x","duration":10}""", 10.0, 1920, 1080)]
    public async Task Wan_and_kling_tasks_make_videos_of_the_requested_length(string model, string json, double seconds, int width, int height)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var body = JsonDocument.Parse(json).RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (object)p.Value);
        body["image"] = TestFiles.PngUri(1280, 720);

        var done = await client.WaveSpeedWaitAsync(await client.WaveSpeedSubmitAsync(model, body));

        var mp4 = VideoOutputTests.Probe(await client.DownloadAsync(done.GetProperty("outputs")[0].GetString()!));
        Assert.Equal((seconds, width, height), (mp4.Seconds, mp4.Width, mp4.Height));
    }
}
