using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Natak.Simulator.Tests;

/// <summary>Small input files built by hand, handed to the simulator as data URIs.</summary>
internal static class TestFiles
{
    /// <summary>A PNG signature and IHDR chunk: all a provider reads to learn the size.</summary>
    public static byte[] PngHeader(int width, int height)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;
        ihdr[9] = 2;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, ihdr.Length);
        png.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes("IHDR").Concat(ihdr).ToArray();
        png.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, PngFile.Crc(typeAndData));
        png.Write(crc);
        return png.ToArray();
    }

    /// <summary>SOI, an APP0 segment, a baseline SOF0 with the size, EOI.</summary>
    public static byte[] JpegHeader(int width, int height)
    {
        var bytes = new List<byte> { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 };
        bytes.AddRange("JFIF\0"u8.ToArray());
        bytes.AddRange([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        bytes.AddRange([0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03]);
        bytes.AddRange([0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
        bytes.AddRange([0xFF, 0xD9]);
        return [.. bytes];
    }

    public static byte[] Zip(int images, string extension = ".jpg")
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            for (var i = 0; i < images; i++)
            {
                using var entry = zip.CreateEntry($"photo_{i}{extension}").Open();
                entry.Write(JpegHeader(512 + i, 512));
            }

            using var caption = new StreamWriter(zip.CreateEntry("photo_0.txt").Open());
            caption.Write("a photo of ohwx");
        }

        return buffer.ToArray();
    }

    public static string DataUri(byte[] bytes, string contentType) => $"data:{contentType};base64,{Convert.ToBase64String(bytes)}";

    public static string PngUri(int width, int height) => DataUri(PngHeader(width, height), "image/png");

    public static string JpegUri(int width, int height) => DataUri(JpegHeader(width, height), "image/jpeg");
}
