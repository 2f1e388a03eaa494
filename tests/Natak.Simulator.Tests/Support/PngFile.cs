using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Natak.Simulator.Tests;

/// <summary>
/// An independent PNG check: signature, every chunk's CRC, IHDR, and that IDAT inflates to exactly the scanlines,
/// each starting with a valid filter type. Scanlines are kept for pictures up to 16 MB raw.
/// </summary>
internal sealed record PngFile(int Width, int Height, int BitDepth, int ColorType, byte[]? Scanlines)
{
    public static PngFile Read(byte[] data)
    {
        Assert.True(data.AsSpan(0, 8).SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "PNG signature");
        var offset = 8;
        int width = 0, height = 0, depth = 0, colour = 0;
        using var idat = new MemoryStream();
        var sawEnd = false;
        while (offset < data.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(offset));
            var type = Encoding.ASCII.GetString(data, offset + 4, 4);
            var body = data.AsSpan(offset + 8, length);
            var stored = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(offset + 8 + length));
            Assert.Equal(Crc(data.AsSpan(offset + 4, 4 + length).ToArray()), stored);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(body);
                    height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                    depth = body[8];
                    colour = body[9];
                    break;
                case "IDAT":
                    idat.Write(body);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
            }

            offset += 12 + length;
        }

        Assert.True(sawEnd, "IEND chunk");
        idat.Position = 0;
        var stride = 1 + width * 3L;
        var expected = height * stride;
        var keep = expected <= 16L << 20 ? new byte[expected] : null;
        var buffer = new byte[1 << 16];
        var total = 0L;
        var nextFilterByte = 0L;
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            int read;
            while ((read = zlib.Read(buffer)) > 0)
            {
                for (; nextFilterByte < total + read; nextFilterByte += stride)
                {
                    Assert.InRange(buffer[nextFilterByte - total], 0, 4);
                }

                if (keep is not null && total + read <= expected)
                {
                    buffer.AsSpan(0, read).CopyTo(keep.AsSpan((int)total));
                }

                total += read;
            }
        }

        Assert.Equal(expected, total);
        return new PngFile(width, height, depth, colour, keep);
    }

    /// <summary>The CRC-32 PNG stores after a chunk's type and data.</summary>
    public static uint Crc(byte[] bytes) => System.IO.Hashing.Crc32.HashToUInt32(bytes);
}
