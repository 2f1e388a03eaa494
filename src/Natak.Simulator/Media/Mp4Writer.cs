namespace Natak.Simulator;

/// <summary>
/// Writes a small, structurally valid MP4: <c>ftyp</c>, <c>moov</c> (mvhd; a video trak with avc1/avcC; a sound
/// trak with mp4a/esds only when audio was asked for), <c>mdat</c>. Durations are exact: mvhd and both tkhd use
/// timescale 1000, the video media 90 000 and the audio media 48 000, and the last sample's duration absorbs the
/// remainder. Sample bytes are placeholders (length-prefixed NAL headers, silent AAC frames), not decodable pictures.
/// The layout is documented in docs/simulator.md.
/// </summary>
internal static class Mp4Writer
{
    public const uint MovieTimescale = 1000;
    public const uint VideoTimescale = 90_000;
    public const uint AudioTimescale = 48_000;
    private const int AacFrameSamples = 1024;

    private static readonly byte[] SilentAacFrame = [0x21, 0x10, 0x04, 0x60, 0x8C, 0x1C];

    private static readonly uint[] UnityMatrix = [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000];

    public static byte[] Write(VideoSpec spec)
    {
        var video = VideoSamples(spec);
        var audio = spec.Audio ? AudioTrack(spec) : null;

        var ftyp = Ftyp();
        var moovLength = Moov(spec, video, audio, 0, 0).Length;
        var videoOffset = (uint)(ftyp.Length + moovLength + 8);
        var audioOffset = videoOffset + (uint)video.Data.Length;
        var moov = Moov(spec, video, audio, videoOffset, audioOffset);

        using var w = new BoxWriter();
        w.Bytes(ftyp);
        w.Bytes(moov);
        using (w.Box("mdat"))
        {
            w.Bytes(video.Data);
            if (audio is not null)
            {
                w.Bytes(audio.Data);
            }
        }

        return w.ToArray();
    }

    private static byte[] Ftyp()
    {
        using var w = new BoxWriter();
        using (w.Box("ftyp"))
        {
            w.Ascii("isom");
            w.U32(0x200);
            w.Ascii("isomiso2avc1mp41");
        }

        return w.ToArray();
    }

    private static byte[] Moov(VideoSpec spec, Track video, Track? audio, uint videoOffset, uint audioOffset)
    {
        var durationMs = (uint)Math.Round(spec.Seconds * MovieTimescale);
        using var w = new BoxWriter();
        using (w.Box("moov"))
        {
            using (w.FullBox("mvhd", 0, 0))
            {
                w.U32(0); // creation_time: fixed so output is deterministic
                w.U32(0); // modification_time
                w.U32(MovieTimescale);
                w.U32(durationMs);
                w.U32(0x00010000); // rate 1.0
                w.U16(0x0100); // volume 1.0
                w.Zeros(2 + 8);
                Matrix(w);
                w.Zeros(24); // pre_defined
                w.U32(audio is null ? 2u : 3u); // next_track_ID
            }

            Trak(w, 1, durationMs, spec, video, videoOffset, isVideo: true);
            if (audio is not null)
            {
                Trak(w, 2, durationMs, spec, audio, audioOffset, isVideo: false);
            }
        }

        return w.ToArray();
    }

    private static void Trak(BoxWriter w, uint trackId, uint durationMs, VideoSpec spec, Track track, uint chunkOffset, bool isVideo)
    {
        using var trak = w.Box("trak");
        using (w.FullBox("tkhd", 0, 0x000003)) // enabled, in movie
        {
            w.U32(0);
            w.U32(0);
            w.U32(trackId);
            w.U32(0);
            w.U32(durationMs);
            w.Zeros(8);
            w.U16(0); // layer
            w.U16(isVideo ? (ushort)0 : (ushort)1); // alternate_group
            w.U16(isVideo ? (ushort)0 : (ushort)0x0100); // volume
            w.U16(0);
            Matrix(w);
            w.U32(isVideo ? (uint)spec.Width << 16 : 0);
            w.U32(isVideo ? (uint)spec.Height << 16 : 0);
        }

        using var mdia = w.Box("mdia");
        using (w.FullBox("mdhd", 0, 0))
        {
            w.U32(0);
            w.U32(0);
            w.U32(track.Timescale);
            w.U32(track.Duration);
            w.U16(0x55C4); // language "und"
            w.U16(0);
        }

        using (w.FullBox("hdlr", 0, 0))
        {
            w.U32(0);
            w.Ascii(isVideo ? "vide" : "soun");
            w.Zeros(12);
            w.Ascii(isVideo ? "VideoHandler" : "SoundHandler");
            w.U8(0);
        }

        using var minf = w.Box("minf");
        if (isVideo)
        {
            using (w.FullBox("vmhd", 0, 1))
            {
                w.Zeros(8);
            }
        }
        else
        {
            using (w.FullBox("smhd", 0, 0))
            {
                w.Zeros(4);
            }
        }

        using (w.Box("dinf"))
        using (w.FullBox("dref", 0, 0))
        {
            w.U32(1);
            using (w.FullBox("url ", 0, 1))
            {
            }
        }

        using var stbl = w.Box("stbl");
        using (w.FullBox("stsd", 0, 0))
        {
            w.U32(1);
            if (isVideo)
            {
                Avc1(w, spec);
            }
            else
            {
                Mp4a(w);
            }
        }

        using (w.FullBox("stts", 0, 0))
        {
            var last = track.LastDuration;
            var regular = track.SampleCount - 1;
            w.U32(regular > 0 ? 2u : 1u);
            if (regular > 0)
            {
                w.U32(regular);
                w.U32(track.SampleDelta);
            }

            w.U32(1);
            w.U32(last);
        }

        if (isVideo)
        {
            using (w.FullBox("stss", 0, 0))
            {
                w.U32(1);
                w.U32(1);
            }
        }

        using (w.FullBox("stsc", 0, 0))
        {
            w.U32(1);
            w.U32(1);
            w.U32(track.SampleCount);
            w.U32(1);
        }

        using (w.FullBox("stsz", 0, 0))
        {
            w.U32(0);
            w.U32(track.SampleCount);
            foreach (var size in track.SampleSizes)
            {
                w.U32(size);
            }
        }

        using (w.FullBox("stco", 0, 0))
        {
            w.U32(1);
            w.U32(chunkOffset);
        }
    }

    private static void Avc1(BoxWriter w, VideoSpec spec)
    {
        using var avc1 = w.Box("avc1");
        w.Zeros(6);
        w.U16(1); // data_reference_index
        w.Zeros(16);
        w.U16((ushort)spec.Width);
        w.U16((ushort)spec.Height);
        w.U32(0x00480000); // 72 dpi
        w.U32(0x00480000);
        w.U32(0);
        w.U16(1); // frame_count
        const string Compressor = "Natak simulator";
        w.U8((byte)Compressor.Length);
        w.Ascii(Compressor);
        w.Zeros(31 - Compressor.Length);
        w.U16(0x0018); // depth
        w.U16(0xFFFF); // pre_defined = -1

        var sps = H264ParameterSets.Sps(spec.Width, spec.Height);
        var pps = H264ParameterSets.Pps();
        using (w.Box("avcC"))
        {
            w.U8(1);
            w.U8(H264ParameterSets.Profile);
            w.U8(H264ParameterSets.Compatibility);
            w.U8(H264ParameterSets.Level(spec.Width, spec.Height));
            w.U8(0xFF); // 4-byte NAL lengths
            w.U8(0xE1); // one SPS
            w.U16((ushort)sps.Length);
            w.Bytes(sps);
            w.U8(1);
            w.U16((ushort)pps.Length);
            w.Bytes(pps);
        }
    }

    private static void Mp4a(BoxWriter w)
    {
        using var mp4a = w.Box("mp4a");
        w.Zeros(6);
        w.U16(1);
        w.Zeros(8);
        w.U16(2); // channels
        w.U16(16); // sample size
        w.Zeros(4);
        w.U32(AudioTimescale << 16);
        using (w.FullBox("esds", 0, 0))
        {
            // ES_Descriptor > DecoderConfigDescriptor (AAC, audio stream) > AudioSpecificConfig (AAC-LC, 48 kHz, stereo); SLConfig.
            w.Bytes([0x03, 25, 0x00, 0x00, 0x00]);
            w.Bytes([0x04, 17, 0x40, 0x15, 0x00, 0x00, 0x00, 0x00, 0x01, 0xF4, 0x00, 0x00, 0x01, 0xF4, 0x00]);
            w.Bytes([0x05, 2, 0x11, 0x90]);
            w.Bytes([0x06, 1, 0x02]);
        }
    }

    private static void Matrix(BoxWriter w)
    {
        foreach (var value in UnityMatrix)
        {
            w.U32(value);
        }
    }

    private static Track VideoSamples(VideoSpec spec)
    {
        var total = (uint)Math.Round(spec.Seconds * VideoTimescale);
        var delta = (uint)Math.Round((double)VideoTimescale / spec.Fps);
        var count = (uint)Math.Max(1, spec.FrameCount);
        var random = new DeterministicBytes(spec.Key);
        var data = new MemoryStream();
        var sizes = new List<uint>((int)count);
        for (var i = 0; i < count; i++)
        {
            var payload = new byte[i == 0 ? 8 : 4];
            random.Fill(payload);
            payload[0] = i == 0 ? (byte)0x65 : (byte)0x41; // IDR slice, then non-IDR slices
            data.Write([0, 0, 0, (byte)payload.Length]);
            data.Write(payload);
            sizes.Add((uint)(payload.Length + 4));
        }

        return new Track(VideoTimescale, total, count, delta, sizes, data.ToArray());
    }

    private static Track AudioTrack(VideoSpec spec)
    {
        var total = (uint)Math.Round(spec.Seconds * AudioTimescale);
        var count = (uint)Math.Max(1, (total + AacFrameSamples - 1) / AacFrameSamples);
        var data = new byte[count * SilentAacFrame.Length];
        for (var i = 0; i < count; i++)
        {
            SilentAacFrame.CopyTo(data, i * SilentAacFrame.Length);
        }

        return new Track(AudioTimescale, total, count, AacFrameSamples, Enumerable.Repeat((uint)SilentAacFrame.Length, (int)count).ToList(), data);
    }

    private sealed record Track(uint Timescale, uint Duration, uint SampleCount, uint SampleDelta, IReadOnlyList<uint> SampleSizes, byte[] Data)
    {
        public uint LastDuration => Duration - (SampleCount - 1) * SampleDelta;
    }
}
