using System.Text;
using Natak.Core.Media;
using static Natak.Core.Tests.Media.MediaBytes;

namespace Natak.Core.Tests.Media;

public class ContentSnifferTests
{
    public static TheoryData<byte[], string> Samples => new()
    {
        { Png(1, 1), "image/png" },
        { Jpeg(1, 1), "image/jpeg" },
        { WebpLossy(1, 1), "image/webp" },
        { Gif(1, 1), "image/gif" },
        { [.. Ftyp("isom"), .. Box("moov")], "video/mp4" },
        { [.. Ftyp("mp42")], "video/mp4" },
        { [.. Ftyp("qt  ")], "video/quicktime" },
        { [.. Ftyp("heic")], "image/heic" },
        { [0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0], "application/zip" },
        { [0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0], "application/zip" },
        { Encoding.UTF8.GetBytes("caption: Maya at the beach\r\n\tsmiling — ü"), "text/plain" },
        { [0x00, 0x01, 0x02, 0x03], "application/octet-stream" },
        { [0xC3, 0x28, 0x41, 0x42], "application/octet-stream" },
        { [], "application/octet-stream" },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Recognises_the_format_by_its_magic_bytes(byte[] data, string contentType)
    {
        Assert.Equal(contentType, ContentSniffer.Sniff(data));
    }

    [Fact]
    public void Text_cut_inside_a_multi_byte_character_is_still_text()
    {
        var bytes = Encoding.UTF8.GetBytes("smiling — ü");

        Assert.Equal("text/plain", ContentSniffer.Sniff(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void A_claimed_type_must_match_the_bytes()
    {
        Assert.True(ContentSniffer.Matches("image/jpeg", Jpeg(1, 1)));
        Assert.True(ContentSniffer.Matches("IMAGE/JPG; charset=binary", Jpeg(1, 1)));
        Assert.True(ContentSniffer.Matches("text/csv", "a,b\n1,2"u8));
        Assert.False(ContentSniffer.Matches("image/png", Jpeg(1, 1)));
        Assert.False(ContentSniffer.Matches("video/mp4", Encoding.UTF8.GetBytes("<html>")));
        Assert.False(ContentSniffer.Matches("image/jpeg", Encoding.UTF8.GetBytes("<svg onload=alert(1)>")));
    }
}
