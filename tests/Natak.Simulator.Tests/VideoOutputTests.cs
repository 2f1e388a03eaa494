using System.Text.Json;

namespace Natak.Simulator.Tests;

public sealed class VideoOutputTests
{
    [Fact]
    public async Task An_ltx_video_has_the_requested_duration_size_and_a_sound_track()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/ltx-2.3/text-to-video/fast", new { prompt = "x", duration = 8, resolution = "1080p", generate_audio = true });

        var video = output.GetProperty("video");
        Assert.Equal("video/mp4", video.GetProperty("content_type").GetString());
        Assert.Equal((1920, 1080, 25, 8.0, 200), (video.GetProperty("width").GetInt32(), video.GetProperty("height").GetInt32(),
            video.GetProperty("fps").GetInt32(), video.GetProperty("duration").GetDouble(), video.GetProperty("num_frames").GetInt32()));
        var mp4 = Probe(await client.DownloadAsync(video.GetProperty("url").GetString()!));
        Assert.Equal(8.0, mp4.Seconds);
        Assert.Equal((1920, 1080), (mp4.Width, mp4.Height));
        Assert.Equal(["vide", "soun"], mp4.Handlers);
    }

    [Fact]
    public async Task Without_audio_there_is_no_sound_track()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync("fal-ai/ltx-2.3/text-to-video", new { prompt = "x", duration = 10, resolution = "2160p", generate_audio = false });

        var mp4 = Probe(await client.DownloadAsync(output.GetProperty("video").GetProperty("url").GetString()!));
        Assert.Equal(["vide"], mp4.Handlers);
        Assert.Equal((3840, 2160, 10.0), (mp4.Width, mp4.Height, mp4.Seconds));
    }

    [Theory]
    [InlineData("fal-ai/kling-video/v2.6/pro/image-to-video", "start_image_url", true)]
    [InlineData("fal-ai/kling-video/v2.1/pro/image-to-video", "image_url", false)]
    public async Task Kling_follows_the_input_orientation_and_its_audio_default(string model, string imageField, bool audio)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var body = new Dictionary<string, object> { ["prompt"] = "turns around", [imageField] = TestFiles.JpegUri(768, 1024), ["duration"] = "10" };

        var output = await client.FalRunAsync(model, body);

        var mp4 = Probe(await client.DownloadAsync(output.GetProperty("video").GetProperty("url").GetString()!));
        Assert.Equal((1080, 1920, 10.0), (mp4.Width, mp4.Height, mp4.Seconds));
        Assert.Equal(audio, mp4.Handlers.Contains("soun"));
    }

    [Theory]
    [InlineData("fal-ai/veo3.1/fast", "4s", "720p", 4.0, 1280, 720)]
    [InlineData("fal-ai/veo3.1", "8s", "1080p", 8.0, 1920, 1080)]
    public async Task Veo_duration_strings_and_resolutions_are_honoured(string model, string duration, string resolution, double seconds, int width, int height)
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);

        var output = await client.FalRunAsync(model, new { prompt = "x", duration, resolution, generate_audio = false });

        var mp4 = Probe(await client.DownloadAsync(output.GetProperty("video").GetProperty("url").GetString()!));
        Assert.Equal((width, height, seconds), (mp4.Width, mp4.Height, mp4.Seconds));
        Assert.Equal(["vide"], mp4.Handlers);
    }

    [Fact]
    public async Task Wan_animate_takes_the_duration_of_the_driving_video()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var driving = await client.FalRunAsync("fal-ai/veo3.1/fast", new { prompt = "dance", duration = "6s" });

        var output = await client.FalRunAsync("fal-ai/wan/v2.2-14b/animate/move",
            new { video_url = driving.GetProperty("video").GetProperty("url").GetString(), image_url = TestFiles.PngUri(720, 1280), resolution = "720p" });

        var mp4 = Probe(await client.DownloadAsync(output.GetProperty("video").GetProperty("url").GetString()!));
        Assert.Equal((720, 1280, 6.0), (mp4.Width, mp4.Height, mp4.Seconds));
        Assert.Equal(JsonValueKind.Number, output.GetProperty("seed").ValueKind);
    }

    [Fact]
    public async Task The_mp4_tables_are_consistent_with_each_other_and_the_data()
    {
        await using var sim = await Sim.StartAsync();
        using var client = new SimClient(sim);
        var output = await client.FalRunAsync("fal-ai/ltx-2.3/image-to-video/fast",
            new { prompt = "x", image_url = TestFiles.PngUri(1000, 1000), duration = 5.5, resolution = "1440p", generate_audio = true });
        var file = await client.DownloadAsync(output.GetProperty("video").GetProperty("url").GetString()!);

        var boxes = Mp4Box.Parse(file);

        Assert.Equal(["ftyp", "moov", "mdat"], boxes.Select(b => b.Type).ToArray());
        var mdat = boxes[2];
        foreach (var trak in Mp4Box.All(boxes, "trak"))
        {
            var mdhd = Mp4Box.All([trak], "mdhd").Single();
            var stbl = Mp4Box.All([trak], "stbl").Single();
            var stts = stbl.Child("stts");
            var ticks = 0L;
            var samples = 0L;
            for (var i = 0; i < stts.U32(4); i++)
            {
                samples += stts.U32(8 + i * 8);
                ticks += (long)stts.U32(8 + i * 8) * stts.U32(12 + i * 8);
            }

            Assert.Equal(mdhd.U32(16), ticks);
            Assert.Equal(5.5, (double)ticks / mdhd.U32(12));
            var stsz = stbl.Child("stsz");
            Assert.Equal(samples, stsz.U32(8));
            var chunkBytes = Enumerable.Range(0, (int)samples).Sum(i => (long)stsz.U32(12 + i * 4));
            var offset = stbl.Child("stco").U32(8);
            Assert.InRange(offset, mdat.Start + 8, mdat.Start + mdat.Size - chunkBytes);
        }

        var avc1 = Mp4Box.All(boxes, "avc1").Single();
        Assert.Equal((1440, 1440), ((int)(avc1.U32(24) >> 16), (int)(avc1.U32(24) & 0xFFFF)));
        Assert.Single(Mp4Box.All(boxes, "avcC"));
        Assert.Single(Mp4Box.All(boxes, "esds"));
    }

    /// <summary>What a client would probe: mvhd duration, the video tkhd size, the handler types of the tracks.</summary>
    internal static (double Seconds, int Width, int Height, string[] Handlers) Probe(byte[] file)
    {
        var boxes = Mp4Box.Parse(file);
        Assert.Equal("ftyp", boxes[0].Type);
        var moov = boxes.Single(b => b.Type == "moov");
        var mvhd = moov.Child("mvhd");
        var seconds = (double)mvhd.U32(16) / mvhd.U32(12);
        var handlers = Mp4Box.All([moov], "hdlr").Select(h => System.Text.Encoding.ASCII.GetString(h.Payload.Slice(8, 4))).ToArray();
        var videoTrak = moov.Children.Where(c => c.Type == "trak").Single(t => Mp4Box.All([t], "hdlr").Any(h => h.Payload.Slice(8, 4).SequenceEqual("vide"u8)));
        var tkhd = videoTrak.Child("tkhd");
        return (seconds, (int)(tkhd.U32(76) >> 16), (int)(tkhd.U32(80) >> 16), handlers);
    }
}
