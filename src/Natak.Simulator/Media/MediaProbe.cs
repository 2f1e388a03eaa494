using System.Buffers.Binary;

namespace Natak.Simulator;

/// <summary>Reads the pixel size of PNG, JPEG, GIF and WebP files and the size and duration of MP4s from their headers.</summary>
internal static class MediaProbe
{
    public static (int Width, int Height)? ImageSize(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 24 && data[..8].SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return (BinaryPrimitives.ReadInt32BigEndian(data[16..]), BinaryPrimitives.ReadInt32BigEndian(data[20..]));
        }

        if (data.Length >= 4 && data[0] == 0xFF && data[1] == 0xD8)
        {
            return JpegSize(data);
        }

        if (data.Length >= 10 && data[..3].SequenceEqual("GIF"u8))
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
        }

        if (data.Length >= 30 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return WebpSize(data);
        }

        return null;
    }

    /// <summary>Width, height (of the first video track) and duration of an MP4, or null when it is not one we can read.</summary>
    public static (int Width, int Height, double Seconds)? Mp4Facts(ReadOnlySpan<byte> data)
    {
        if (FindBox(data, "moov") is not { } moovRange)
        {
            return null;
        }

        var moov = data[moovRange];
        if (FindBox(moov, "mvhd") is not { } mvhdRange || mvhdRange.GetOffsetAndLength(moov.Length).Length < 32)
        {
            return null;
        }

        var mvhd = moov[mvhdRange];
        var seconds = mvhd[0] == 1
            ? (double)BinaryPrimitives.ReadUInt64BigEndian(mvhd[24..]) / BinaryPrimitives.ReadUInt32BigEndian(mvhd[20..])
            : (double)BinaryPrimitives.ReadUInt32BigEndian(mvhd[16..]) / BinaryPrimitives.ReadUInt32BigEndian(mvhd[12..]);

        var offset = 0;
        while (NextBox(moov[offset..], "trak") is { } trakBox)
        {
            var trak = moov[offset..][trakBox.Payload];
            offset += trakBox.End;
            if (NextBox(trak, "tkhd") is not { } tkhdBox)
            {
                continue;
            }

            var tkhd = trak[tkhdBox.Payload];
            var sizeAt = tkhd[0] == 1 ? 88 : 76;
            if (tkhd.Length < sizeAt + 8)
            {
                continue;
            }

            var width = (int)(BinaryPrimitives.ReadUInt32BigEndian(tkhd[sizeAt..]) >> 16);
            var height = (int)(BinaryPrimitives.ReadUInt32BigEndian(tkhd[(sizeAt + 4)..]) >> 16);
            if (width > 0 && height > 0)
            {
                return (width, height, seconds);
            }
        }

        return null;
    }

    private static (int, int)? JpegSize(ReadOnlySpan<byte> data)
    {
        var i = 2;
        while (i + 9 < data.Length)
        {
            if (data[i] != 0xFF)
            {
                return null;
            }

            var marker = data[i + 1];
            if (marker == 0xFF)
            {
                i++;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data[(i + 2)..]);
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame)
            {
                return (BinaryPrimitives.ReadUInt16BigEndian(data[(i + 7)..]), BinaryPrimitives.ReadUInt16BigEndian(data[(i + 5)..]));
            }

            i += 2 + length;
        }

        return null;
    }

    private static (int, int)? WebpSize(ReadOnlySpan<byte> data)
    {
        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            return (1 + (data[24] | data[25] << 8 | data[26] << 16), 1 + (data[27] | data[28] << 8 | data[29] << 16));
        }

        if (chunk.SequenceEqual("VP8L"u8))
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return ((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1);
        }

        if (chunk.SequenceEqual("VP8 "u8))
        {
            return (BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF);
        }

        return null;
    }

    /// <summary>The payload range of the first box of <paramref name="type"/> at this level.</summary>
    private static Range? FindBox(ReadOnlySpan<byte> data, string type) => NextBox(data, type)?.Payload;

    private static (Range Payload, int End)? NextBox(ReadOnlySpan<byte> data, string type)
    {
        var wanted = System.Text.Encoding.ASCII.GetBytes(type);
        var i = 0;
        while (i + 8 <= data.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(data[i..]);
            var header = 8;
            if (size == 1 && i + 16 <= data.Length)
            {
                size = (long)BinaryPrimitives.ReadUInt64BigEndian(data[(i + 8)..]);
                header = 16;
            }
            else if (size == 0)
            {
                size = data.Length - i;
            }

            if (size < header || i + size > data.Length)
            {
                return null;
            }

            var end = i + (int)size;
            if (data.Slice(i + 4, 4).SequenceEqual(wanted))
            {
                return ((i + header)..end, end);
            }

            i = end;
        }

        return null;
    }
}
