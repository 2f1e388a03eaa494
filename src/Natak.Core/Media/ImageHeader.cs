using System.Buffers.Binary;

namespace Natak.Core.Media;

/// <summary>
/// Reads an image's width and height from its header bytes (PNG, JPEG, WebP, GIF) without decoding it — to measure
/// a delivered output (megapixels billed) and to check a download is the image it claims to be.
/// </summary>
public static class ImageHeader
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The dimensions, or <c>null</c> when the bytes are not a recognised, well-formed image header.</summary>
    public static ImageDimensions? Read(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return ReadPng(data);
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data);
        }

        if (Bytes.HasAscii(data, 0, "RIFF") && Bytes.HasAscii(data, 8, "WEBP"))
        {
            return ReadWebp(data);
        }

        if ((Bytes.HasAscii(data, 0, "GIF87a") || Bytes.HasAscii(data, 0, "GIF89a")) && data.Length >= 10)
        {
            return Positive(BinaryPrimitives.ReadUInt16LittleEndian(data[6..]), BinaryPrimitives.ReadUInt16LittleEndian(data[8..]));
        }

        return null;
    }

    private static ImageDimensions? ReadPng(ReadOnlySpan<byte> data) =>
        Bytes.HasAscii(data, 12, "IHDR") && Bytes.TryUInt32BigEndian(data, 16, out var width) && Bytes.TryUInt32BigEndian(data, 20, out var height)
            && width <= int.MaxValue && height <= int.MaxValue
            ? Positive((int)width, (int)height)
            : null;

    private static ImageDimensions? ReadJpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        while (position + 4 <= data.Length)
        {
            if (data[position] != 0xFF)
            {
                return null;
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                position += 2; // standalone markers carry no length
                continue;
            }

            if (marker is 0xD9 or 0xDA || !Bytes.TryUInt16BigEndian(data, position + 2, out var length) || length < 2)
            {
                return null; // end of image or start of scan before any frame header
            }

            // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but are not frames.
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                return Bytes.TryUInt16BigEndian(data, position + 5, out var height) && Bytes.TryUInt16BigEndian(data, position + 7, out var width)
                    ? Positive(width, height)
                    : null;
            }

            position += 2 + length;
        }

        return null;
    }

    private static ImageDimensions? ReadWebp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return null;
        }

        if (Bytes.HasAscii(data, 12, "VP8 "))
        {
            // Lossy: a 3-byte frame tag, the start code 9D 01 2A, then 14-bit width and height.
            return data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A
                ? Positive(BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF)
                : null;
        }

        if (Bytes.HasAscii(data, 12, "VP8L"))
        {
            // Lossless: signature 0x2F, then width − 1 and height − 1 in 14 bits each.
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            return data[20] == 0x2F ? Positive((int)(bits & 0x3FFF) + 1, (int)((bits >> 14) & 0x3FFF) + 1) : null;
        }

        if (Bytes.HasAscii(data, 12, "VP8X"))
        {
            // Extended: canvas width − 1 and height − 1 in 24 bits each, after flags and 3 reserved bytes.
            return Positive(UInt24(data[24..]) + 1, UInt24(data[27..]) + 1);
        }

        return null;
    }

    private static int UInt24(ReadOnlySpan<byte> data) => data[0] | (data[1] << 8) | (data[2] << 16);

    private static ImageDimensions? Positive(int width, int height) =>
        width > 0 && height > 0 ? new ImageDimensions(width, height) : null;
}
