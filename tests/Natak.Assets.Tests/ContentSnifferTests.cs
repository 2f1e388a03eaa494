using System.Text;

namespace Natak.Assets.Tests;

public sealed class ContentSnifferTests
{
    public static TheoryData<byte[], string?> Samples => new()
    {
        { TestFiles.Jpeg(32), AssetContentTypes.Jpeg },
        { TestFiles.Png(32), AssetContentTypes.Png },
        { [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0], AssetContentTypes.Gif },
        { [.. "RIFF"u8, 0x24, 0, 0, 0, .. "WEBPVP8 "u8], AssetContentTypes.Webp },
        { [0, 0, 0, 0x1C, .. "ftypavif"u8, 0, 0, 0, 0], AssetContentTypes.Avif },
        { [0, 0, 0, 0x18, .. "ftypheic"u8, 0, 0, 0, 0], AssetContentTypes.Heic },
        { TestFiles.Mp4(32), AssetContentTypes.Mp4 },
        { [0, 0, 0, 0x18, .. "ftypmp42"u8, 0, 0, 0, 0], AssetContentTypes.Mp4 },
        { [0, 0, 0, 0x14, .. "ftypqt  "u8, 0, 0, 0, 0], AssetContentTypes.QuickTime },
        { [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 1, 0, 0, 0, 0, 0, 0, 0], AssetContentTypes.Webm },
        { [.. "PK\x03\x04"u8, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0], AssetContentTypes.Zip },
        { [.. "PK\x05\x06"u8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], AssetContentTypes.Zip },
        { [0x40, 0, 0, 0, 0, 0, 0, 0, .. "{\"__metadata__\":"u8], AssetContentTypes.Safetensors },
        { Encoding.ASCII.GetBytes("<html><body>hi</body></html>"), null },
        { Encoding.ASCII.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), null },
        { [0xFF, 0xD8], null },
        { [0x00, 0x01, 0x02, 0x03], null },
        { "caption: Maya at the beach"u8.ToArray(), null },
        { [], null },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_type_is_read_from_the_magic_bytes(byte[] bytes, string? expected)
    {
        Assert.Equal(expected, ContentSniffer.Detect(bytes.AsSpan(0, Math.Min(bytes.Length, ContentSniffer.PrefixLength))));
    }

    [Theory]
    [InlineData("image/jpg", AssetContentTypes.Jpeg, true)]
    [InlineData("IMAGE/JPEG; charset=binary", AssetContentTypes.Jpeg, true)]
    [InlineData(null, AssetContentTypes.Png, true)]
    [InlineData("application/octet-stream", AssetContentTypes.Png, true)]
    [InlineData("binary/octet-stream", AssetContentTypes.Mp4, true)]
    [InlineData("video/quicktime", AssetContentTypes.Mp4, true)]
    [InlineData("image/jpeg", AssetContentTypes.Png, false)]
    [InlineData("text/plain", AssetContentTypes.Jpeg, false)]
    [InlineData("video/mp4", AssetContentTypes.Webm, false)]
    public void A_declared_type_must_agree_with_the_bytes(string? declared, string sniffed, bool expected)
    {
        Assert.Equal(expected, AssetContentTypes.IsCompatible(declared, sniffed));
    }
}
