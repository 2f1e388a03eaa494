using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class TrainingTests
{
    [Fact]
    public async Task Training_produces_a_valid_safetensors_lora_and_a_json_config()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/flux-lora-fast-training",
            new { images_data_url = TestFiles.DataUri(TestFiles.Zip(5), "application/zip"), trigger_word = "ohwx", steps = 1200, create_masks = true });

        var lora = output.GetProperty("diffusers_lora_file");
        Assert.EndsWith(".safetensors", lora.GetProperty("file_name").GetString(), StringComparison.Ordinal);
        var file = await client.DownloadAsync(lora.GetProperty("url").GetString()!);
        Assert.Equal(lora.GetProperty("file_size").GetInt64(), file.Length);

        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        Assert.Equal(0, headerLength % 8);
        using var header = JsonDocument.Parse(Encoding.UTF8.GetString(file, 8, headerLength).TrimEnd(' '));
        Assert.Equal("ohwx", header.RootElement.GetProperty("__metadata__").GetProperty("trigger_word").GetString());
        var tensors = header.RootElement.EnumerateObject().Where(p => p.Name != "__metadata__").ToList();
        Assert.NotEmpty(tensors);
        var dataLength = file.Length - 8 - headerLength;
        var covered = 0L;
        foreach (var tensor in tensors.Select(t => t.Value).OrderBy(t => t.GetProperty("data_offsets")[0].GetInt64()))
        {
            Assert.Equal("F32", tensor.GetProperty("dtype").GetString());
            var offsets = tensor.GetProperty("data_offsets");
            Assert.Equal(covered, offsets[0].GetInt64());
            var elements = tensor.GetProperty("shape").EnumerateArray().Aggregate(1L, (n, d) => n * d.GetInt64());
            Assert.Equal(elements * 4, offsets[1].GetInt64() - offsets[0].GetInt64());
            covered = offsets[1].GetInt64();
        }

        Assert.Equal(dataLength, covered);

        var config = JsonDocument.Parse(await client.DownloadAsync(output.GetProperty("config_file").GetProperty("url").GetString()!)).RootElement;
        Assert.Equal("ohwx", config.GetProperty("trigger_word").GetString());
        Assert.Equal(1200, config.GetProperty("steps").GetInt32());
    }

    [Fact]
    public async Task Training_runs_for_the_training_latency_not_the_default_one()
    {
        await using var sim = await Sim.StartAsync(o =>
        {
            o.DefaultLatency = TimeSpan.FromMilliseconds(10);
            o.TrainingLatency = TimeSpan.FromMilliseconds(1500);
        });
        using var client = new SimClient(sim);
        var started = DateTime.UtcNow;
        var submitted = await client.FalSubmitAsync("fal-ai/flux-lora-fast-training", new { images_data_url = TestFiles.DataUri(TestFiles.Zip(4, ".png"), "application/zip") });
        var image = await client.FalSubmitAsync("fal-ai/z-image/turbo", new { prompt = "x", image_size = "square" });

        var imageDone = await client.FalWaitAsync(image);
        var (code, whileImageDone) = await client.GetJsonAsync(submitted.GetProperty("status_url").GetString()!, SimClient.FalAuth());
        var trainingDone = await client.FalWaitAsync(submitted);

        Assert.Equal(HttpStatusCode.Accepted, code);
        Assert.NotEqual("COMPLETED", whileImageDone.GetProperty("status").GetString());
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(1450));
        Assert.True(trainingDone.GetProperty("metrics").GetProperty("inference_time").GetDouble() >= 1.45);
        Assert.True(imageDone.GetProperty("metrics").GetProperty("inference_time").GetDouble() < 1.5);
    }

    [Fact]
    public async Task The_images_zip_is_fetched_over_http()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        using var initiate = await client.SendAsync(HttpMethod.Post, sim.Endpoints.FalRestBaseUrl + "/storage/upload/initiate?storage_type=fal-cdn-v3",
            new { content_type = "application/zip", file_name = "photos.zip" }, SimClient.FalAuth());
        var upload = await SimClient.JsonAsync(initiate);
        using var put = await client.Http.PutAsync(upload.GetProperty("upload_url").GetString(), new ByteArrayContent(TestFiles.Zip(6)));
        Assert.True(put.IsSuccessStatusCode);

        var output = await client.FalRunAsync("fal-ai/flux-lora-fast-training", new { images_data_url = upload.GetProperty("file_url").GetString(), trigger_word = "zxq" });

        Assert.True(output.TryGetProperty("diffusers_lora_file", out _));
        Assert.Contains(sim.Control.Calls(SimulatorProvider.Fal, SimulatorOperation.File), c => c.Path.EndsWith("/photos.zip", StringComparison.Ordinal) && c.StatusCode == 200);
    }
}
