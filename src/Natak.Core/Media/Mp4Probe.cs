namespace Natak.Core.Media;

/// <summary>
/// Reads an ISO-BMFF (MP4, MOV) file's box tree — <c>moov</c> › <c>mvhd</c>, <c>trak</c> › <c>tkhd</c> and
/// <c>mdia</c> › <c>hdlr</c> — to measure a delivered video (seconds billed, resolution, audio). The whole file is
/// needed when <c>moov</c> follows <c>mdat</c>.
/// </summary>
public static class Mp4Probe
{
    /// <summary>The video's facts, or <c>null</c> when the bytes hold no well-formed <c>moov</c> with a movie header.</summary>
    public static Mp4Info? Probe(ReadOnlySpan<byte> data)
    {
        foreach (var box in Boxes(data))
        {
            if (box.Type == "moov")
            {
                return ReadMovie(data.Slice(box.ContentStart, box.ContentLength));
            }
        }

        return null;
    }

    private static Mp4Info? ReadMovie(ReadOnlySpan<byte> moov)
    {
        decimal? duration = null;
        var (width, height, hasVideo, hasAudio) = (0, 0, false, false);
        foreach (var box in Boxes(moov))
        {
            var content = moov.Slice(box.ContentStart, box.ContentLength);
            if (box.Type == "mvhd")
            {
                duration = ReadDuration(content);
            }
            else if (box.Type == "trak" && ReadTrack(content) is { } track)
            {
                if (track.Handler == "vide" && !hasVideo)
                {
                    (hasVideo, width, height) = (true, track.Width, track.Height);
                }

                hasAudio |= track.Handler == "soun";
            }
        }

        return duration is { } seconds ? new Mp4Info(seconds, width, height, hasAudio) : null;
    }

    private static decimal? ReadDuration(ReadOnlySpan<byte> mvhd)
    {
        if (mvhd.Length < 1)
        {
            return null;
        }

        // Version 1 widens the times and the duration to 64 bits.
        uint timescale;
        ulong duration;
        var ok = mvhd[0] == 1
            ? Bytes.TryUInt32BigEndian(mvhd, 20, out timescale) & Bytes.TryUInt64BigEndian(mvhd, 24, out duration)
            : Bytes.TryUInt32BigEndian(mvhd, 12, out timescale) & TryUInt32(mvhd, 16, out duration);
        return ok && timescale > 0 ? (decimal)duration / timescale : null;
    }

    private static (string Handler, int Width, int Height)? ReadTrack(ReadOnlySpan<byte> trak)
    {
        string? handler = null;
        var (width, height) = (0, 0);
        foreach (var box in Boxes(trak))
        {
            var content = trak.Slice(box.ContentStart, box.ContentLength);
            if (box.Type == "tkhd" && content.Length > 0)
            {
                // Width and height are 16.16 fixed point at the end of the header (offset 76 in v0, 88 in v1).
                var offset = content[0] == 1 ? 88 : 76;
                if (Bytes.TryUInt32BigEndian(content, offset, out var w) && Bytes.TryUInt32BigEndian(content, offset + 4, out var h))
                {
                    (width, height) = ((int)(w >> 16), (int)(h >> 16));
                }
            }
            else if (box.Type == "mdia")
            {
                foreach (var child in Boxes(content))
                {
                    if (child.Type == "hdlr" && child.ContentLength >= 12)
                    {
                        handler = System.Text.Encoding.ASCII.GetString(content.Slice(child.ContentStart + 8, 4));
                    }
                }
            }
        }

        return handler is null ? null : (handler, width, height);
    }

    private static bool TryUInt32(ReadOnlySpan<byte> data, int offset, out ulong value)
    {
        var ok = Bytes.TryUInt32BigEndian(data, offset, out var narrow);
        value = narrow;
        return ok;
    }

    /// <summary>The boxes directly inside <paramref name="data"/>; stops at the first malformed header.</summary>
    private static List<Box> Boxes(ReadOnlySpan<byte> data)
    {
        var boxes = new List<Box>();
        var position = 0;
        while (boxes.Count < 10_000 && Bytes.TryUInt32BigEndian(data, position, out var size32) && position + 8 <= data.Length)
        {
            var type = System.Text.Encoding.ASCII.GetString(data.Slice(position + 4, 4));
            long header = 8;
            long size = size32;
            if (size32 == 1)
            {
                if (!Bytes.TryUInt64BigEndian(data, position + 8, out var large) || large > long.MaxValue)
                {
                    break;
                }

                (header, size) = (16, (long)large);
            }
            else if (size32 == 0)
            {
                size = data.Length - position; // the box runs to the end of the file
            }

            if (size < header || position + size > data.Length)
            {
                break;
            }

            boxes.Add(new Box(type, position + (int)header, (int)(size - header)));
            position += (int)size;
        }

        return boxes;
    }

    private readonly record struct Box(string Type, int ContentStart, int ContentLength);
}
