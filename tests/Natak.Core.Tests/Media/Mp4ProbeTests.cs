using Natak.Core.Media;
using static Natak.Core.Tests.Media.MediaBytes;

namespace Natak.Core.Tests.Media;

public class Mp4ProbeTests
{
    private static readonly byte[] Mdat = Box("mdat", new byte[64]);

    [Fact]
    public void Reads_duration_size_and_audio_of_a_video_with_sound()
    {
        byte[] file = [.. Ftyp("isom"), .. Box("moov", Mvhd(1000, 5_000), Track("vide", 1920, 1080), Track("soun")), .. Mdat];

        Assert.Equal(new Mp4Info(5m, 1920, 1080, HasAudio: true), Mp4Probe.Probe(file));
    }

    [Fact]
    public void A_video_without_a_sound_track_has_no_audio()
    {
        byte[] file = [.. Ftyp("isom"), .. Box("moov", Mvhd(90_000, 450_000), Track("vide", 1280, 720)), .. Mdat];

        var info = Mp4Probe.Probe(file)!;

        Assert.False(info.HasAudio);
        Assert.Equal(5m, info.DurationSeconds);
        Assert.Equal((1280, 720), (info.Width, info.Height));
    }

    [Fact]
    public void Reads_version_1_headers_and_a_moov_after_the_media_data()
    {
        byte[] file = [.. Ftyp("qt  "), .. Mdat, .. Box("moov", Mvhd(600, 6_000, version1: true), Track("soun"), Track("vide", 3840, 2160, version1: true))];

        Assert.Equal(new Mp4Info(10m, 3840, 2160, HasAudio: true), Mp4Probe.Probe(file));
    }

    [Fact]
    public void Fractional_durations_are_kept()
    {
        byte[] file = [.. Ftyp("isom"), .. Box("moov", Mvhd(24_000, 121_121), Track("vide", 576, 1024))];

        Assert.Equal(121_121m / 24_000m, Mp4Probe.Probe(file)!.DurationSeconds);
    }

    [Fact]
    public void Reads_boxes_with_a_64_bit_size()
    {
        byte[] file = [.. Ftyp("isom"), .. LargeBox("mdat", new byte[32]), .. Box("moov", Mvhd(1000, 8_000), Track("vide", 1080, 1920))];

        Assert.Equal(8m, Mp4Probe.Probe(file)!.DurationSeconds);
    }

    [Fact]
    public void A_truncated_file_or_one_without_a_movie_header_is_not_probed()
    {
        byte[] whole = [.. Ftyp("isom"), .. Box("moov", Mvhd(1000, 5_000), Track("vide", 1920, 1080)), .. Mdat];
        byte[] noHeader = [.. Ftyp("isom"), .. Box("moov", Track("vide", 1920, 1080))];

        Assert.Null(Mp4Probe.Probe(whole.AsSpan(0, 60)));
        Assert.Null(Mp4Probe.Probe(noHeader));
        Assert.Null(Mp4Probe.Probe(MediaBytes.Png(10, 10)));
    }

    [Fact]
    public void An_audio_only_file_has_no_video_size()
    {
        byte[] file = [.. Ftyp("M4A "), .. Box("moov", Mvhd(44_100, 441_000), Track("soun"))];

        Assert.Equal(new Mp4Info(10m, 0, 0, HasAudio: true), Mp4Probe.Probe(file));
    }
}
