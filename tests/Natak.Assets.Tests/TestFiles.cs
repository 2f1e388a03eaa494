using System.Text;

namespace Natak.Assets.Tests;

/// <summary>Byte payloads with real magic numbers followed by random filler.</summary>
public static class TestFiles
{
    public const int MiB = 1024 * 1024;

    public static byte[] Jpeg(int size) => WithPrefix([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00], size);

    public static byte[] Png(int size) => WithPrefix([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], size);

    public static byte[] Mp4(int size) => WithPrefix([0x00, 0x00, 0x00, 0x20, .. "ftypisom"u8], size);

    public static byte[] Text(int size) => Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("this is not an image. ", (size / 22) + 1)))[..size];

    private static byte[] WithPrefix(byte[] prefix, int size)
    {
        var bytes = new byte[size];
        Random.Shared.NextBytes(bytes);
        prefix.CopyTo(bytes, 0);
        return bytes;
    }
}
