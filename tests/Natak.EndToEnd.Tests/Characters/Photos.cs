using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Natak.EndToEnd.Tests.Characters;

/// <summary>Real PNG files (valid chunks and CRCs, deflated pixels): a block of colour per photo, different for each index.</summary>
public static class Photos
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    public static byte[] Png(int index, int width = 96, int height = 128)
    {
        var (r, g, b) = ((byte)(40 + (index * 53 % 200)), (byte)(60 + (index * 97 % 180)), (byte)(80 + (index * 31 % 160)));
        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0);
            for (var x = 0; x < width; x++)
            {
                var face = Math.Abs(x - (width / 2)) < width / 4 && Math.Abs(y - (height / 3)) < height / 5;
                raw.Write(face ? [(byte)230, (byte)190, (byte)160] : [r, g, b]);
            }
        }

        using var deflated = new MemoryStream();
        using (var zlib = new ZLibStream(deflated, CompressionLevel.Optimal, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", deflated.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Plain text, whatever name or type it is given.</summary>
    public static byte[] Text() => Encoding.UTF8.GetBytes("These are my holiday notes, not a photo.\n");

    private static void Chunk(Stream output, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc(typed));
        output.Write(number);
    }

    private static uint Crc(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
