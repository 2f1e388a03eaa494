using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Natak.Simulator;

namespace Natak.EndToEnd.Tests.Videos;

/// <summary>
/// Media a user would upload: a landscape PNG (a start frame) and an MP4 (a driving video). Made by the simulator
/// through fal's own queue protocol, so they are the same well-formed files the simulated providers produce.
/// </summary>
public sealed record VideoInputs(byte[] StartFramePng, byte[] DrivingVideoMp4)
{
    public static async Task<VideoInputs> CreateAsync(SimulatorServer simulator)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Key", "e2e-inputs");
        var queue = simulator.Endpoints.FalQueueBaseUrl.TrimEnd('/');
        var png = await GenerateAsync(http, queue, "fal-ai/z-image/turbo",
            new { prompt = "a dancer on an empty stage", image_size = "landscape_16_9", seed = 11 }, "images");
        var mp4 = await GenerateAsync(http, queue, "fal-ai/ltx-2.3/text-to-video/fast",
            new { prompt = "a dancer turning slowly", duration = 5, resolution = "1080p" }, "video");
        return new VideoInputs(png, mp4);
    }

    private static async Task<byte[]> GenerateAsync(HttpClient http, string queue, string model, object input, string output)
    {
        using var submit = await http.PostAsJsonAsync($"{queue}/{model}", input);
        Assert.True(submit.IsSuccessStatusCode, $"{model}: {(int)submit.StatusCode} {await submit.Content.ReadAsStringAsync()}");
        var handle = JsonNode.Parse(await submit.Content.ReadAsStringAsync())!;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var status = await http.GetAsync((string)handle["status_url"]!);
            if (status.StatusCode == HttpStatusCode.OK)
            {
                break;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{model} did not complete in the simulator");
            await Task.Delay(100);
        }

        var result = JsonNode.Parse(await http.GetStringAsync((string)handle["response_url"]!))!;
        var file = output == "images" ? result["images"]![0]! : result[output]!;
        return await http.GetByteArrayAsync((string)file["url"]!);
    }
}
