using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Text;

namespace Natak.Simulator;

/// <summary>
/// Writes 8-bit RGB PNGs (IHDR, one IDAT, IEND, correct CRCs). Rows equal to the previous one use the Up filter
/// and become all zeros; changed rows use the Sub filter, which is zero inside flat runs — so even a 5120×5120
/// picture deflates quickly to a few kilobytes.
/// </summary>
internal static class PngEncoder
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static byte[] Encode(RectScene scene)
    {
        var (width, height) = (scene.Width, scene.Height);
        if (width < 1 || height < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(scene), "an image needs at least one pixel");
        }

        using var output = new MemoryStream();
        output.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: truecolour RGB
        header[10] = 0; // deflate
        header[11] = 0; // adaptive filtering
        header[12] = 0; // no interlace
        WriteChunk(output, "IHDR", header);

        WriteChunk(output, "IDAT", CompressRows(scene));
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] CompressRows(RectScene scene)
    {
        var stride = scene.Width * 3;
        var raw = new byte[stride];
        var filtered = new byte[stride + 1];
        var unchanged = new byte[stride + 1];
        unchanged[0] = 2; // Up filter: identical row encodes as zeros

        var boundaries = scene.RowBoundaries();
        using var compressed = new MemoryStream();
        // why: run-length strategy only looks for distance-1 matches, exactly what the zero rows are — fast and ~1000:1
        var options = new ZLibCompressionOptions { CompressionLevel = 6, CompressionStrategy = ZLibCompressionStrategy.RunLengthEncoding };
        using (var zlib = new ZLibStream(compressed, options, leaveOpen: true))
        {
            for (var y = 0; y < scene.Height; y++)
            {
                if (!boundaries.Contains(y))
                {
                    zlib.Write(unchanged);
                    continue;
                }

                scene.PaintRow(y, raw);
                filtered[0] = 1; // Sub filter
                raw.AsSpan(0, Math.Min(3, stride)).CopyTo(filtered.AsSpan(1));
                for (var i = 3; i < stride; i++)
                {
                    filtered[i + 1] = unchecked((byte)(raw[i] - raw[i - 3]));
                }

                zlib.Write(filtered);
            }
        }

        return compressed.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(typeBytes);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
