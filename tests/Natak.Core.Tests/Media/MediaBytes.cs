using System.Buffers.Binary;
using System.Text;

namespace Natak.Core.Tests.Media;

/// <summary>Builds minimal, well-formed media headers byte by byte.</summary>
internal static class MediaBytes
{
    public static byte[] Png(int width, int height) =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
        .. U32(13), .. Ascii("IHDR"), .. U32((uint)width), .. U32((uint)height), 8, 6, 0, 0, 0,
        .. U32(0), // CRC (not checked)
        .. U32(0), .. Ascii("IEND"), .. U32(0),
    ];

    /// <summary>SOI, an APP0 segment, optional fill bytes and restart marker, then a frame header with the given marker.</summary>
    public static byte[] Jpeg(int width, int height, byte sofMarker = 0xC0) =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, .. U16(16), .. Ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0,
        0xFF, 0xC4, .. U16(5), 0, 0, 0, // a DHT segment: same marker range as SOF, not a frame
        0xFF, 0xFF, // fill byte
        0xFF, sofMarker, .. U16(17), 8, .. U16((ushort)height), .. U16((ushort)width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        0xFF, 0xDA, .. U16(8), 1, 1, 0, 0, 0x3F, 0,
        0xFF, 0xD9,
    ];

    public static byte[] WebpLossy(int width, int height) => Riff("VP8 ",
    [
        0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A, .. U16Le((ushort)width), .. U16Le((ushort)height), 0, 0,
    ]);

    public static byte[] WebpLossless(int width, int height)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14);
        return Riff("VP8L", [0x2F, .. U32Le(bits), 0, 0, 0, 0, 0]);
    }

    public static byte[] WebpExtended(int width, int height) =>
        Riff("VP8X", [0x10, 0, 0, 0, .. U24Le(width - 1), .. U24Le(height - 1)]);

    public static byte[] Gif(int width, int height) => [.. Ascii("GIF89a"), .. U16Le((ushort)width), .. U16Le((ushort)height), 0, 0, 0];

    public static byte[] Box(string type, params byte[][] content)
    {
        var body = content.SelectMany(c => c).ToArray();
        return [.. U32((uint)(8 + body.Length)), .. Ascii(type), .. body];
    }

    /// <summary>A box with a 64-bit size (size field 1, then the large size).</summary>
    public static byte[] LargeBox(string type, byte[] body) => [.. U32(1), .. Ascii(type), .. U64((ulong)(16 + body.Length)), .. body];

    public static byte[] Ftyp(string brand) => Box("ftyp", Ascii(brand), U32(0x200), Ascii("isomiso2mp41"));

    public static byte[] Mvhd(uint timescale, ulong duration, bool version1 = false) => version1
        ? Box("mvhd", [1, 0, 0, 0], U64(0), U64(0), U32(timescale), U64(duration), new byte[80])
        : Box("mvhd", [0, 0, 0, 0], U32(0), U32(0), U32(timescale), U32((uint)duration), new byte[80]);

    public static byte[] Track(string handler, int width = 0, int height = 0, bool version1 = false) => Box("trak",
        version1
            ? Box("tkhd", [1, 0, 0, 7], U64(0), U64(0), U32(1), U32(0), U64(0), new byte[8], new byte[8], new byte[36], U32((uint)width << 16), U32((uint)height << 16))
            : Box("tkhd", [0, 0, 0, 7], U32(0), U32(0), U32(1), U32(0), U32(0), new byte[8], new byte[8], new byte[36], U32((uint)width << 16), U32((uint)height << 16)),
        Box("mdia", Box("mdhd", [0, 0, 0, 0], new byte[20]), Box("hdlr", [0, 0, 0, 0], U32(0), Ascii(handler), new byte[12], [0])));

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Riff(string chunk, byte[] payload) =>
        [.. Ascii("RIFF"), .. U32Le((uint)(4 + 8 + payload.Length)), .. Ascii("WEBP"), .. Ascii(chunk), .. U32Le((uint)payload.Length), .. payload];

    private static byte[] U16(ushort value) => [(byte)(value >> 8), (byte)value];

    private static byte[] U16Le(ushort value) => [(byte)value, (byte)(value >> 8)];

    private static byte[] U24Le(int value) => [(byte)value, (byte)(value >> 8), (byte)(value >> 16)];

    private static byte[] U32(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return bytes;
    }

    private static byte[] U32Le(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static byte[] U64(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes;
    }
}
